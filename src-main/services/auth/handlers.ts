import type { authChannels } from '../../../src-shared/contract/auth';
import { JoinUploads } from '../backup/join';
import type { ModuleContext, ModuleHandlers } from '../module';
import { getSettings } from '../settings/settings';
import { createWorkspace } from './auth';
import { loginsOfUser } from './loginHistory';
import { changeOwnPassword, endSession, loginSession, recoverSession } from './sessions';

/** Handlers for src-shared/contract/auth.ts: opening the workspace and one's own login. */
export const authHandlers = ({ ws, db, read, imports, runJobs }: ModuleContext): ModuleHandlers<typeof authChannels> => {
  const joins = new JoinUploads(() => ws.clock.now());
  return {
    'app.status': (_input, { session }) => ({
      initialized: ws.isInitialized(),
      session: session.user && ws.db ? { user: session.user, companyName: getSettings(ws.db).companyName } : null,
    }),
    'setup.create': (input) => createWorkspace(ws, input),
    'setup.joinUpload': (input) => joins.chunk(ws, input),
    'setup.join': async (input) => {
      const preview = await joins.restore(ws, input.uploadId, input);
      return { customers: preview.customers, users: preview.users, createdAt: preview.manifest.createdAt };
    },
    // After a login the modules' jobs run before the answer (the ABC period rolled to today, …): the
    // channels that read what they keep never write, so what a person first sees is current.
    'auth.login': async (input, { session }) => {
      const out = await loginSession(ws, session, input);
      await runJobs();
      return out;
    },
    'auth.recover': async (input, { session }) => {
      const out = await recoverSession(ws, session, input);
      await runJobs();
      return out;
    },
    'auth.logout': (_input, { session }) => {
      const user = session.user;
      endSession(ws, session);
      // The person's import uploads (copies of customer lists in a temp folder) go with them.
      if (user) void imports.endUser(user).catch(() => undefined);
      return null;
    },
    'auth.changePassword': (input, { user, session }) => changeOwnPassword(ws, session, user, input, db),
    'auth.myLogins': (_input, { user }) => loginsOfUser(read(), user.id, 10),
  };
};
