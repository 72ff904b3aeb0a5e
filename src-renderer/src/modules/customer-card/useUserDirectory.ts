import { useChannelQuery } from '../api/hooks';

/** The office's users (any logged-in user may read names); `nameOf` resolves an id for display. */
export const useUserDirectory = () => {
  const directory = useChannelQuery('users.directory', {});
  const users = directory.data ?? [];
  const nameOf = (id: string | null | undefined): string => (id ? (users.find((u) => u.id === id)?.displayName ?? '') : '');
  return { users, nameOf, isPending: directory.isPending };
};
