import type { DuplicateMatch, UserRef } from '../customers/types';
import type { CleanIssue } from './clean';
import type { ImportTarget } from './targets';

export type ImportSheet = { index: number; name: string; state: 'visible' | 'hidden' | 'veryHidden'; offered: boolean };

export type ImportFileInfo = { uploadId: string; fileName: string; kind: 'xlsx' | 'xls' | 'ods' | 'html' | 'csv'; sheets: ImportSheet[] };

export type ImportPreview = {
  headerRow: number;
  headers: string[];
  targets: (ImportTarget | null)[];
  /** The first rows under the header as display text, with their sheet row numbers. */
  rows: { rowNumber: number; hidden: boolean; cells: string[] }[];
  /** The first rows of the sheet as they are (to pick another header row). */
  topRows: { rowNumber: number; cells: string[] }[];
  /** True when `targets` is the mapping this user confirmed for the same headers before. */
  savedMapping?: boolean;
};

export type ImportPreviewRecord = {
  rowNumber: number;
  hidden: boolean;
  name: string;
  creditCode: string | null;
  phone: string | null;
  address: string | null;
  contactName: string | null;
  rejected: boolean;
  issues: CleanIssue[];
  /** Duplicate group, if any. */
  groupId: string | null;
};

export type ImportGroup = {
  id: string;
  matchedOn: DuplicateMatch[];
  rowNumbers: number[];
  /** A company name from the file's rows of the group (the preview holds only the first rows). */
  name: string | null;
  existing: { id: string; name: string; owner: UserRef | null } | null;
};

export type ImportAnalysisView = {
  /** The header names the mapping applied to. */
  headers: string[];
  total: number;
  fresh: number;
  inFileDuplicates: number;
  inDbDuplicates: number;
  rejected: number;
  flagged: number;
  hidden: number;
  blank: number;
  totals: number;
  /** The first groups in full (at most 500: a file of companies all in the database is one group per row). */
  groups: ImportGroup[];
  /** How many groups there are in all. */
  groupCount: number;
  /** Rows of the groups not listed that follow a decision (the default one, "set all to"). */
  unlistedRows: number;
  records: ImportPreviewRecord[];
};

export type ImportJobState = {
  jobId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  summary: { batchId: string; created: number; filled: number; skipped: number; rejected: number; total: number } | null;
  error: { code: string; message: string } | null;
};

export type ImportBatchInfo = {
  id: string;
  at: number;
  user: UserRef | null;
  fileName: string;
  sheetName: string | null;
  counts: { created: number; filled: number; skipped: number; rejected: number; total: number };
  undoneAt: number | null;
};

export type ImportUndoResult = { removed: number; reverted: number; touched: { id: string; name: string }[] };
