import type { ImportAnalysisView, ImportFileInfo, ImportJobState, ImportPreview } from '../../../src-shared/import/types';
import type { Locale } from '../../../src-shared/roles';
import type { ReadDb } from '../../db/connection';
import type { Viewer } from '../customers/access';
import type { ImportSessions } from './wizard';

/**
 * The lead import as the IPC handlers use it. Two implementations: the
 * sessions in this process (localImports: CLI and tests), or the same
 * sessions in a separate import process that reads, analyses and writes the
 * file, so that none of a big import's memory is the window process's
 * (remote.ts, process.ts).
 */
export type ImportService = {
  upload(viewer: Viewer, input: { uploadId?: string | undefined; fileName: string; offset: number; chunkBase64: string; final: boolean }): Promise<{ uploadId: string; size: number }>;
  sheets(viewer: Viewer, uploadId: string): Promise<ImportFileInfo>;
  preview(viewer: Viewer, input: { uploadId: string; sheetIndex: number; headerRow?: number | undefined }): Promise<ImportPreview>;
  analyze(viewer: Viewer, input: Parameters<ImportSessions['analyze']>[2]): Promise<ImportAnalysisView>;
  commit(viewer: Viewer, input: Parameters<ImportSessions['commit']>[1]): Promise<{ jobId: string }>;
  progress(viewer: Viewer, jobId: string): Promise<ImportJobState>;
  cancel(viewer: Viewer, jobId: string): Promise<ImportJobState>;
  errorWorkbook(viewer: Viewer, uploadId: string, file: string, locale: Locale): Promise<number>;
  discard(viewer: Viewer, uploadId: string): Promise<void>;
  /** The user logged out: their uploads are removed (one a running commit reads, when it ends). */
  endUser(viewer: Viewer): Promise<void>;
  /** Ends whatever the service runs (the import process); uploads and running jobs are dropped. */
  close(): void;
};

/** The calls of ImportService that carry a viewer, by name: what the import process answers. */
export type ImportCall = Exclude<keyof ImportService, 'close'>;

/**
 * ImportSessions as an ImportService; `withDb` lends an analysis the
 * connection (for reading) it looks duplicates up through (the window's own, or one the
 * import process opens for it and closes after).
 */
export const localImports = (sessions: ImportSessions, withDb: <T>(use: (db: ReadDb) => Promise<T>) => Promise<T>): ImportService => ({
  upload: async (viewer, input) => sessions.upload(viewer, input),
  sheets: (viewer, uploadId) => sessions.sheets(viewer, uploadId),
  preview: (viewer, input) => sessions.preview(viewer, input),
  analyze: (viewer, input) => withDb((db) => sessions.analyze(db, viewer, input)),
  commit: async (viewer, input) => sessions.commit(viewer, input),
  progress: async (viewer, jobId) => sessions.progress(viewer, jobId),
  cancel: async (viewer, jobId) => sessions.cancel(viewer, jobId),
  errorWorkbook: (viewer, uploadId, file, locale) => sessions.errorWorkbook(viewer, uploadId, file, locale),
  discard: async (viewer, uploadId) => sessions.discard(viewer, uploadId),
  endUser: async (viewer) => sessions.endUser(viewer.id),
  close: () => sessions.discardAll(),
});
