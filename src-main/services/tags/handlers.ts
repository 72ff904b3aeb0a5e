import type { tagChannels } from '../../../src-shared/contract/tags';
import type { ModuleContext, ModuleHandlers } from '../module';
import { createTag, deleteTag, listTags, updateTag } from './tags';

/** Handlers for src-shared/contract/tags.ts. */
export const tagHandlers = ({ db, read }: ModuleContext): ModuleHandlers<typeof tagChannels> => ({
  'tags.list': () => listTags(read()),
  'tags.create': (input, { user }) => createTag(db(), user.id, input),
  'tags.update': (input, { user }) => updateTag(db(), user.id, input),
  'tags.delete': (input, { user }) => {
    deleteTag(db(), user.id, input.id);
    return null;
  },
});
