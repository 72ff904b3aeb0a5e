import { z } from 'zod';
import type { Role } from './roles';
import {
  changePasswordInputSchema,
  createUserInputSchema,
  emptyInputSchema,
  idSchema,
  loginInputSchema,
  pageInputSchema,
  recoverInputSchema,
  setPasswordInputSchema,
  settingsUpdateSchema,
  setupInputSchema,
  updateUserInputSchema,
} from './schemas';
import type {
  AppStatus,
  IntegrityReport,
  LoginEvent,
  Page,
  SessionInfo,
  Settings,
  SetupResult,
  UserInfo,
} from './types';

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
const channel =
  <O>() =>
  <I extends z.ZodType>(def: { input: I; access: Access }): ChannelDef<I, O> =>
    def;

const admin = ['admin'] as const;

/**
 * The one IPC contract. Every channel the renderer can call is here; the main
 * process's handler map is typed from it (a missing or mistyped handler does
 * not compile) and the preload refuses any name not in it.
 */
export const contract = {
  'app.status': channel<AppStatus>()({ input: emptyInputSchema, access: 'public' }),
  'setup.create': channel<SetupResult>()({ input: setupInputSchema, access: 'public' }),

  'auth.login': channel<SessionInfo>()({ input: loginInputSchema, access: 'public' }),
  'auth.recover': channel<SessionInfo>()({ input: recoverInputSchema, access: 'public' }),
  'auth.logout': channel<null>()({ input: emptyInputSchema, access: 'user' }),
  'auth.changePassword': channel<null>()({ input: changePasswordInputSchema, access: 'user' }),
  'auth.myLogins': channel<LoginEvent[]>()({ input: emptyInputSchema, access: 'user' }),

  'users.list': channel<UserInfo[]>()({ input: emptyInputSchema, access: admin }),
  'users.create': channel<UserInfo>()({ input: createUserInputSchema, access: admin }),
  'users.update': channel<UserInfo>()({ input: updateUserInputSchema, access: admin }),
  'users.deactivate': channel<UserInfo>()({ input: z.object({ id: idSchema }), access: admin }),
  'users.activate': channel<UserInfo>()({ input: setPasswordInputSchema, access: admin }),
  'users.resetPassword': channel<UserInfo>()({ input: setPasswordInputSchema, access: admin }),

  'loginHistory.list': channel<Page<LoginEvent>>()({ input: pageInputSchema, access: admin }),

  'settings.get': channel<Settings>()({ input: emptyInputSchema, access: 'user' }),
  'settings.update': channel<Settings>()({ input: settingsUpdateSchema, access: admin }),

  'system.check': channel<IntegrityReport>()({ input: emptyInputSchema, access: admin }),
  'system.rotateRecoveryKey': channel<SetupResult>()({
    input: z.object({ password: z.string().min(1).max(1024) }),
    access: admin,
  }),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<K extends Channel> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends Channel> = z.output<Contract[K]['input']>;
export type ChannelOutput<K extends Channel> =
  Contract[K] extends ChannelDef<z.ZodType, infer O> ? O : never;

export const channels = Object.keys(contract) as Channel[];

export const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
