import { useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '@shared/types';

/** After login or recovery: put the new session into the status everything reads, and start from Home. */
export const useSessionStart = () => {
  const client = useQueryClient();
  return (session: SessionInfo) => {
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'app.status' });
    client.setQueryData(['app.status', {}], { initialized: true, session });
    window.location.hash = '#/';
  };
};
