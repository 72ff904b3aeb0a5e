import type { reportChannels } from '../../../src-shared/contract/reports';
import type { ModuleContext, ModuleHandlers } from './context';

/** Handlers for src-shared/contract/reports.ts. */
export const reportHandlers = (_ctx: ModuleContext): ModuleHandlers<typeof reportChannels> => ({});
