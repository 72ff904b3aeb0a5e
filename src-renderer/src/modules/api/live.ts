import type { Query, QueryClient } from '@tanstack/react-query';
import { contract, isChannel, type Channel, type Contract } from '@shared/contract';
import type { ReadDef } from '@shared/contract/channel';

/** The channels a window may cache: those that declare the tables they read (ChannelDef.reads). */
export type ReadChannel = { [K in Channel]: Contract[K] extends ReadDef ? K : never }[Channel];

/** The tables a cached answer comes from, by its query key ([channel, input]); none for a key that is not a read channel's. */
export const tablesRead = (queryKey: readonly unknown[]): readonly string[] => {
  const channel = queryKey[0];
  if (!isChannel(channel)) return [];
  return (contract[channel] as { reads?: readonly string[] }).reads ?? [];
};

/** Whether a cached answer reads any of `tables`: the invalidation predicate. */
export const readsAny = (queryKey: readonly unknown[], tables: ReadonlySet<string>): boolean =>
  tables.size > 0 && tablesRead(queryKey).some((t) => tables.has(t));

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
