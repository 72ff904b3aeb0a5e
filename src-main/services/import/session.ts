/**
 * The lead import's main-process side, by concern (this index keeps the
 * names importable from here, as the IPC handlers import them):
 * - uploads.ts: what uploads may take, their files and folders, and the sweep of orphaned folders;
 * - jobs.ts: the commit's runners (inline, streaming) and the jobs' state;
 * - wizard.ts: the wizard's state (upload, sheets, preview, analyze, commit, error workbook);
 * - batches.ts: the list of imports (undo is commitImport's counterpart, in commit.ts);
 * - service.ts: the import as the IPC handlers use it, in this process or the import process.
 */
export { listBatches } from './batches';
export { inlineRunner, streamingRunner, type JobRunner, type JobUpdate, type RecordSource } from './jobs';
export { localImports, type ImportCall, type ImportService } from './service';
export { sweepOrphanUploads, UPLOAD_LIMITS } from './uploads';
export { ImportSessions } from './wizard';
