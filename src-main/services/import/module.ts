import { importTables } from '../../db/tables/import';
import type { ServiceModule } from '../module';
import { importHandlers } from './handlers';

/** Lead imports from trade-directory spreadsheets: batches and their undo. */
export const importModule: ServiceModule = { name: 'import', handlers: importHandlers, tables: importTables };
