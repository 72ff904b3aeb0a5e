import { z } from 'zod';
import { createUserInputSchema, emptyInputSchema, idSchema, pageInputSchema, setPasswordInputSchema, updateUserInputSchema } from '../schemas';
import type { LoginEvent, Page, UserInfo } from '../types';
import { admin, channel } from './channel';

/** Accounts and roles (admin), the office directory (everyone), the login history. */
export const userChannels = {
  'users.list': channel<UserInfo[]>()({ input: emptyInputSchema, access: admin, reads: ['users', 'login_history'] }),
  'users.create': channel<UserInfo>()({ input: createUserInputSchema, access: admin }),
  'users.update': channel<UserInfo>()({ input: updateUserInputSchema, access: admin }),
  'users.deactivate': channel<UserInfo>()({ input: z.object({ id: idSchema }), access: admin }),
  'users.activate': channel<UserInfo>()({ input: setPasswordInputSchema, access: admin }),
  'users.resetPassword': channel<UserInfo>()({ input: setPasswordInputSchema, access: admin }),
  'loginHistory.list': channel<Page<LoginEvent>>()({ input: pageInputSchema, access: admin, reads: ['login_history', 'users'] }),
  'users.directory': channel<{ id: string; username: string; displayName: string; role: 'admin' | 'manager' | 'sales'; active: boolean }[]>()({
    input: emptyInputSchema,
    access: 'user',
    reads: ['users', 'login_history'],
  }),
} as const;
