import { reportTables } from '../../db/tables/reports';
import type { ServiceModule } from '../module';
import { reportHandlers } from './handlers';

/** Reports and their saved snapshots. */
export const reportsModule: ServiceModule = { name: 'reports', handlers: reportHandlers, tables: reportTables };
