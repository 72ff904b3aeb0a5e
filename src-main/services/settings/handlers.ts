import type { settingChannels } from '../../../src-shared/contract/settings';
import type { ModuleContext, ModuleHandlers } from '../module';
import { getSettings, setCompanyLogo, updateSettings } from './settings';

/** Handlers for src-shared/contract/settings.ts. */
export const settingHandlers = ({ db, read }: ModuleContext): ModuleHandlers<typeof settingChannels> => ({
  'settings.get': () => getSettings(read()),
  'settings.update': (input, { user }) => updateSettings(db(), user.id, input),
  'settings.setLogo': (input, { user }) => setCompanyLogo(db(), user.id, input),
});
