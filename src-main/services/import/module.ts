import { importTables } from '../../db/tables/import';
import type { ServiceModule } from '../module';

/** Lead imports from trade-directory spreadsheets: batches and their undo. */
export const importModule: ServiceModule = { name: 'import', tables: importTables };
