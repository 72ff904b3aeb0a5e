import type { ServiceModule } from '../module';
import { prefHandlers } from './handlers';

/** Per-user preferences. */
export const prefsModule: ServiceModule = { name: 'prefs', handlers: prefHandlers };
