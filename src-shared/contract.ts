import type { z } from 'zod';
import type { ChannelDef } from './contract/channel';
import { authChannels } from './contract/auth';
import { userChannels } from './contract/users';
import { settingChannels } from './contract/settings';
import { backupChannels } from './contract/backup';
import { keyChannels } from './contract/keys';
import { prefChannels } from './contract/prefs';
import { customerChannels } from './contract/customers';
import { tagChannels } from './contract/tags';
import { importChannels } from './contract/import';
import { searchChannels } from './contract/search';
import { activityChannels } from './contract/activities';
import { visitChannels } from './contract/visits';
import { orderChannels } from './contract/orders';
import { reportChannels } from './contract/reports';
import { exchangeChannels } from './contract/exchange';
import { printChannels } from './contract/print';

export type { Access, ChannelDef } from './contract/channel';

/** Every domain's channels (src-shared/contract/<domain>.ts). */
const domains = [
  authChannels,
  userChannels,
  settingChannels,
  backupChannels,
  keyChannels,
  prefChannels,
  customerChannels,
  tagChannels,
  importChannels,
  searchChannels,
  activityChannels,
  visitChannels,
  orderChannels,
  reportChannels,
  exchangeChannels,
  printChannels,
] as const;

/** Two domains declaring the same channel is a programming error: refused when the contract loads, never silently overwritten. */
const assemble = <T extends object>(parts: readonly object[]): T => {
  const out: Record<string, unknown> = {};
  for (const part of parts)
    for (const [name, def] of Object.entries(part)) {
      if (Object.prototype.hasOwnProperty.call(out, name)) throw new Error(`two domains declare the channel ${name}`);
      out[name] = def;
    }
  return out as T;
};

type Merge<P extends readonly object[]> = P extends readonly [infer H, ...infer R extends readonly object[]] ? H & Merge<R> : unknown;

/**
 * The one IPC contract, assembled from every domain's file. The main process's handler map is
 * typed from it (a missing or mistyped handler does not compile) and the preload refuses any name
 * not in it.
 */
export const contract = assemble<Merge<typeof domains>>(domains);

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<K extends Channel> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends Channel> = z.output<Contract[K]['input']>;
export type ChannelOutput<K extends Channel> =
  Contract[K] extends ChannelDef<z.ZodType, infer O> ? O : never;

export const channels = Object.keys(contract) as Channel[];

export const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
