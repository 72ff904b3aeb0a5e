import { tagInputSchema, tagUpdateSchema } from '../customers/schemas';
import type { Tag } from '../customers/types';
import { emptyInputSchema } from '../schemas';
import { byId, channel, manager } from './channel';

/** Tags: managers keep the list. */
export const tagChannels = {
  'tags.list': channel<Tag[]>()({ input: emptyInputSchema, access: 'user', reads: ['tags'] }),
  'tags.create': channel<Tag>()({ input: tagInputSchema, access: manager }),
  'tags.update': channel<Tag>()({ input: tagUpdateSchema, access: manager }),
  'tags.delete': channel<null>()({ input: byId, access: manager }),
} as const;
