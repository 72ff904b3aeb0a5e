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
  /** What this user may do screen by screen, from the main process's policy (src-main/services/policy). */
  can: UserCan;
};

/**
 * A person's rights that do not depend on one record: which menus, screens, filters and bulk actions
 * they get. The main process checks the same rules on every call; records carry their own `can`.
 */
export type UserCan = {
  /** Everyone's customers, orders, visits, minutes, tasks and figures: owner and salesperson filters, team columns. Sales: their own. */
  seeTeam: boolean;
  /** Plan visits, write minutes and record orders for any customer (sales: for their own customers). */
  workForAnyCustomer: boolean;
  /** Log a contact, give a task or credit a sale in someone else's name. */
  actForOthers: boolean;
  /** Assign, balance and hand over customers, choose a new customer's owner, follow overdue first contacts. */
  assignCustomers: boolean;
  setTier: boolean;
  mergeCustomers: boolean;
  /** Delete customers for good from the recycle bin. */
  purgeCustomers: boolean;
  manageTags: boolean;
  importLeads: boolean;
  /** Approve or reject visit plans and review minutes (the approval queue). */
  reviewWork: boolean;
  /** The office's working rules: greeting days, visit targets, the order rules (ABC, churn). */
  setOfficeRules: boolean;
  commentSalesReports: boolean;
  /** The plain export of all the office's data. */
  exportAllData: boolean;
  /** Users, roles and the login history. */
  manageUsers: boolean;
  /** Company details, the integrity check, backups and restore, the encryption keys. */
  manageSystem: boolean;
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
