import type { Locale } from '../../src-shared/roles';
import type { UserInfo } from '../../src-shared/types';

/** One per window (Electron) or browser tab (test bridge): who is logged in there. */
export type Session = {
  readonly id: string;
  user: UserInfo | null;
  locale: Locale;
};

export const newSession = (id: string, locale: Locale = 'zh-CN'): Session => ({ id, user: null, locale });
