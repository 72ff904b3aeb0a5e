import { backupFileSchema, backupSettingsSchema, emptyInputSchema } from '../schemas';
import type { BackupInfo, BackupSettings, IntegrityReport, RestoreResult } from '../types';
import { admin, channel } from './channel';

/** Backups, restore and the integrity check (admin). */
export const backupChannels = {
  'system.check': channel<IntegrityReport>()({ input: emptyInputSchema, access: admin }),
  'backup.list': channel<BackupInfo[]>()({ input: emptyInputSchema, access: admin, reads: ['settings'] }),
  'backup.create': channel<BackupInfo>()({ input: emptyInputSchema, access: admin }),
  'backup.restore': channel<RestoreResult>()({ input: backupFileSchema, access: admin }),
  'backup.settings': channel<BackupSettings>()({ input: emptyInputSchema, access: admin, reads: ['settings'] }),
  'backup.updateSettings': channel<BackupSettings>()({ input: backupSettingsSchema, access: admin }),
} as const;
