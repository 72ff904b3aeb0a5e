import { joinRestoreSchema, joinUploadSchema } from '../backup/join';
import type { JoinResult } from '../backup/join';
import { changePasswordInputSchema, emptyInputSchema, loginInputSchema, recoverInputSchema, setupInputSchema } from '../schemas';
import type { AppStatus, LoginEvent, SessionInfo, SetupResult } from '../types';
import { channel } from './channel';

/** Opening the workspace: status, set-up (new or joined from a backup), login, recovery, logout, one's own password and logins. */
export const authChannels = {
  // The window's own state (set up? whose session?), which it sets itself at each step: set-up, login, logout. No change
  // notice refreshes it: a set-up's write would otherwise move the wizard on before the recovery key was confirmed.
  'app.status': channel<AppStatus>()({ input: emptyInputSchema, access: 'public', reads: [] }),
  'setup.create': channel<SetupResult>()({ input: setupInputSchema, access: 'public' }),
  // A new PC joins from a backup (only while this PC has no workspace).
  'setup.joinUpload': channel<{ uploadId: string; size: number }>()({ input: joinUploadSchema, access: 'public' }),
  'setup.join': channel<JoinResult>()({ input: joinRestoreSchema, access: 'public' }),
  'auth.login': channel<SessionInfo>()({ input: loginInputSchema, access: 'public' }),
  'auth.recover': channel<SessionInfo>()({ input: recoverInputSchema, access: 'public' }),
  'auth.logout': channel<null>()({ input: emptyInputSchema, access: 'user' }),
  'auth.changePassword': channel<null>()({ input: changePasswordInputSchema, access: 'user' }),
  'auth.myLogins': channel<LoginEvent[]>()({ input: emptyInputSchema, access: 'user', reads: ['login_history'] }),
} as const;
