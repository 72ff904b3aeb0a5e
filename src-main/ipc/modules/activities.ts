import type { activityChannels } from '../../../src-shared/contract/activities';
import type { ModuleContext, ModuleHandlers } from './context';

/** Handlers for src-shared/contract/activities.ts. */
export const activityHandlers = (_ctx: ModuleContext): ModuleHandlers<typeof activityChannels> => ({});
