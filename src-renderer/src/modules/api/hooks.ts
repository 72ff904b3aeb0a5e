import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { Channel, ChannelInput, ChannelOutput } from '@shared/contract';
import type { ReadChannel } from '@shared/contract/reads';
import { call, type ApiError } from './api';
import { callRefreshing } from './live';

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
 * Writes through a contract channel. Every view that shows what the call changed refreshes by
 * itself: the tables the call touched (callRefreshing), and everyone else's writes through the
 * change notices (api/live.ts), so there is no list of channels to refresh.
 */
export const useChannelMutation = <K extends Channel>(channel: K) => {
  const client = useQueryClient();
  return useMutation<ChannelOutput<K>, ApiError, ChannelInput<K>>({
    mutationFn: (input) => callRefreshing(client, channel, input),
  });
};
