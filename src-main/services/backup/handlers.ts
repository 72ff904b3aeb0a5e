import type { backupChannels } from '../../../src-shared/contract/backup';
import { integrityCheck } from '../../db/connection';
import { schemaLevel } from '../../db/migrate';
import type { ModuleContext, ModuleHandlers } from '../module';
import { listUsers } from '../users/users';
import { backupSettings, createBackup, listBackups, updateBackupSettings } from './backup';
import { restoreFromBackupFolder } from './restoreFlow';

/** Handlers for src-shared/contract/backup.ts (admins). */
export const backupHandlers = ({ ws, db, read }: ModuleContext): ModuleHandlers<typeof backupChannels> => ({
  'system.check': () => {
    const open = read();
    const level = schemaLevel(open.sqlite, ws.migrationsFolder);
    return { integrity: integrityCheck(open), schemaVersion: level.applied, appSchemaVersion: level.known, userCount: listUsers(open).length };
  },
  'backup.list': () => listBackups(ws, backupSettings(ws, read()).dir),
  'backup.create': () => createBackup(ws, db(), 'manual'),
  'backup.settings': () => backupSettings(ws, read()),
  'backup.updateSettings': (input, { user }) => updateBackupSettings(ws, db(), user.id, input),
  // Everyone is logged out: the database under their sessions is replaced.
  'backup.restore': (input, { session }) =>
    restoreFromBackupFolder(ws, db(), input.fileName, () => {
      session.user = null;
    }),
});
