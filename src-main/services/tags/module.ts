import type { ServiceModule } from '../module';
import { tagHandlers } from './handlers';

/** Tags. */
export const tagsModule: ServiceModule = { name: 'tags', handlers: tagHandlers };
