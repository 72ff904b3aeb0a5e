import type { ServiceModule } from '../module';
import { searchHandlers } from './handlers';

/** Global search. */
export const searchModule: ServiceModule = { name: 'search', handlers: searchHandlers };
