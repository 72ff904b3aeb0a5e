import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { Channel, ChannelInput, ChannelOutput } from '@shared/contract';
import { call, type ApiError } from './api';

/** Reads through a contract channel; cached under [channel, input]. */
export const useChannelQuery = <K extends Channel>(
  channel: K,
  input: ChannelInput<K>,
  options: Omit<UseQueryOptions<ChannelOutput<K>, ApiError>, 'queryKey' | 'queryFn'> = {},
) => useQuery<ChannelOutput<K>, ApiError>({ queryKey: [channel, input], queryFn: () => call(channel, input), ...options });

/**
 * Writes through a contract channel; on success, refreshes the queries of the
 * listed channels so every view shows the new state.
 */
export const useChannelMutation = <K extends Channel>(channel: K, invalidates: Channel[] = []) => {
  const client = useQueryClient();
  return useMutation<ChannelOutput<K>, ApiError, ChannelInput<K>>({
    mutationFn: (input) => call(channel, input),
    onSuccess: async () => {
      await Promise.all(invalidates.map((c) => client.invalidateQueries({ queryKey: [c] })));
    },
  });
};
