import type { Locale } from '../../src-shared/roles';
import type { UserInfo } from '../../src-shared/types';

/** One per window (Electron) or browser tab (test bridge): who is logged in there. */
export type Session = {
  readonly id: string;
  user: UserInfo | null;
  locale: Locale;
};

/**
 * A new, logged-out session. With `generation` (the workspace's, see
 * Workspace.generation), a login belongs to the generation it happened in:
 * once the workspace's generation moves on (a restore closed the database
 * under everyone), `user` reads as null, so the session is logged out for
 * every handler at once, and its logout cannot drop a hold on the database
 * that a later login took.
 */
export const newSession = (id: string, locale: Locale = 'zh-CN', generation?: () => number): Session => {
  let user: UserInfo | null = null;
  let loggedInUnder = 0;
  return {
    id,
    locale,
    get user(): UserInfo | null {
      if (user && generation && generation() !== loggedInUnder) user = null;
      return user;
    },
    set user(next: UserInfo | null) {
      // An update of the same login (a role change) keeps its generation; a new login takes the current one.
      if (next && !user && generation) loggedInUnder = generation();
      user = next;
    },
  };
};
