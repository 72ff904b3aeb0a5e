import type { exchangeChannels } from '../../../src-shared/contract/exchange';
import type { ModuleContext, ModuleHandlers } from './context';

/** Handlers for src-shared/contract/exchange.ts. */
export const exchangeHandlers = (_ctx: ModuleContext): ModuleHandlers<typeof exchangeChannels> => ({});
