import { contract, isChannel, type Channel, type Contract } from '../contract';
import type { ReadDef } from './channel';

/** The channels a window may cache: those that declare the tables they read (ChannelDef.reads). */
export type ReadChannel = { [K in Channel]: Contract[K] extends ReadDef ? K : never }[Channel];

/** The tables a cached answer comes from, by its query key ([channel, input]); none for a key that is not a read channel's. */
export const tablesRead = (queryKey: readonly unknown[]): readonly string[] => {
  const channel = queryKey[0];
  if (!isChannel(channel)) return [];
  return (contract[channel] as { reads?: readonly string[] }).reads ?? [];
};

/** Whether a cached answer reads any of `tables` (a change notice's): the windows' invalidation predicate. */
export const readsAny = (queryKey: readonly unknown[], tables: ReadonlySet<string>): boolean =>
  tables.size > 0 && tablesRead(queryKey).some((t) => tables.has(t));
