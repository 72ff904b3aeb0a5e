import { activityTables } from '../../db/tables/activities';
import type { ServiceModule } from '../module';
import { activityHandlers } from './handlers';

/** Contact logs, follow-up tasks, greetings and surveys. */
export const activitiesModule: ServiceModule = { name: 'activities', handlers: activityHandlers, tables: activityTables };
