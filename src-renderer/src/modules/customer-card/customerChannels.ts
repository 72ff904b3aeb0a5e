import type { Channel } from '@shared/contract';

/** Everything that shows a customer: refreshed after any change to one. */
export const customerChannels: Channel[] = [
  'customers.get',
  'customers.list',
  'customers.history',
  'customers.checkDuplicates',
  'customers.merges',
  'customers.recycleBin',
  'customers.stale',
  'search.query',
];
