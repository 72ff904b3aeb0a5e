import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translator } from '../i18n';
import { localDate } from '../../src-shared/dates';
import { JoinUploads } from '../services/backup/join';
import { mustChangePassword, setMustChangePassword } from '../services/auth/passwordChange';
import { AppError } from '../../src-shared/errors';
import type { Db } from '../db/connection';
import type { UserInfo } from '../../src-shared/types';
import { integrityCheck } from '../db/connection';
import { schemaLevel } from '../db/migrate';
import {
  changePassword,
  clearLockout,
  createWorkspace,
  login,
  logout,
  recoverWithKey,
  rotateRecoveryKey,
} from '../services/auth/auth';
import { listLoginHistory, loginsOfUser } from '../services/auth/loginHistory';
import { getSettings, updateSettings, setCompanyLogo } from '../services/settings/settings';
import { createContact, deleteContact, updateContact } from '../services/customers/contacts';
import {
  createCustomer,
  deleteCustomers,
  getCustomerCard,
  listCustomers,
  purgeCustomers,
  recycleBin,
  restoreCustomers,
  staleCustomers,
  updateCustomer,
} from '../services/customers/customers';
import { findDuplicates } from '../services/customers/duplicates';
import { exportContacts, exportCustomers } from '../services/customers/export';
import { customerHistory, restoreCustomerVersion } from '../services/customers/history';
import { bulkTag, setStatus, setTier } from '../services/customers/lifecycle';
import { listMerges, mergeCustomers, undoMerge } from '../services/customers/merge';
import {
  assignCustomers,
  balanceCustomers,
  claimCustomers,
  handoverCustomers,
  overdueFirstContacts,
  releaseCustomers,
} from '../services/customers/ownership';
import { savedMapping, saveMapping } from '../services/import/mappings';
import { undoImport } from '../services/import/commit';
import { ImportSessions, inlineRunner, listBatches, localImports, sweepOrphanUploads, type ImportService } from '../services/import/session';
import { getPref, setPref } from '../services/prefs/prefs';
import { backupSettings, createBackup, listBackups, restoreBackup, updateBackupSettings } from '../services/backup/backup';
import { searchCustomers } from '../services/search/search';
import { createTag, deleteTag, listTags, updateTag } from '../services/tags/tags';
import {
  createUser,
  deactivateUser,
  findUserById,
  getUserRow,
  listUsers,
  setUserPassword,
  toUserInfo,
  updateUser,
} from '../services/users/users';
import type { Workspace } from '../services/workspace/workspace';
import type { Handlers } from './registry';
import type { ModuleContext } from './modules/context';
import { activityHandlers } from './modules/activities';
import { visitHandlers } from './modules/visits';
import { orderHandlers } from './modules/orders';
import { reportHandlers } from './modules/reports';
import { exchangeHandlers } from './modules/exchange';
import { printHandlers } from './modules/print';
import { keyHandlers } from './modules/keys';
import type { Printer } from '../services/print/printer';
import type { Session } from './session';

const openDb = (ws: Workspace): Db => {
  const db = ws.db;
  if (!db) throw new AppError('UNAUTHENTICATED');
  return db;
};

/** The import in this process (CLI, tests): uploads a crashed run left behind are removed first. */
const localImportService = (ws: Workspace): ImportService => {
  sweepOrphanUploads();
  return localImports(new ImportSessions(inlineRunner(() => openDb(ws)), undefined, ws.clock), (use) => use(openDb(ws)));
};

const endSession = (ws: Workspace, session: Session): void => {
  if (session.user) {
    logout(ws, session.user);
    session.user = null;
  }
};

/**
 * Brings a session's user up to date before each call: a role change or a
 * deactivation made from another window applies at once, not at that user's
 * next login. A user who no longer exists or is inactive is logged out.
 */
export const refreshSession = (ws: Workspace, session: Session): void => {
  const current = session.user;
  if (!current) return;
  const db = ws.db;
  const row = db ? findUserById(db, current.id) : undefined;
  if (!row || !row.active) {
    endSession(ws, session);
    return;
  }
  session.user = withPasswordChange(db!, toUserInfo(row, current.lastLoginAt));
};

/** A session's user, flagged when an administrator set the password and it must be changed first. */
const withPasswordChange = (db: Db, user: UserInfo): UserInfo => (mustChangePassword(db, user.id) ? { ...user, mustChangePassword: true } : user);

/** The main process's handlers, one per contract channel, over one workspace. */
export const createHandlers = (ws: Workspace, options: { imports?: ImportService; printer?: Printer } = {}): Handlers => {
  // Without an import process (CLI, tests), the import runs in this process and commits on the calling thread.
  const imports = options.imports ?? localImportService(ws);
  const joins = new JoinUploads(() => ws.clock.now());
  /** Writes a file the main process made to a temp folder, hands it over as base64, removes it. */
  const tempFile = async (name: string, make: (file: string) => Promise<number>): Promise<{ dataBase64: string; rows: number }> => {
    const dir = mkdtempSync(join(tmpdir(), 'tuoke-file-'));
    try {
      const file = join(dir, name);
      const rows = await make(file);
      return { dataBase64: readFileSync(file).toString('base64'), rows };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const moduleContext: ModuleContext = { ws, db: () => openDb(ws), tempFile };
  return {
    ...activityHandlers(moduleContext),
    ...visitHandlers(moduleContext),
    ...orderHandlers(moduleContext),
    ...reportHandlers(moduleContext),
    ...exchangeHandlers(moduleContext),
    ...printHandlers(moduleContext, options.printer),
    ...keyHandlers(moduleContext),
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

    'auth.login': async (input, { session }) => {
      endSession(ws, session);
      const { db, user } = await login(ws, input);
      const flagged = withPasswordChange(db, user);
      session.user = flagged;
      return { user: flagged, companyName: getSettings(db).companyName };
    },

    'auth.recover': async (input, { session }) => {
      endSession(ws, session);
      const { db, user } = await recoverWithKey(ws, input);
      session.user = user;
      return { user, companyName: getSettings(db).companyName };
    },

    'auth.logout': (_input, { session }) => {
      const user = session.user;
      endSession(ws, session);
      // The person's import uploads (copies of customer lists in a temp folder) go with them.
      if (user) void imports.endUser(user).catch(() => undefined);
      return null;
    },

    'auth.changePassword': async (input, { user, session }) => {
      await changePassword(ws, user, input);
      const db = openDb(ws);
      setMustChangePassword(db, user.id, false);
      session.user = withPasswordChange(db, user);
      return null;
    },

    'auth.myLogins': (_input, { user }) => loginsOfUser(openDb(ws), user.id, 10),

    'users.list': () => listUsers(openDb(ws)),
    'users.create': async ({ mustChangePassword: mustChange, ...input }, { user }) => {
      const db = openDb(ws);
      const created = await createUser(ws, db, user.id, input);
      setMustChangePassword(db, created.id, mustChange);
      return created;
    },
    'users.update': async (input, { user, session }) => {
      const updated = await updateUser(ws, openDb(ws), user.id, input);
      if (updated.id === user.id) session.user = updated;
      return updated;
    },
    'users.deactivate': (input, { user }) => deactivateUser(ws, openDb(ws), user.id, input.id),
    'users.activate': async (input, { user }) => {
      const db = openDb(ws);
      const { mustChangePassword: mustChange, ...password } = input;
      const result = await setUserPassword(ws, db, user.id, password, true);
      clearLockout(ws, result.username);
      setMustChangePassword(db, input.id, mustChange && input.id !== user.id);
      return result;
    },
    'users.resetPassword': async (input, { user }) => {
      const db = openDb(ws);
      const { mustChangePassword: mustChange, ...password } = input;
      const result = await setUserPassword(ws, db, user.id, password, false);
      clearLockout(ws, getUserRow(db, input.id).username);
      // An administrator resetting their own password is not handing it to someone else.
      setMustChangePassword(db, input.id, mustChange && input.id !== user.id);
      return result;
    },

    'loginHistory.list': (input) => listLoginHistory(openDb(ws), input),

    'settings.get': () => getSettings(openDb(ws)),
    'settings.update': (input, { user }) => updateSettings(openDb(ws), user.id, input),
    'settings.setLogo': (input, { user }) => setCompanyLogo(openDb(ws), user.id, input),

    'system.check': () => {
      const db = openDb(ws);
      const level = schemaLevel(db.sqlite, ws.migrationsFolder);
      return {
        integrity: integrityCheck(db),
        schemaVersion: level.applied,
        appSchemaVersion: level.known,
        userCount: listUsers(db).length,
      };
    },

    'backup.list': () => listBackups(ws, backupSettings(ws, openDb(ws)).dir),
    'backup.create': (_input) => createBackup(ws, openDb(ws), 'manual'),
    'backup.settings': () => backupSettings(ws, openDb(ws)),
    'backup.updateSettings': (input, { user }) => updateBackupSettings(ws, openDb(ws), user.id, input),
    /**
     * Restores a backup of this workspace from the backup folder. Everyone is
     * logged out: the database under their sessions is replaced.
     */
    'backup.restore': async (input, { session }) => {
      const db = openDb(ws);
      const { dir } = backupSettings(ws, db);
      const key = Buffer.from(ws.openKey());
      let safety = '';
      const preview = await restoreBackup(ws, join(dir, input.fileName), key, {
        expectWorkspaceId: ws.keyring().workspaceId,
        beforeSwap: async () => {
          safety = (await createBackup(ws, db, 'before-restore', dir)).fileName;
          ws.closeAll();
          session.user = null;
        },
      });
      key.fill(0);
      return { createdAt: preview.manifest.createdAt, users: preview.users, customers: preview.customers, safetyBackup: safety };
    },
    'system.rotateRecoveryKey': (input, { user }) => rotateRecoveryKey(ws, user, input.password),

    'prefs.get': (input, { user }) => getPref(openDb(ws), user.id, input.key),
    'prefs.set': (input, { user }) => {
      setPref(openDb(ws), user.id, input.key, input.value);
      return null;
    },
    'users.directory': () =>
      listUsers(openDb(ws)).map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, active: u.active })),

    'customers.list': (input, { user }) => listCustomers(openDb(ws), user, input),
    'customers.get': (input, { user }) => getCustomerCard(openDb(ws), user, input.id),
    'customers.checkDuplicates': (input, { user }) => findDuplicates(openDb(ws), user, input),
    'customers.create': (input, { user }) => createCustomer(openDb(ws), user, input),
    'customers.update': (input, { user }) => updateCustomer(openDb(ws), user, input),
    'customers.delete': (input, { user }) => deleteCustomers(openDb(ws), user, input.ids),
    'customers.restore': (input, { user }) => restoreCustomers(openDb(ws), user, input.ids),
    'customers.recycleBin': (input, { user }) => recycleBin(openDb(ws), user, input),
    'customers.purge': (input, { user }) => purgeCustomers(openDb(ws), user, input.ids),
    'customers.claim': (input, { user }) => claimCustomers(openDb(ws), user, input.ids),
    'customers.release': (input, { user }) => releaseCustomers(openDb(ws), user, input.ids, input.reason),
    'customers.assign': (input, { user }) => assignCustomers(openDb(ws), user, input.ids, input.ownerId, input.reason),
    'customers.balance': (input, { user }) => balanceCustomers(openDb(ws), user, input.ids, input.userIds, input.reason),
    'customers.handover': (input, { user }) => handoverCustomers(openDb(ws), user, input.fromUserId, input.toUserId, input.reason),
    'customers.setStatus': (input, { user }) => setStatus(openDb(ws), user, input.ids, input.status, input.lostReason),
    'customers.setTier': (input, { user }) => setTier(openDb(ws), user, input.ids, input.tier, input.vipLevel),
    'customers.bulkTag': (input, { user }) => bulkTag(openDb(ws), user, input.ids, input.add, input.remove),
    'customers.history': (input, { user }) => customerHistory(openDb(ws), user, input.id),
    'customers.restoreVersion': (input, { user }) => restoreCustomerVersion(openDb(ws), user, input.id, input.changeId),
    'customers.merge': (input, { user }) => mergeCustomers(openDb(ws), user, input.survivorId, input.mergedId, input.choices),
    'customers.undoMerge': (input, { user }) => undoMerge(openDb(ws), user, input.id),
    'customers.merges': (input) => listMerges(openDb(ws), input),
    'customers.stale': (input, { user }) => staleCustomers(openDb(ws), user, input),
    'customers.export': async (input, { user, session }) => {
      const t = translator(session.locale);
      const out = await tempFile('customers.xlsx', async (file) => (await exportCustomers(openDb(ws), user, input, file, t)).rows);
      const stamp = localDate(ws.clock.now());
      return { fileName: `${t('nav.customers')}-${stamp}.xlsx`, ...out };
    },
    'contacts.export': async (input, { user, session }) => {
      const t = translator(session.locale);
      const out = await tempFile('contacts.xlsx', async (file) => (await exportContacts(openDb(ws), user, input, file, t)).rows);
      const stamp = localDate(ws.clock.now());
      return { fileName: `${t('customerList.contactsFile')}-${stamp}.xlsx`, ...out };
    },

    'import.upload': (input, { user }) => imports.upload(user, input),
    'import.sheets': (input, { user }) => imports.sheets(user, input.uploadId),
    'import.preview': async (input, { user }) => {
      const preview = await imports.preview(user, input);
      const saved = savedMapping(openDb(ws), user.id, preview.headers);
      return saved ? { ...preview, targets: saved, savedMapping: true } : preview;
    },
    'import.analyze': async (input, { user }) => {
      const analysis = await imports.analyze(user, input);
      // The mapping the user went ahead with is the one offered next time for these headers.
      saveMapping(openDb(ws), user.id, analysis.headers, input.targets);
      return analysis;
    },
    'import.commit': (input, { user }) => imports.commit(user, input),
    'import.progress': (input, { user }) => imports.progress(user, input.jobId),
    'import.cancel': (input, { user }) => imports.cancel(user, input.jobId),
    'import.errorWorkbook': async (input, { user, session }) => {
      const t = translator(session.locale);
      const out = await tempFile('errors.xlsx', (file) => imports.errorWorkbook(user, input.uploadId, file, session.locale));
      return { fileName: `${t('importer.errorSheet')}.xlsx`, ...out };
    },
    'import.discard': async (input, { user }) => {
      await imports.discard(user, input.uploadId);
      return null;
    },
    'import.batches': () => listBatches(openDb(ws)),
    'import.undo': (input, { user }) => undoImport(openDb(ws), user, input.batchId),
    'customers.overdueFirstContact': () => overdueFirstContacts(openDb(ws)),

    'contacts.create': (input, { user }) => createContact(openDb(ws), user, input.customerId, input.fields),
    'contacts.update': (input, { user }) => updateContact(openDb(ws), user, input.id, input.fields),
    'contacts.delete': (input, { user }) => {
      deleteContact(openDb(ws), user, input.id);
      return null;
    },

    'tags.list': () => listTags(openDb(ws)),
    'tags.create': (input, { user }) => createTag(openDb(ws), user.id, input),
    'tags.update': (input, { user }) => updateTag(openDb(ws), user.id, input),
    'tags.delete': (input, { user }) => {
      deleteTag(openDb(ws), user.id, input.id);
      return null;
    },

    'search.query': (input, { user }) => searchCustomers(openDb(ws), user, input.q, input.limit),
  };
};
