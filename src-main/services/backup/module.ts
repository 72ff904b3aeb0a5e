import type { ServiceModule } from '../module';
import { backupHandlers } from './handlers';

/** Backups, restore and the integrity check. */
export const backupModule: ServiceModule = { name: 'backup', handlers: backupHandlers };
