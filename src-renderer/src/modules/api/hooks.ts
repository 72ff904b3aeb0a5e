import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { Channel, ChannelInput, ChannelOutput } from '@shared/contract';
import type { ReadChannel } from '@shared/contract/reads';
import { ApiError, call, invoke } from './api';
import { refreshTables } from './live';

/**
 * Reads through a contract channel; cached under [channel, input] until a change notice names a
 * table the channel reads (api/live.ts). Only channels that declare what they read (ChannelDef.reads).
 */
export const useChannelQuery = <K extends ReadChannel>(
  channel: K,
  input: ChannelInput<K>,
  options: Omit<UseQueryOptions<ChannelOutput<K>, ApiError>, 'queryKey' | 'queryFn'> = {},
) => useQuery<ChannelOutput<K>, ApiError>({ queryKey: [channel, input], queryFn: () => call(channel, input), ...options });

/**
 * Writes through a contract channel. As it resolves, every cached answer that reads a table the
 * call changed is marked stale and, when on screen, refetched; the change notice every window gets
 * names the same tables, in whichever order the two arrive. Not awaited: what the caller does on
 * success (close a dialog, leave a deleted record's page) happens first, and a page shows its old
 * answer until the new one arrives, never a loading state.
 */
export const useChannelMutation = <K extends Channel>(channel: K, invalidates: Channel[] = []) => {
  const client = useQueryClient();
  return useMutation<ChannelOutput<K>, ApiError, ChannelInput<K>>({
    mutationFn: async (input) => {
      const result = await invoke(channel, input);
      // A refused call may have written too (a failed login's history).
      void refreshTables(client, result.changed ?? []);
      if (!result.ok) throw new ApiError(result.error);
      return result.value;
    },
    onSuccess: async () => {
      await Promise.all(invalidates.map((c) => client.invalidateQueries({ queryKey: [c] })));
    },
  });
};
