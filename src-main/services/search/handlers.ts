import type { searchChannels } from '../../../src-shared/contract/search';
import type { ModuleContext, ModuleHandlers } from '../module';
import { searchCustomers } from './search';

/** Handlers for src-shared/contract/search.ts: results are limited to what the user may see. */
export const searchHandlers = ({ read }: ModuleContext): ModuleHandlers<typeof searchChannels> => ({
  'search.query': (input, { user }) => searchCustomers(read(), user, input.q, input.limit),
});
