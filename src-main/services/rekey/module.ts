import type { ServiceModule } from '../module';
import { keyHandlers } from './handlers';

/** The database key: re-keying when someone leaves, a new recovery key. */
export const keysModule: ServiceModule = { name: 'keys', handlers: keyHandlers };
