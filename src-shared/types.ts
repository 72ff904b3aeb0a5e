import type { CompanyDetails } from './print/company';
import type { Role } from './roles';

export type UserInfo = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  createdAt: number;
  lastLoginAt: number | null;
  /** In a session: the password was set by an administrator and must be changed before anything else. */
  mustChangePassword?: boolean;
};

export type SessionInfo = {
  user: UserInfo;
  companyName: string;
};

export type AppStatus = {
  initialized: boolean;
  session: SessionInfo | null;
};

export type SetupResult = {
  /** Shown once: the only copy the app will ever display. */
  recoveryKey: string;
};

export const loginEventKinds = ['success', 'failure', 'locked', 'logout', 'recovery'] as const;
export type LoginEventKind = (typeof loginEventKinds)[number];

export type LoginEvent = {
  id: number;
  at: number;
  kind: LoginEventKind;
  userId: string | null;
  username: string | null;
};

export type Page<T> = { rows: T[]; total: number };

/** The office's settings: the company's name and the details its printouts carry (address, phone, fax, logo). */
export type Settings = { companyName: string } & CompanyDetails;

export type IntegrityReport = {
  integrity: string;
  schemaVersion: number;
  appSchemaVersion: number;
  userCount: number;
};

export type BackupInfo = {
  fileName: string;
  size: number;
  createdAt: number;
  reason: 'manual' | 'daily' | 'quit' | 'before-restore';
  schemaVersion: number;
};
/** `dir` is the folder in use; `isDefault` when it is the default one inside the data folder. */
export type BackupSettings = { dir: string; retentionDays: number; isDefault: boolean };
export type RestoreResult = { createdAt: number; users: number; customers: number; safetyBackup: string };
