import { logoUploadSchema } from '../print/company';
import { emptyInputSchema, settingsUpdateSchema } from '../schemas';
import type { Settings } from '../types';
import { admin, channel } from './channel';

/** Workspace settings: company details and logo, rules. */
export const settingChannels = {
  'settings.get': channel<Settings>()({ input: emptyInputSchema, access: 'user', reads: ['settings'] }),
  'settings.update': channel<Settings>()({ input: settingsUpdateSchema, access: admin }),
  'settings.setLogo': channel<Settings>()({ input: logoUploadSchema, access: admin }),
} as const;
