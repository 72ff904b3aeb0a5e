/**
 * The desktop app's printing: each job is loaded into a hidden, sandboxed
 * window without a preload, in its own in-memory session, then printed
 * through the system dialog (webContents.print) or rendered with printToPDF
 * (the same A4 options the tests give Playwright's page.pdf) and saved where
 * the user chooses.
 */
import { app, BrowserWindow, dialog, session } from 'electron';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printToPdfOptions } from '../../src-shared/print/page';
import type { Printer, PrintJob } from '../services/print/printer';

const PARTITION = 'tuoke-print';

/** Loads the job's HTML from a temp file (no size limit as with data: URLs) into a hidden window. */
const withDocument = async <T>(job: PrintJob, use: (win: BrowserWindow) => Promise<T>): Promise<T> => {
  const printSession = session.fromPartition(PARTITION);
  printSession.setPermissionRequestHandler((_c, _p, callback) => callback(false));
  const dir = mkdtempSync(join(tmpdir(), 'tuoke-print-'));
  const file = join(dir, 'form.html');
  writeFileSync(file, job.html, 'utf8');
  const win = new BrowserWindow({
    show: false,
    width: 900,
    height: 1200,
    title: job.title,
    // JavaScript stays on for Chromium's own header/footer rendering (page numbers); the document's
    // CSP (default-src 'none') already keeps any script in it from running.
    webPreferences: { partition: PARTITION, sandbox: true, contextIsolation: true, nodeIntegration: false, spellcheck: false },
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  try {
    await win.loadFile(file);
    return await use(win);
  } finally {
    win.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
};

export const electronPrinter = (): Printer => ({
  print: (job) =>
    withDocument(
      job,
      (win) =>
        new Promise<boolean>((resolve, reject) => {
          // header/footer turn on Chromium's own page header and footer, which number the pages (n/m).
          win.webContents.print(
            { silent: false, printBackground: true, pageSize: 'A4', header: job.title, footer: job.footerText },
            (success, failureReason) => {
              if (success) resolve(true);
              // Cancelling the dialog is not an error; anything else (no printer, a failed job) is.
              else if (/cancel/i.test(failureReason)) resolve(false);
              else reject(new Error(failureReason));
            },
          );
        }),
    ),
  savePdf: async (job) => {
    const parent = BrowserWindow.getFocusedWindow();
    const options = {
      title: job.title,
      defaultPath: join(app.getPath('documents'), job.fileName),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    };
    const chosen = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    if (chosen.canceled || !chosen.filePath) return null;
    const data = await withDocument(job, (win) => win.webContents.printToPDF(printToPdfOptions(job.footerTemplate) satisfies Electron.PrintToPDFOptions));
    await writeFile(chosen.filePath, data);
    return chosen.filePath;
  },
});
