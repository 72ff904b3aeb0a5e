import { z } from 'zod';
import type { Role } from '../roles';
import { idSchema } from '../schemas';
import type { TableName } from '../tables';

/**
 * Who may call a channel: anyone (before login), any logged-in user, or only
 * the listed roles. Checked by the registry in the main process for every call.
 */
export type Access = 'public' | 'user' | readonly Role[];

export type ChannelDef<I extends z.ZodType, O> = {
  input: I;
  access: Access;
  /**
   * A read: the tables its answer comes from (owner names from users, a total from customer_sales,
   * …); `[]` for one that reads no table (files, the import process, the printer). A window caches
   * only reads (useChannelQuery takes nothing else) and refreshes a cached answer when a change
   * notice names one of its tables. Channels without it change something or make a file.
   */
  reads?: readonly TableName[];
  /** Phantom: carries the output type; never read at run time. */
  output?: O;
};

/** A channel whose definition declares what it reads (ChannelDef.reads). */
export type ReadDef = { reads: readonly TableName[] };

/**
 * `channel<Output>()({ input, access, reads? })`: the output is a type, the input a schema; a read
 * names the tables it reads, and its type keeps them (ReadDef), so only reads can be cached.
 */
export const channel =
  <O>() =>
  <I extends z.ZodType, R extends readonly TableName[] | undefined = undefined>(def: {
    input: I;
    access: Access;
    reads?: R;
  }): ChannelDef<I, O> & (R extends readonly TableName[] ? ReadDef : unknown) =>
    def as ChannelDef<I, O> & (R extends readonly TableName[] ? ReadDef : unknown);

export const admin = ['admin'] as const;
export const manager = ['manager', 'admin'] as const;
export const byId = z.object({ id: idSchema });
