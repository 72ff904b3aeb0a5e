import { searchSchema } from '../customers/schemas';
import type { SearchHit } from '../customers/types';
import { channel } from './channel';

/** Global search over customers, contacts and the rest (results filtered by what the user may see). */
export const searchChannels = {
  'search.query': channel<SearchHit[]>()({ input: searchSchema, access: 'user', reads: ['customers', 'contacts', 'users'] }),
} as const;
