import type { Channel } from '@shared/contract';
import { customerChannels } from '../customer-card/customerChannels';

/** Everything that shows contact-log entries, tasks, surveys or their effect on a customer: refreshed after any change. */
export const activityChannels: Channel[] = [
  ...customerChannels,
  'activities.list',
  'activities.get',
  'activities.listTasks',
  'activities.listSurveys',
  'activities.dashboard',
  'activities.greetings',
  'customers.overdueFirstContact',
];
