import type { keyChannels } from '../../../src-shared/contract/keys';
import { keyStatus, rekey } from '../../services/rekey/rekey';
import type { ModuleContext, ModuleHandlers } from './context';

/** Handlers for src-shared/contract/keys.ts: the re-key's progress and a manual (or retried) re-key. */
export const keyHandlers = (ctx: ModuleContext): ModuleHandlers<typeof keyChannels> => ({
  'keys.status': () => keyStatus(ctx.ws, ctx.db()),
  'keys.rekey': async () => {
    const run = await rekey(ctx.ws, ctx.db(), { reason: 'manual' });
    run.newKey.fill(0);
    return run.outcome;
  },
});
