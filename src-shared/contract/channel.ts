import { z } from 'zod';
import type { Role } from '../roles';
import { idSchema } from '../schemas';

/**
 * Who may call a channel: anyone (before login), any logged-in user, or only
 * the listed roles. Checked by the registry in the main process for every call.
 */
export type Access = 'public' | 'user' | readonly Role[];

export type ChannelDef<I extends z.ZodType, O> = {
  input: I;
  access: Access;
  /** Phantom: carries the output type; never read at run time. */
  output?: O;
};

/** `channel<Output>()({ input, access })`: the output is a type, the input a schema. */
export const channel =
  <O>() =>
  <I extends z.ZodType>(def: { input: I; access: Access }): ChannelDef<I, O> =>
    def;

export const admin = ['admin'] as const;
export const manager = ['manager', 'admin'] as const;
export const byId = z.object({ id: idSchema });
