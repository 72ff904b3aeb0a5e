import type { Query, QueryClient } from '@tanstack/react-query';
import { readsAny } from '@shared/contract/reads';

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
