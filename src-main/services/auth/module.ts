import type { ServiceModule } from '../module';
import { authHandlers } from './handlers';

/** Opening the workspace: set-up, joining from a backup, login, recovery, one's own password. */
export const authModule: ServiceModule = { name: 'auth', handlers: authHandlers };
