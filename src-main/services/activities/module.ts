import { activityTables } from '../../db/tables/activities';
import type { ServiceModule } from '../module';

/** Contact logs, follow-up tasks, greetings and surveys. */
export const activitiesModule: ServiceModule = { name: 'activities', tables: activityTables };
