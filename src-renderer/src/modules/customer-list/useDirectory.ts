import type { ChannelOutput } from '@shared/contract';
import { useChannelQuery } from '../api/hooks';

export type DirectoryUser = ChannelOutput<'users.directory'>[number];

/** Everyone in the office, for owner filters and assignment targets, sorted by name the Chinese way. */
export const useDirectory = () => {
  const q = useChannelQuery('users.directory', {});
  const users = [...(q.data ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
  return { users, active: users.filter((u) => u.active), error: q.error };
};
