import type { z } from 'zod';
import {
  contract,
  isChannel,
  type Access,
  type Channel,
  type ChannelOutput,
  type ParsedInput,
} from '../../src-shared/contract';
import { AppError, isAppError, type AppErrorData, type Result } from '../../src-shared/errors';
import type { UserInfo } from '../../src-shared/types';
import { translator } from '../i18n';
import type { Session } from './session';
import { PASSWORD_CHANGE_CHANNELS } from '../services/auth/passwordChange';

export type HandlerContext = { session: Session };
export type AuthedContext = HandlerContext & { user: UserInfo };

type ContextFor<K extends Channel> = (typeof contract)[K]['access'] extends 'public' ? HandlerContext : AuthedContext;

/** The handler map: one per channel, typed from the contract, so a missing or mistyped handler does not compile. */
export type Handlers = {
  [K in Channel]: (input: ParsedInput<K>, ctx: ContextFor<K>) => ChannelOutput<K> | Promise<ChannelOutput<K>>;
};

export const allows = (access: Access, user: UserInfo | null): boolean => {
  if (access === 'public') return true;
  if (!user) return false;
  if (access === 'user') return true;
  return access.includes(user.role);
};

const fieldList = (error: z.ZodError): string =>
  error.issues.map((i) => (i.path.length ? i.path.join('.') : '(input)')).join(', ');

export type Logger = { error(message: string, error: unknown): void };

export type Registry = {
  invoke(session: Session, channel: unknown, input: unknown): Promise<Result<unknown>>;
};

/**
 * Every call from a renderer passes here: the channel must be in the
 * contract, the input must parse with its schema, the session must be
 * allowed by the channel's access rule. Errors come back as data in the
 * session's language; unexpected ones are logged and reported as INTERNAL.
 */
export const createRegistry = (
  handlers: Handlers,
  logger: Logger = console,
  /** Re-reads the session's user before authorising (refreshSession in src-main/services/auth/sessions.ts). */
  refreshSession: (session: Session) => void = () => undefined,
): Registry => {
  const fail = (session: Session, code: AppErrorData['code'], params?: AppErrorData['params']): Result<never> => ({
    ok: false,
    error: { code, message: translator(session.locale)(`errors.${code}`, params ?? {}), ...(params ? { params } : {}) },
  });

  return {
    async invoke(session, channel, input) {
      if (!isChannel(channel)) return fail(session, 'UNKNOWN_CHANNEL', { channel: String(channel).slice(0, 80) });
      const def = contract[channel];
      try {
        refreshSession(session);
      } catch (e) {
        logger.error(`session refresh before ${channel} failed`, e);
        return fail(session, 'INTERNAL');
      }
      if (!allows(def.access, session.user)) {
        return fail(session, session.user ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      }
      // A password an administrator set must be replaced before anything else (auth/passwordChange.ts).
      if (session.user?.mustChangePassword && !PASSWORD_CHANGE_CHANNELS.has(channel)) return fail(session, 'PASSWORD_CHANGE_REQUIRED');
      const parsed = def.input.safeParse(input ?? {});
      if (!parsed.success) {
        const result = fail(session, 'VALIDATION', { fields: fieldList(parsed.error) });
        if (!result.ok) result.error.issues = parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
        return result;
      }
      try {
        const handler = handlers[channel] as (input: unknown, ctx: AuthedContext) => unknown;
        const value = await handler(parsed.data, { session, user: session.user as UserInfo });
        return { ok: true, value: value ?? null };
      } catch (e) {
        if (isAppError(e)) return fail(session, e.code, e.params);
        logger.error(`channel ${channel} failed`, e);
        return fail(session, 'INTERNAL');
      }
    },
  };
};

export { AppError };
