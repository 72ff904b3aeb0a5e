import type { Channel } from '@shared/contract';

/** Everything that shows visits, minutes or their effects: refreshed after any change to one. */
export const visitChannels: Channel[] = [
  'visits.list',
  'visits.get',
  'visits.approvalQueue',
  'visits.customerSummary',
  'visits.suggestions',
  'visits.notifications',
  'minutes.list',
  'minutes.due',
  'minutes.reviewQueue',
  'minutes.get',
  'customers.get',
];

/** What a carried-out visit or approved minutes also change: the contact log and follow-up tasks. */
export const activityEffects: Channel[] = ['activities.list', 'activities.listTasks', 'activities.dashboard'];
