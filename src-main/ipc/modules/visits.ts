import type { visitChannels } from '../../../src-shared/contract/visits';
import type { ModuleContext, ModuleHandlers } from './context';

/** Handlers for src-shared/contract/visits.ts. */
export const visitHandlers = (_ctx: ModuleContext): ModuleHandlers<typeof visitChannels> => ({});
