import { exchangeTables } from '../../db/tables/exchange';
import type { ServiceModule } from '../module';
import { exchangeHandlers } from './handlers';
import { installExchangeTriggers } from './triggers';

/** The LAN exchange between office PCs: change stamps on every exchanged table, the history, conflicts. */
export const exchangeModule: ServiceModule = {
  name: 'exchange',
  handlers: exchangeHandlers,
  tables: exchangeTables,
  // A change stamp per exchanged row, kept by triggers (the declarations come from every domain's tables).
  hooks: { install: (sqlite) => installExchangeTriggers(sqlite) },
};
