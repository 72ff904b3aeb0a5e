import { randomUUID } from 'node:crypto';
import { appendFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import type { CleanIssue } from '../../../src-shared/import/clean';
import type { ImportMapping, ImportRecord } from '../../../src-shared/import/record';
import { autoMap, type ImportTarget } from '../../../src-shared/import/targets';
import type { ImportAnalysisView, ImportFileInfo, ImportJobState, ImportPreview } from '../../../src-shared/import/types';
import type { Locale } from '../../../src-shared/roles';
import type { ReadDb } from '../../db/connection';
import { translator } from '../../i18n';
import { systemClock, type Clock } from '../clock';
import { canImportLeads, type Viewer } from '../policy/policy';
import { writeXlsx } from '../export/xlsxWriter';
import { createAnalyzer, type ImportAnalysis } from './analyze';
import type { CommitOptions } from './commit';
import { ImportJobs, type JobRunner, type JobUpdate, type RecordSource } from './jobs';
import { readRecords, type RecordLayout } from './records';
import {
  cellText,
  columnsForHeaderRow,
  detectHeader,
  listSheets,
  offeredSheets,
  readPreview,
  readRows,
  sniffFile,
  type Preview,
  type ReadCache,
  type SheetInfo,
} from './read';
import { checkFileName, MiB, newUploadDir, storedName, UPLOAD_LIMITS } from './uploads';

type Upload = {
  id: string;
  userId: string;
  fileName: string;
  dir: string;
  path: string;
  size: number;
  complete: boolean;
  /** When its user last used it (the sessions' clock): idle too long, it is removed. */
  usedAt: number;
  /** The order of last use among the uploads (times can be equal): the least recent goes first. */
  useSeq: number;
  /** Calls and commits reading the file now: it is removed only when they are done. */
  busy: number;
  sheetIndex?: number;
  sheetName?: string | null;
  mapping?: ImportMapping;
  /** Where the analysed records are in the file: the commit reads them again from there. */
  layout?: RecordLayout;
  analysis?: ImportAnalysis;
  /** The rows for the error workbook (rejected, flagged or hidden); the others are not kept. */
  bad?: ImportRecord[];
  /**
   * A complete upload never changes: its sheet list and the first rows of each
   * sheet (header detection, merges) are read once, then reused by analyze,
   * which would otherwise read the whole sheet one more time for its merges.
   */
  sheetList?: SheetInfo[];
  previews?: Map<number, Preview>;
  /**
   * Shared strings and formats parsed by the preview, for the analysis and
   * the commit that read the sheet again (dropped when the commit ends).
   */
  readCache?: ReadCache;
};

/** Records per batch, for the analysis' read transactions and the commit's messages to its worker. */
const BATCH = 1000;

/**
 * The import wizard's state in the main process: uploaded files (in a
 * private temp folder, deleted when the import ends), their analysis, and
 * running commit jobs (ImportJobs). Only the user who uploaded a file may use it.
 */
export class ImportSessions {
  private uploads = new Map<string, Upload>();
  /** Uploads removed from use while a call or commit still read them: deleted when that ends. */
  private leaving = new Set<Upload>();
  private readonly jobs: ImportJobs;
  private sweeper: ReturnType<typeof setInterval> | undefined;
  private uses = 0;

  constructor(
    private readonly runner: JobRunner,
    /** Told of every change of a job's state (progress, end): the import process forwards them to the window's process. */
    onJob?: (job: JobUpdate) => void,
    /** For the idle limit: the workspace's clock (in the import process, the time the window's process sends). */
    private readonly clock: Clock = systemClock,
  ) {
    this.jobs = new ImportJobs(onJob);
  }

  /** Nothing uploaded and no commit running: the import process may end. */
  idle(): boolean {
    return this.uploads.size === 0 && this.leaving.size === 0 && !this.jobs.running();
  }

  /** Removes the uploads left unused for longer than the idle limit (each call does this first; a timer too, while there are any). */
  expire(): void {
    const now = this.clock.now();
    for (const u of [...this.uploads.values()]) if (now - u.usedAt > UPLOAD_LIMITS.idleMs) this.drop(u);
  }

  /** A user logged out: their uploads go (one a commit still reads, when the commit ends). */
  endUser(userId: string): void {
    for (const u of [...this.uploads.values()]) if (u.userId === userId) this.drop(u);
  }

  /** Takes an upload out of use and deletes its folder, now or, if something still reads it, when that ends. */
  private drop(u: Upload): void {
    this.uploads.delete(u.id);
    if (u.busy > 0) this.leaving.add(u);
    else rmSync(u.dir, { recursive: true, force: true });
    this.sweep();
  }

  /** Keeps the idle timer running exactly while there are uploads. */
  private sweep(): void {
    if (this.uploads.size > 0 && !this.sweeper) {
      this.sweeper = setInterval(() => this.expire(), UPLOAD_LIMITS.sweepMs);
      this.sweeper.unref();
    } else if (this.uploads.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }

  /** Runs `use` with the upload's file held: dropped meanwhile (logout, expiry), the folder goes when it ends. */
  private async holding<T>(u: Upload, use: () => Promise<T>): Promise<T> {
    u.busy += 1;
    try {
      return await use();
    } finally {
      this.release(u);
    }
  }

  private release(u: Upload): void {
    u.busy -= 1;
    if (u.busy === 0 && this.leaving.delete(u)) rmSync(u.dir, { recursive: true, force: true });
  }

  private bytesHeld(): number {
    let total = 0;
    for (const u of this.uploads.values()) total += u.size;
    for (const u of this.leaving) total += u.size;
    return total;
  }

  private own(viewer: Viewer, id: string): Upload {
    if (!canImportLeads(viewer)) throw new AppError('FORBIDDEN');
    this.expire();
    const u = this.uploads.get(id);
    if (!u || u.userId !== viewer.id) throw new AppError('NOT_FOUND');
    u.usedAt = this.clock.now();
    u.useSeq = ++this.uses;
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
    if (!canImportLeads(viewer)) throw new AppError('FORBIDDEN');
    const chunk = Buffer.from(input.chunkBase64, 'base64');
    let u: Upload;
    if (!input.uploadId) {
      checkFileName(input.fileName);
      if (input.offset !== 0) throw new AppError('VALIDATION', { fields: 'offset' });
      this.expire();
      this.checkRoom(undefined, chunk.length);
      // One user's uploads are few: starting one more removes their least recently used (one no commit reads).
      const mine = [...this.uploads.values()].filter((x) => x.userId === viewer.id).sort((a, b) => a.useSeq - b.useSeq);
      if (mine.length >= UPLOAD_LIMITS.perUser) {
        const oldest = mine.find((x) => x.busy === 0);
        if (!oldest) throw new AppError('UPLOADS_FULL', { limit: UPLOAD_LIMITS.totalBytes / MiB });
        this.drop(oldest);
      }
      const dir = newUploadDir();
      const now = this.clock.now();
      u = { id: randomUUID(), userId: viewer.id, fileName: input.fileName, dir, path: join(dir, storedName(input.fileName)), size: 0, complete: false, usedAt: now, useSeq: ++this.uses, busy: 0 };
      writeFileSync(u.path, '');
      this.uploads.set(u.id, u);
      this.sweep();
    } else {
      u = this.own(viewer, input.uploadId);
      if (u.complete || input.offset !== u.size) throw new AppError('VALIDATION', { fields: 'offset' });
      this.checkRoom(u, chunk.length);
    }
    appendFileSync(u.path, chunk);
    u.size = statSync(u.path).size;
    u.complete = input.final;
    return { uploadId: u.id, size: u.size };
  }

  /** Refuses a chunk that would make its file, or all uploads together, larger than the limits. */
  private checkRoom(u: Upload | undefined, bytes: number): void {
    if ((u?.size ?? 0) + bytes > UPLOAD_LIMITS.fileBytes) throw new AppError('UPLOAD_TOO_LARGE', { limit: UPLOAD_LIMITS.fileBytes / MiB });
    if (this.bytesHeld() + bytes > UPLOAD_LIMITS.totalBytes) throw new AppError('UPLOADS_FULL', { limit: UPLOAD_LIMITS.totalBytes / MiB });
  }

  async sheets(viewer: Viewer, uploadId: string): Promise<ImportFileInfo> {
    const u = this.own(viewer, uploadId);
    const { kind, sheets } = await this.holding(u, async () => ({ kind: (await sniffFile(u.path)).kind, sheets: await this.sheetListOf(u) }));
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
    const { rows, merges } = await this.holding(u, () => this.previewOf(u, input.sheetIndex));
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
    db: ReadDb,
    viewer: Viewer,
    input: { uploadId: string; sheetIndex: number; headerRow: number; targets: (ImportTarget | null)[]; unmappedToNotes: boolean },
  ): Promise<ImportAnalysisView> {
    const u = this.own(viewer, input.uploadId);
    return this.holding(u, () => this.analyzeHeld(db, u, input));
  }

  private async analyzeHeld(
    db: ReadDb,
    u: Upload,
    input: { uploadId: string; sheetIndex: number; headerRow: number; targets: (ImportTarget | null)[]; unmappedToNotes: boolean },
  ): Promise<ImportAnalysisView> {
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
    const layout: RecordLayout = { sheetIndex: input.sheetIndex, cells: guess.columns.map((c) => c.index), lastHeaderRow: last, mapping };
    const cache = u.readCache;
    const analyzer = createAnalyzer(db);
    const shown: ImportRecord[] = [];
    const bad: ImportRecord[] = [];
    let pending: ImportRecord[] = [];
    // Each batch's look-ups in one read transaction (no transaction may span the read's awaits).
    const analyzePending = (): void =>
      db.snapshot(() => {
        for (const r of pending) analyzer.add(r);
        pending = [];
      });
    await readRecords(
      u.path,
      layout,
      (r) => {
        if (r.kind === 'record') {
          if (shown.length < 100) shown.push(r);
          if (r.rejected || r.issues.length > 0 || r.hidden) bad.push(r);
        }
        pending.push(r);
        if (pending.length >= BATCH) analyzePending();
      },
      cache ? { cache } : {},
    );
    analyzePending();
    const analysis = analyzer.result();
    Object.assign(u, { sheetIndex: input.sheetIndex, sheetName: sheets.find((s) => s.index === input.sheetIndex)?.name ?? null, mapping, layout, analysis, bad });
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
      groups: analysis.groups,
      groupCount: analysis.duplicates.size,
      unlistedRows: analysis.duplicates.followersFrom(analysis.groups.length),
      records: shown.map((r) => ({
          rowNumber: r.rowNumber,
          hidden: r.hidden,
          name: r.fields.name,
          creditCode: r.fields.creditCode ?? null,
          phone: r.fields.phone ?? null,
          address: r.fields.address ?? null,
          contactName: r.contact?.name ?? null,
          rejected: r.rejected,
          issues: r.issues,
          groupId: analysis.duplicates.groupOf(r.rowNumber),
        })),
    };
  }

  commit(viewer: Viewer, input: Omit<CommitOptions, 'fileName' | 'sheetName' | 'shouldCancel' | 'onProgress'> & { uploadId: string }): { jobId: string } {
    const u = this.own(viewer, input.uploadId);
    if (!u.layout || !u.analysis) throw new AppError('VALIDATION', { fields: 'analysis' });
    // The commit reads the file again: a logout or the idle limit removes it only when the commit has ended.
    u.busy += 1;
    const { path, layout, analysis, readCache: cache } = u;
    // The records are read again from the file, by batches, and only those that can be written go
    // to the runner (the streaming runner writes each batch before the next is read).
    const source: RecordSource = async (emit) => {
      let batch: ImportRecord[] = [];
      await readRecords(
        path,
        layout,
        (r) => {
          if (r.kind !== 'record' || r.rejected) return;
          batch.push(r);
          if (batch.length < BATCH) return;
          const full = batch;
          batch = [];
          return emit(full);
        },
        cache ? { cache } : {},
      );
      if (batch.length) await emit(batch);
      // Read for the last time: the shared strings can go.
      delete u.readCache;
    };
    return this.jobs.start(
      viewer.id,
      analysis.total,
      (control) =>
        this.runner(viewer, source, analysis, {
          fileName: u.fileName,
          sheetName: u.sheetName ?? null,
          source: input.source,
          tagIds: input.tagIds,
          assignment: input.assignment,
          decisions: input.decisions,
          defaultDecision: input.defaultDecision,
          ...control,
        }),
      () => this.release(u),
    );
  }

  progress(viewer: Viewer, jobId: string): ImportJobState {
    return this.jobs.progress(viewer, jobId);
  }

  cancel(viewer: Viewer, jobId: string): ImportJobState {
    return this.jobs.cancel(viewer, jobId);
  }

  /** Every rejected or flagged row, with its original row number and the reasons, as an xlsx. */
  async errorWorkbook(viewer: Viewer, uploadId: string, file: string, locale: Locale): Promise<number> {
    const u = this.own(viewer, uploadId);
    const t = translator(locale);
    if (!u.bad || !u.mapping) throw new AppError('VALIDATION', { fields: 'analysis' });
    const mapping = u.mapping;
    const bad = u.bad;
    const reason = (r: ImportRecord): string =>
      [
        ...(r.hidden ? [t('importer.issues.hidden_row')] : []),
        ...r.issues.map((i: CleanIssue) => t(`importer.issues.${i.code}`, { value: i.value })),
      ].join('；');
    // The original cells are read again so the sheet shows the row as the user wrote it.
    const original = new Map<number, string[]>();
    const wanted = new Set(bad.map((r) => r.rowNumber));
    if (wanted.size) {
      await this.holding(u, () =>
        readRows(u.path, u.sheetIndex ?? 0, (row) => {
          if (wanted.has(row.index)) original.set(row.index, row.cells.map((c) => cellText(c)));
        }),
      );
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
    this.drop(this.own(viewer, uploadId));
  }

  /** Drops every upload (the app quits, or the import process ends). */
  discardAll(): void {
    for (const u of [...this.uploads.values(), ...this.leaving]) rmSync(u.dir, { recursive: true, force: true });
    this.uploads.clear();
    this.leaving.clear();
    this.sweep();
  }
}
