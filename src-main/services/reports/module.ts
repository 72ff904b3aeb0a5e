import { reportTables } from '../../db/tables/reports';
import type { ServiceModule } from '../module';

/** Reports and their saved snapshots. */
export const reportsModule: ServiceModule = { name: 'reports', tables: reportTables };
