import { join } from 'node:path';
import type { RestoreResult } from '../../../src-shared/types';
import type { Db } from '../../db/connection';
import type { Workspace } from '../workspace/workspace';
import { backupSettings, createBackup, restoreBackup } from './backup';

/**
 * Restores a backup of this workspace from the backup folder, as the settings screen does it:
 * the backup is checked first; just before the swap a safety backup of the current data is made
 * (so a wrong choice can be undone) and every session is ended — the database under them is
 * replaced. `endCaller` logs out the session that asked.
 */
export const restoreFromBackupFolder = async (ws: Workspace, db: Db, fileName: string, endCaller: () => void): Promise<RestoreResult> => {
  const { dir } = backupSettings(ws, db);
  const key = Buffer.from(ws.openKey());
  let safety = '';
  try {
    const preview = await restoreBackup(ws, join(dir, fileName), key, {
      expectWorkspaceId: ws.keyring().workspaceId,
      beforeSwap: async () => {
        safety = (await createBackup(ws, db, 'before-restore', dir)).fileName;
        ws.closeAll();
        endCaller();
      },
    });
    return { createdAt: preview.manifest.createdAt, users: preview.users, customers: preview.customers, safetyBackup: safety };
  } finally {
    key.fill(0);
  }
};
