import type { prefChannels } from '../../../src-shared/contract/prefs';
import type { ModuleContext, ModuleHandlers } from '../module';
import { getPref, setPref } from './prefs';

/** Handlers for src-shared/contract/prefs.ts: each user's own preferences. */
export const prefHandlers = ({ db, read }: ModuleContext): ModuleHandlers<typeof prefChannels> => ({
  'prefs.get': (input, { user }) => getPref(read(), user.id, input.key),
  'prefs.set': (input, { user }) => {
    setPref(db(), user.id, input.key, input.value);
    return null;
  },
});
