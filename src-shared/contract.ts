import { z } from 'zod';
import {
  backupFileSchema,
  backupSettingsSchema,
  changePasswordInputSchema,
  createUserInputSchema,
  emptyInputSchema,
  idSchema,
  loginInputSchema,
  pageInputSchema,
  recoverInputSchema,
  setPasswordInputSchema,
  settingsUpdateSchema,
  setupInputSchema,
  updateUserInputSchema,
} from './schemas';
import {
  assignSchema,
  balanceSchema,
  bulkTagSchema,
  contactCreateSchema,
  contactUpdateSchema,
  customerCreateSchema,
  customerExportSchema,
  customerListSchema,
  customerUpdateSchema,
  duplicateCheckSchema,
  handoverSchema,
  idsSchema,
  mergeListSchema,
  mergeSchema,
  pageSchema,
  prefKeySchema,
  prefSchema,
  releaseSchema,
  restoreVersionSchema,
  searchSchema,
  setStatusSchema,
  setTierSchema,
  staleSchema,
  tagInputSchema,
  tagUpdateSchema,
} from './customers/schemas';
import type {
  BulkResult,
  Contact,
  Customer,
  CustomerCard,
  CustomerListRow,
  CustomerVersion,
  ExportedFile,
  DuplicateHit,
  MergeRecord,
  OverdueFirstContact,
  SearchHit,
  Tag,
} from './customers/types';
import {
  importAnalyzeSchema,
  importBatchSchema,
  importCommitSchema,
  importJobSchema,
  importPreviewSchema,
  importSheetsSchema,
  importUploadSchema,
} from './import/schemas';
import type {
  ImportAnalysisView,
  ImportBatchInfo,
  ImportFileInfo,
  ImportJobState,
  ImportPreview,
  ImportUndoResult,
} from './import/types';
import type {
  AppStatus,
  BackupInfo,
  BackupSettings,
  RestoreResult,
  IntegrityReport,
  LoginEvent,
  Page,
  SessionInfo,
  Settings,
  SetupResult,
  UserInfo,
} from './types';

import { admin, byId, channel, manager, type ChannelDef } from './contract/channel';
export type { Access, ChannelDef } from './contract/channel';
import { activityChannels } from './contract/activities';
import { visitChannels } from './contract/visits';
import { orderChannels } from './contract/orders';
import { reportChannels } from './contract/reports';
import { exchangeChannels } from './contract/exchange';
import { printChannels } from './contract/print';
import { logoUploadSchema } from './print/company';
import { keyChannels } from './contract/keys';


import { joinRestoreSchema, joinUploadSchema, type JoinResult } from './backup/join';

/**
 * The one IPC contract. Every channel the renderer can call is here; the main
 * process's handler map is typed from it (a missing or mistyped handler does
 * not compile) and the preload refuses any name not in it.
 */
export const contract = {
  'app.status': channel<AppStatus>()({ input: emptyInputSchema, access: 'public' }),
  'setup.create': channel<SetupResult>()({ input: setupInputSchema, access: 'public' }),
  // A new PC joins from a backup (only while this PC has no workspace).
  'setup.joinUpload': channel<{ uploadId: string; size: number }>()({ input: joinUploadSchema, access: 'public' }),
  'setup.join': channel<JoinResult>()({ input: joinRestoreSchema, access: 'public' }),

  'auth.login': channel<SessionInfo>()({ input: loginInputSchema, access: 'public' }),
  'auth.recover': channel<SessionInfo>()({ input: recoverInputSchema, access: 'public' }),
  'auth.logout': channel<null>()({ input: emptyInputSchema, access: 'user' }),
  'auth.changePassword': channel<null>()({ input: changePasswordInputSchema, access: 'user' }),
  'auth.myLogins': channel<LoginEvent[]>()({ input: emptyInputSchema, access: 'user' }),

  'users.list': channel<UserInfo[]>()({ input: emptyInputSchema, access: admin }),
  'users.create': channel<UserInfo>()({ input: createUserInputSchema, access: admin }),
  'users.update': channel<UserInfo>()({ input: updateUserInputSchema, access: admin }),
  'users.deactivate': channel<UserInfo>()({ input: z.object({ id: idSchema }), access: admin }),
  'users.activate': channel<UserInfo>()({ input: setPasswordInputSchema, access: admin }),
  'users.resetPassword': channel<UserInfo>()({ input: setPasswordInputSchema, access: admin }),

  'loginHistory.list': channel<Page<LoginEvent>>()({ input: pageInputSchema, access: admin }),

  'settings.get': channel<Settings>()({ input: emptyInputSchema, access: 'user' }),
  'settings.update': channel<Settings>()({ input: settingsUpdateSchema, access: admin }),
  'settings.setLogo': channel<Settings>()({ input: logoUploadSchema, access: admin }),

  'system.check': channel<IntegrityReport>()({ input: emptyInputSchema, access: admin }),
  'backup.list': channel<BackupInfo[]>()({ input: emptyInputSchema, access: admin }),
  'backup.create': channel<BackupInfo>()({ input: emptyInputSchema, access: admin }),
  'backup.restore': channel<RestoreResult>()({ input: backupFileSchema, access: admin }),
  'backup.settings': channel<BackupSettings>()({ input: emptyInputSchema, access: admin }),
  'backup.updateSettings': channel<BackupSettings>()({ input: backupSettingsSchema, access: admin }),
  'system.rotateRecoveryKey': channel<SetupResult>()({
    input: z.object({ password: z.string().min(1).max(1024) }),
    access: admin,
  }),

  'prefs.get': channel<unknown>()({ input: prefKeySchema, access: 'user' }),
  'prefs.set': channel<null>()({ input: prefSchema, access: 'user' }),
  'users.directory': channel<{ id: string; username: string; displayName: string; role: 'admin' | 'manager' | 'sales'; active: boolean }[]>()({
    input: emptyInputSchema,
    access: 'user',
  }),

  // Customers: 'user' access, with ownership checked per record in the service.
  'customers.list': channel<Page<CustomerListRow>>()({ input: customerListSchema, access: 'user' }),
  'customers.get': channel<CustomerCard>()({ input: byId, access: 'user' }),
  'customers.checkDuplicates': channel<DuplicateHit[]>()({ input: duplicateCheckSchema, access: 'user' }),
  'customers.create': channel<Customer>()({ input: customerCreateSchema, access: 'user' }),
  'customers.update': channel<Customer>()({ input: customerUpdateSchema, access: 'user' }),
  'customers.delete': channel<BulkResult>()({ input: idsSchema, access: 'user' }),
  'customers.restore': channel<BulkResult>()({ input: idsSchema, access: 'user' }),
  'customers.recycleBin': channel<Page<CustomerListRow>>()({ input: pageSchema, access: 'user' }),
  'customers.purge': channel<BulkResult>()({ input: idsSchema, access: admin }),
  'customers.claim': channel<BulkResult>()({ input: idsSchema, access: 'user' }),
  'customers.release': channel<BulkResult>()({ input: releaseSchema, access: 'user' }),
  'customers.assign': channel<BulkResult>()({ input: assignSchema, access: manager }),
  'customers.balance': channel<BulkResult>()({ input: balanceSchema, access: manager }),
  'customers.handover': channel<BulkResult>()({ input: handoverSchema, access: manager }),
  'customers.setStatus': channel<BulkResult>()({ input: setStatusSchema, access: 'user' }),
  'customers.setTier': channel<BulkResult>()({ input: setTierSchema, access: manager }),
  'customers.bulkTag': channel<BulkResult>()({ input: bulkTagSchema, access: 'user' }),
  'customers.history': channel<CustomerVersion[]>()({ input: byId, access: 'user' }),
  'customers.restoreVersion': channel<Customer>()({ input: restoreVersionSchema, access: 'user' }),
  'customers.merge': channel<MergeRecord>()({ input: mergeSchema, access: manager }),
  'customers.undoMerge': channel<MergeRecord>()({ input: byId, access: manager }),
  'customers.merges': channel<MergeRecord[]>()({ input: mergeListSchema, access: manager }),
  'customers.stale': channel<Page<CustomerListRow>>()({ input: staleSchema, access: 'user' }),
  'customers.export': channel<ExportedFile>()({ input: customerExportSchema, access: 'user' }),
  'customers.overdueFirstContact': channel<OverdueFirstContact[]>()({ input: emptyInputSchema, access: manager }),

  'contacts.create': channel<Contact>()({ input: contactCreateSchema, access: 'user' }),
  'contacts.update': channel<Contact>()({ input: contactUpdateSchema, access: 'user' }),
  'contacts.delete': channel<null>()({ input: byId, access: 'user' }),
  'contacts.export': channel<ExportedFile>()({ input: customerExportSchema.omit({ columns: true }), access: 'user' }),

  'tags.list': channel<Tag[]>()({ input: emptyInputSchema, access: 'user' }),
  'tags.create': channel<Tag>()({ input: tagInputSchema, access: manager }),
  'tags.update': channel<Tag>()({ input: tagUpdateSchema, access: manager }),
  'tags.delete': channel<null>()({ input: byId, access: manager }),

  // Lead import (managers): upload → sheets → preview → analyze → commit (a job) → progress/cancel; batches and undo.
  'import.upload': channel<{ uploadId: string; size: number }>()({ input: importUploadSchema, access: manager }),
  'import.sheets': channel<ImportFileInfo>()({ input: importSheetsSchema, access: manager }),
  'import.preview': channel<ImportPreview>()({ input: importPreviewSchema, access: manager }),
  'import.analyze': channel<ImportAnalysisView>()({ input: importAnalyzeSchema, access: manager }),
  'import.commit': channel<{ jobId: string }>()({ input: importCommitSchema, access: manager }),
  'import.progress': channel<ImportJobState>()({ input: importJobSchema, access: manager }),
  'import.cancel': channel<ImportJobState>()({ input: importJobSchema, access: manager }),
  'import.errorWorkbook': channel<ExportedFile>()({ input: importSheetsSchema, access: manager }),
  'import.discard': channel<null>()({ input: importSheetsSchema, access: manager }),
  'import.batches': channel<ImportBatchInfo[]>()({ input: emptyInputSchema, access: manager }),
  'import.undo': channel<ImportUndoResult>()({ input: importBatchSchema, access: manager }),

  'search.query': channel<SearchHit[]>()({ input: searchSchema, access: 'user' }),

  // Later capabilities declare their channels in src-shared/contract/<module>.ts.
  ...activityChannels,
  ...visitChannels,
  ...orderChannels,
  ...reportChannels,
  ...exchangeChannels,
  ...printChannels,
  ...keyChannels,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<K extends Channel> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends Channel> = z.output<Contract[K]['input']>;
export type ChannelOutput<K extends Channel> =
  Contract[K] extends ChannelDef<z.ZodType, infer O> ? O : never;

export const channels = Object.keys(contract) as Channel[];

export const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
