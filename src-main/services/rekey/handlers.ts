import type { keyChannels } from '../../../src-shared/contract/keys';
import { rotateRecoveryKey } from '../auth/auth';
import { keyStatus, rekey } from './rekey';
import type { ModuleContext, ModuleHandlers } from '../module';

/** Handlers for src-shared/contract/keys.ts: the re-key's progress, a manual (or retried) re-key, a new recovery key. */
export const keyHandlers = (ctx: ModuleContext): ModuleHandlers<typeof keyChannels> => ({
  'keys.status': () => keyStatus(ctx.ws, ctx.read()),
  'keys.rekey': async () => {
    const run = await rekey(ctx.ws, ctx.db(), { reason: 'manual' });
    run.newKey.fill(0);
    return run.outcome;
  },
  'system.rotateRecoveryKey': (input, { user }) => rotateRecoveryKey(ctx.ws, user, input.password),
});
