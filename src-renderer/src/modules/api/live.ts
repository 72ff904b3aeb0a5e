import type { Query, QueryClient } from '@tanstack/react-query';
import type { Channel, ChannelInput, ChannelOutput } from '@shared/contract';
import { readsAny } from '@shared/contract/reads';
import { ApiError, invoke } from './api';

/**
 * Marks stale every cached answer that reads one of `tables`: those on screen refetch now (keeping
 * what they show until the new answer arrives, so nothing flashes), the others when next shown.
 */
export const refreshTables = async (client: QueryClient, tables: Iterable<string>): Promise<void> => {
  const changed = new Set(tables);
  if (changed.size === 0) return;
  await client.invalidateQueries({ predicate: (q: Query) => readsAny(q.queryKey, changed) });
};

/**
 * Listens, once for the window's life, to the change notices of the main process (every committed
 * write, this window's or another's) and refreshes what reads the tables they name.
 */
export const followChanges = (client: QueryClient): (() => void) =>
  window.api.onChange((tables) => void refreshTables(client, tables));

/**
 * Calls a channel that writes. As it answers, every cached answer that reads a table the call
 * changed is marked stale and, when on screen, refetched; the change notice every window gets
 * names the same tables, in whichever order the two arrive. Not awaited: what the caller does on
 * success (close a dialog, leave a deleted record's page) happens first, and a page shows its old
 * answer until the new one arrives, never a loading state. Resolves with the value or rejects with
 * an ApiError, like call().
 */
export const callRefreshing = async <K extends Channel>(client: QueryClient, channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> => {
  const result = await invoke(channel, input);
  // A refused call may have written too (a failed login's history).
  void refreshTables(client, result.changed ?? []);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
};
