import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { desc } from 'drizzle-orm';
import type { TFunction } from 'i18next';
import { AppError } from '../../../src-shared/errors';
import type { CleanIssue, RawValue } from '../../../src-shared/import/clean';
import { buildRecord, type ImportMapping, type ImportRecord } from '../../../src-shared/import/record';
import { autoMap, type ImportTarget } from '../../../src-shared/import/targets';
import type {
  ImportAnalysisView,
  ImportBatchInfo,
  ImportFileInfo,
  ImportJobState,
  ImportPreview,
} from '../../../src-shared/import/types';
import type { Db } from '../../db/connection';
import { importBatches } from '../../db/schema';
import { isManagerLike, type Viewer } from '../customers/access';
import { userNames } from '../customers/events';
import { writeXlsx } from '../export/xlsxWriter';
import { analyzeRecords, type ImportAnalysis } from './analyze';
import { commitImport, type CommitOptions, type ImportSummary } from './commit';
import {
  cellText,
  columnsForHeaderRow,
  detectHeader,
  listSheets,
  offeredSheets,
  readPreview,
  readRows,
  sniffFile,
  type Cell,
  type Preview,
  type ReadCache,
  type SheetInfo,
} from './read';

const MAX_UPLOAD = 512 * 1024 * 1024;

/** A cell as the cleaning rules take it: numbers stay numbers, dates become Dates, everything else text. */
export const cellValue = (cell: Cell | undefined): RawValue => {
  if (!cell) return null;
  switch (cell.type) {
    case 'empty':
    case 'error':
      return null;
    case 'text':
      return cell.text;
    case 'number':
      // A float-looking literal of a long code (9.1310115897362E+17) is passed as written, so it can be recognised as mangled.
      return /[eE]/.test(cell.raw) ? cell.raw : cell.value;
    case 'date':
      return new Date(`${cell.date}T00:00:00Z`);
    case 'time':
      return cell.time;
    case 'boolean':
      return cell.value;
  }
};

type Upload = {
  id: string;
  userId: string;
  fileName: string;
  dir: string;
  path: string;
  size: number;
  complete: boolean;
  sheetIndex?: number;
  sheetName?: string | null;
  mapping?: ImportMapping;
  records?: ImportRecord[];
  analysis?: ImportAnalysis;
  /**
   * A complete upload never changes: its sheet list and the first rows of each
   * sheet (header detection, merges) are read once, then reused by analyze,
   * which would otherwise read the whole sheet one more time for its merges.
   */
  sheetList?: SheetInfo[];
  previews?: Map<number, Preview>;
  /** Shared strings and formats parsed by the preview, for the analysis that follows (then dropped). */
  readCache?: ReadCache;
};

type Job = ImportJobState & { cancel: boolean; userId: string };

export type JobRunner = (
  db: Db,
  viewer: Viewer,
  records: ImportRecord[],
  analysis: ImportAnalysis,
  options: CommitOptions,
) => Promise<ImportSummary>;

/**
 * Runs the commit on the calling thread, yielding once first so the caller
 * gets its job id. The Electron host passes a runner that uses a worker
 * thread (src-main/services/import/worker.ts) instead.
 */
export const inlineRunner: JobRunner = async (db, viewer, records, analysis, options) => {
  await new Promise((r) => setImmediate(r));
  return commitImport(db, viewer, records, analysis, options);
};

/**
 * The import wizard's state in the main process: uploaded files (in a
 * private temp folder, deleted when the import ends), their analysis, and
 * running commit jobs. Only the user who uploaded a file may use it.
 */
export class ImportSessions {
  private uploads = new Map<string, Upload>();
  private jobs = new Map<string, Job>();

  constructor(private readonly runner: JobRunner = inlineRunner) {}

  private own(viewer: Viewer, id: string): Upload {
    if (!isManagerLike(viewer)) throw new AppError('FORBIDDEN');
    const u = this.uploads.get(id);
    if (!u || u.userId !== viewer.id) throw new AppError('NOT_FOUND');
    return u;
  }

  private async sheetListOf(u: Upload): Promise<SheetInfo[]> {
    if (u.sheetList) return u.sheetList;
    const sheets = await listSheets(u.path);
    if (u.complete) u.sheetList = sheets;
    return sheets;
  }

  private async previewOf(u: Upload, sheetIndex: number): Promise<Preview> {
    const cached = u.previews?.get(sheetIndex);
    if (cached) return cached;
    if (u.complete) u.readCache ??= {};
    const preview = await readPreview(u.path, sheetIndex, { maxRows: 60, ...(u.readCache ? { cache: u.readCache } : {}) });
    if (u.complete) (u.previews ??= new Map()).set(sheetIndex, preview);
    return preview;
  }

  upload(viewer: Viewer, input: { uploadId?: string | undefined; fileName: string; offset: number; chunkBase64: string; final: boolean }): { uploadId: string; size: number } {
    if (!isManagerLike(viewer)) throw new AppError('FORBIDDEN');
    let u: Upload;
    if (!input.uploadId) {
      const dir = mkdtempSync(join(tmpdir(), 'tuoke-import-'));
      // Keep the extension: sniffing is by content, but a .xls named text file is refused by name.
      const safe = input.fileName.replace(/[^\p{L}\p{N}._-]/gu, '_').slice(-120) || 'upload';
      u = { id: randomUUID(), userId: viewer.id, fileName: input.fileName, dir, path: join(dir, safe), size: 0, complete: false };
      writeFileSync(u.path, '');
      this.uploads.set(u.id, u);
    } else u = this.own(viewer, input.uploadId);
    if (u.complete || input.offset !== u.size) throw new AppError('VALIDATION', { fields: 'offset' });
    const chunk = Buffer.from(input.chunkBase64, 'base64');
    if (u.size + chunk.length > MAX_UPLOAD) throw new AppError('TOO_LARGE');
    appendFileSync(u.path, chunk);
    u.size = statSync(u.path).size;
    u.complete = input.final;
    return { uploadId: u.id, size: u.size };
  }

  async sheets(viewer: Viewer, uploadId: string): Promise<ImportFileInfo> {
    const u = this.own(viewer, uploadId);
    const { kind } = await sniffFile(u.path);
    const sheets = await this.sheetListOf(u);
    const offered = new Set(offeredSheets(sheets).map((s) => s.index));
    return {
      uploadId: u.id,
      fileName: u.fileName,
      kind,
      sheets: sheets.filter((s) => s.kind === 'worksheet').map((s) => ({ index: s.index, name: s.name, state: s.state, offered: offered.has(s.index) })),
    };
  }

  async preview(viewer: Viewer, input: { uploadId: string; sheetIndex: number; headerRow?: number | undefined }): Promise<ImportPreview> {
    const u = this.own(viewer, input.uploadId);
    const { rows, merges } = await this.previewOf(u, input.sheetIndex);
    const guess = input.headerRow
      ? columnsForHeaderRow(rows, merges, input.headerRow)
      : detectHeader(rows, merges);
    const headers = guess.columns.map((c) => c.name);
    const last = guess.headerRow + guess.headerRows - 1;
    return {
      headerRow: guess.headerRow,
      headers,
      targets: autoMap(headers),
      rows: rows
        .filter((r) => r.index > last)
        .slice(0, 20)
        .map((r) => ({ rowNumber: r.index, hidden: r.hidden, cells: guess.columns.map((c) => cellText(r.cells[c.index])) })),
      topRows: rows.slice(0, 12).map((r) => ({ rowNumber: r.index, cells: r.cells.slice(0, 30).map((c) => cellText(c)) })),
    };
  }

  async analyze(
    db: Db,
    viewer: Viewer,
    input: { uploadId: string; sheetIndex: number; headerRow: number; targets: (ImportTarget | null)[]; unmappedToNotes: boolean },
  ): Promise<ImportAnalysisView> {
    const u = this.own(viewer, input.uploadId);
    const { rows: top, merges } = await this.previewOf(u, input.sheetIndex);
    const guess = columnsForHeaderRow(top, merges, input.headerRow);
    const last = guess.headerRow + guess.headerRows - 1;
    const sheets = await this.sheetListOf(u);
    const date1904 = false; // the reader converts serials itself, honouring the workbook's date system
    const mapping: ImportMapping = {
      headers: guess.columns.map((c) => c.name),
      targets: guess.columns.map((_, i) => input.targets[i] ?? null),
      unmappedToNotes: input.unmappedToNotes,
      date1904,
    };
    const records: ImportRecord[] = [];
    const cache = u.readCache;
    // The records now hold what they need of the shared strings: the rest goes.
    delete u.readCache;
    await readRows(
      u.path,
      input.sheetIndex,
      (row) => {
        if (row.index <= last) return;
        records.push(buildRecord({ rowNumber: row.index, hidden: row.hidden, values: guess.columns.map((c) => cellValue(row.cells[c.index])) }, mapping));
      },
      cache ? { cache } : {},
    );
    const analysis = analyzeRecords(db, records);
    Object.assign(u, { sheetIndex: input.sheetIndex, sheetName: sheets.find((s) => s.index === input.sheetIndex)?.name ?? null, mapping, records, analysis });
    return {
      headers: mapping.headers,
      total: analysis.total,
      fresh: analysis.fresh,
      inFileDuplicates: analysis.inFileDuplicates,
      inDbDuplicates: analysis.inDbDuplicates,
      rejected: analysis.rejected,
      flagged: analysis.flagged,
      hidden: analysis.hidden,
      blank: analysis.blank,
      totals: analysis.totals,
      groups: analysis.groups.slice(0, 500),
      records: records
        .filter((r) => r.kind === 'record')
        .slice(0, 100)
        .map((r) => ({
          rowNumber: r.rowNumber,
          hidden: r.hidden,
          name: r.fields.name,
          creditCode: r.fields.creditCode ?? null,
          phone: r.fields.phone ?? null,
          address: r.fields.address ?? null,
          contactName: r.contact?.name ?? null,
          rejected: r.rejected,
          issues: r.issues,
          groupId: analysis.groupOf.get(r.rowNumber) ?? null,
        })),
    };
  }

  commit(db: Db, viewer: Viewer, input: Omit<CommitOptions, 'fileName' | 'sheetName' | 'shouldCancel' | 'onProgress'> & { uploadId: string }): { jobId: string } {
    const u = this.own(viewer, input.uploadId);
    if (!u.records || !u.analysis) throw new AppError('VALIDATION', { fields: 'analysis' });
    const job: Job = { jobId: randomUUID(), state: 'running', done: 0, total: u.analysis.total, summary: null, error: null, cancel: false, userId: viewer.id };
    this.jobs.set(job.jobId, job);
    // Only the rows that can be written go to the runner (commitImport skips the others anyway):
    // the worker runner copies what it is given into the worker thread.
    const records = u.records.filter((r) => r.kind === 'record' && !r.rejected);
    const analysis = u.analysis;
    this.runner(db, viewer, records, analysis, {
      fileName: u.fileName,
      sheetName: u.sheetName ?? null,
      source: input.source,
      tagIds: input.tagIds,
      assignment: input.assignment,
      decisions: input.decisions,
      defaultDecision: input.defaultDecision,
      shouldCancel: () => job.cancel,
      onProgress: (done, total) => {
        job.done = done;
        job.total = total;
      },
    }).then(
      (summary) => {
        Object.assign(job, { state: 'done', summary, done: job.total });
      },
      (e: unknown) => {
        const code = e instanceof AppError ? e.code : 'INTERNAL';
        Object.assign(job, { state: code === 'IMPORT_CANCELLED' ? 'cancelled' : 'failed', error: { code, message: e instanceof Error ? e.message : String(e) } });
      },
    );
    return { jobId: job.jobId };
  }

  progress(viewer: Viewer, jobId: string): ImportJobState {
    const job = this.jobs.get(jobId);
    if (!job || job.userId !== viewer.id) throw new AppError('NOT_FOUND');
    const { cancel: _c, userId: _u, ...state } = job;
    return state;
  }

  cancel(viewer: Viewer, jobId: string): ImportJobState {
    const job = this.jobs.get(jobId);
    if (!job || job.userId !== viewer.id) throw new AppError('NOT_FOUND');
    job.cancel = true;
    return this.progress(viewer, jobId);
  }

  /** Every rejected or flagged row, with its original row number and the reasons, as an xlsx. */
  async errorWorkbook(viewer: Viewer, uploadId: string, file: string, t: TFunction): Promise<number> {
    const u = this.own(viewer, uploadId);
    if (!u.records || !u.mapping) throw new AppError('VALIDATION', { fields: 'analysis' });
    const mapping = u.mapping;
    const bad = u.records.filter((r) => r.kind === 'record' && (r.rejected || r.issues.length > 0 || r.hidden));
    const reason = (r: ImportRecord): string =>
      [
        ...(r.hidden ? [t('importer.issues.hidden_row')] : []),
        ...r.issues.map((i: CleanIssue) => t(`importer.issues.${i.code}`, { value: i.value })),
      ].join('；');
    // The original cells are read again so the sheet shows the row as the user wrote it.
    const original = new Map<number, string[]>();
    const wanted = new Set(bad.map((r) => r.rowNumber));
    if (wanted.size) {
      await readRows(u.path, u.sheetIndex ?? 0, (row) => {
        if (wanted.has(row.index)) original.set(row.index, row.cells.map((c) => cellText(c)));
      });
    }
    const width = Math.max(mapping.headers.length, ...[...original.values()].map((c) => c.length));
    await writeXlsx(file, [
      {
        name: t('importer.errorSheet'),
        columns: [
          { header: t('importer.rowNumber'), type: 'integer', value: (r: ImportRecord) => r.rowNumber, width: 8 },
          { header: t('importer.result'), type: 'text', value: (r: ImportRecord) => (r.rejected ? t('importer.rejected') : t('importer.flagged')), width: 10 },
          { header: t('importer.reason'), type: 'text', value: reason, width: 50 },
          ...Array.from({ length: width }, (_, i) => ({
            header: mapping.headers[i] || `#${i + 1}`,
            type: 'text' as const,
            value: (r: ImportRecord) => original.get(r.rowNumber)?.[i] ?? '',
          })),
        ],
        rows: bad,
      },
    ]);
    return bad.length;
  }

  discard(viewer: Viewer, uploadId: string): void {
    const u = this.own(viewer, uploadId);
    rmSync(u.dir, { recursive: true, force: true });
    this.uploads.delete(uploadId);
  }

  /** Drops everything a user left behind (on logout). */
  discardAllOf(userId: string): void {
    for (const u of [...this.uploads.values()]) {
      if (u.userId === userId) {
        rmSync(u.dir, { recursive: true, force: true });
        this.uploads.delete(u.id);
      }
    }
  }
}

export const listBatches = (db: Db): ImportBatchInfo[] => {
  const rows = db.orm.select().from(importBatches).orderBy(desc(importBatches.at)).limit(200).all();
  const names = userNames(db, rows.map((r) => r.userId));
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    user: { id: r.userId, displayName: names.get(r.userId) ?? '' },
    fileName: r.fileName,
    sheetName: r.sheetName,
    counts: JSON.parse(r.counts) as ImportBatchInfo['counts'],
    undoneAt: r.undoneAt,
  }));
};

