import type { orderChannels } from '../../../src-shared/contract/orders';
import type { ModuleContext, ModuleHandlers } from './context';

/** Handlers for src-shared/contract/orders.ts. */
export const orderHandlers = (_ctx: ModuleContext): ModuleHandlers<typeof orderChannels> => ({});
