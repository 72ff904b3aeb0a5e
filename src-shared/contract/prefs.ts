import { prefKeySchema, prefSchema } from '../customers/schemas';
import { channel } from './channel';

/** Per-user preferences (saved list columns, filters). */
export const prefChannels = {
  'prefs.get': channel<unknown>()({ input: prefKeySchema, access: 'user', reads: ['user_prefs'] }),
  'prefs.set': channel<null>()({ input: prefSchema, access: 'user' }),
} as const;
