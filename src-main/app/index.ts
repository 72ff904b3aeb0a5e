/**
 * The Electron shell: window, lifecycle, IPC wiring. Everything else lives in
 * services that run in plain Node (see host.ts), so tests, the CLI and the
 * test bridge run the same code without Electron.
 */
import { app, BrowserWindow, ipcMain, session, shell, type WebContents } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentSecurityPolicy } from '../../src-shared/csp';
import { createHost, type Host } from '../host';
import type { Session } from '../ipc/session';
import { utilityImportProcess } from './importProcess';
import { CHANGES_CHANNEL, INVOKE_CHANNEL } from './ipcChannel';
import type { ChangeNotice } from '../../src-shared/tables';
import { isOwnPageUrl } from './ownPage';
import { electronPrinter } from './printer';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Migrations ship as an extra resource in the installed app; in a checkout they are read from the source tree. */
const migrationsFolder = (): string =>
  app.isPackaged ? join(process.resourcesPath, 'migrations') : join(app.getAppPath(), 'src-main', 'db', 'migrations');

/** The data folder: Electron's per-user app data (e.g. %APPDATA%\\tuoke\\workspace, ~/Library/Application Support/tuoke/workspace). */
const dataDir = (): string => process.env.TUOKE_DATA_DIR ?? join(app.getPath('userData'), 'workspace');

let host: Host | null = null;
const sessions = new Map<number, Session>();

const sessionFor = (contents: WebContents): Session => {
  let s = sessions.get(contents.id);
  if (!s) {
    s = host!.session();
    sessions.set(contents.id, s);
    contents.once('destroyed', () => {
      const ended = sessions.get(contents.id);
      sessions.delete(contents.id);
      if (ended?.user) void host?.registry.invoke(ended, 'auth.logout', {});
    });
  }
  return s;
};

const rendererUrl = (): string | null => process.env.ELECTRON_RENDERER_URL ?? null;

/** The bundled page (or the dev server's origin) exactly: see ownPage.ts for the URLs this refuses. */
const isOwnPage = (url: string): boolean =>
  isOwnPageUrl(url, { bundledIndexHtml: join(here, '../renderer/index.html'), devServerUrl: rendererUrl() });

const createWindow = (): BrowserWindow => {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: '拓客 Tuoke',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // The window shows only our own page: links open in the system browser, navigation elsewhere is refused.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault();
  });
  const dev = rendererUrl();
  if (dev) void win.loadURL(dev);
  else void win.loadFile(join(here, '../renderer/index.html'));
  return win;
};

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  void app.whenReady().then(() => {
    mkdirSync(dataDir(), { recursive: true });
    host = createHost({
      dataDir: dataDir(),
      migrationsFolder: migrationsFolder(),
      // Takes the workspace lock while a window has the workspace open; a second app, the CLI or the bridge then gets WORKSPACE_LOCKED.
      program: 'app',
      importProcess: utilityImportProcess(new URL('./importProcess.js', import.meta.url)),
      printer: electronPrinter(),
    });

    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] },
      });
    });
    // Only desktop notifications (tasks falling due), and only for our own page; everything else is refused.
    const allowed = (permission: string, url: string): boolean => permission === 'notifications' && isOwnPage(url);
    session.defaultSession.setPermissionRequestHandler((contents, permission, callback) => callback(allowed(permission, contents.getURL())));
    session.defaultSession.setPermissionCheckHandler((contents, permission) => allowed(permission, contents?.getURL() ?? ''));

    ipcMain.handle(INVOKE_CHANNEL, (event, channel: unknown, input: unknown) => {
      if (!event.senderFrame || !isOwnPage(event.senderFrame.url)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'untrusted sender' } };
      }
      const result = host!.invoke(sessionFor(event.sender), channel, input);
      // After a login the workspace is open: the first automatic backup of the day runs then.
      if (channel === 'auth.login')
        void result.then((r) => r.ok && setTimeout(() => void host?.autoBackup('daily').then(() => host?.runJobs()), 10_000));
      return result;
    });

    // Every window of ours hears which tables a committed write changed (its own calls' too), and refreshes what reads them.
    host.onChange((tables) => {
      const notice: ChangeNotice = { tables };
      for (const win of BrowserWindow.getAllWindows()) {
        const contents = win.webContents;
        if (!contents.isDestroyed() && isOwnPage(contents.getURL())) contents.send(CHANGES_CHANNEL, notice);
      }
    });

    createWindow();
    // Daily encrypted backup (a no-op when today's exists) and the modules' jobs, checked hourly while the app runs.
    setInterval(() => void host?.autoBackup('daily').then(() => host?.runJobs()), 60 * 60 * 1000);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !host) return;
    // On quit: a backup if none was made today, then close the database.
    event.preventDefault();
    quitting = true;
    void host.autoBackup('quit').finally(() => {
      host?.close();
      app.quit();
    });
  });
}
