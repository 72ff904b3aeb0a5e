/** Shared types of the LAN exchange (数据交换). Values are SQL values: text, numbers or null. */
export type ExchangeValue = string | number | null;

export type ExchangeNoteKind =
  | 'hand_edited'
  | 'no_id'
  | 'extra_column'
  | 'missing_column'
  | 'missing_sheet'
  | 'unknown_sheet'
  | 'forbidden'
  | 'parent_missing'
  | 'failed'
  | 'hand_edited_new'
  | 'duplicate_row'
  | 'refused';

/** Why a change the importing person would be making was refused (src-main/services/exchange/authority.ts). */
export type ExchangeRefusal = 'admin' | 'manager' | 'system' | 'delete' | 'own';

/** Something in the workbook a person should know about, with where it is. */
export type ExchangeNote = {
  kind: ExchangeNoteKind;
  sheet: string;
  row?: number;
  column?: string;
  detail?: string;
  /** With 'refused': the record type and why. */
  table?: string;
  reason?: ExchangeRefusal;
};

export type ExchangeCounts = {
  added: number;
  updated: number;
  deleted: number;
  /** Same version on both sides (or both made the same change). */
  unchanged: number;
  /** This PC already has a newer version. */
  older: number;
  conflicts: number;
  /** Conflicts already waiting from an earlier import of this version. */
  alreadyPending: number;
  duplicates: number;
  skipped: number;
};

export type ExchangeFieldDiff = { column: string; local: ExchangeValue; remote: ExchangeValue };

export type ExchangeConflictView = {
  id: string;
  at: number;
  table: string;
  sheet: string;
  recordId: string;
  /** A name for people (the record's name/title when it has one). */
  label: string;
  reason: 'both_changed' | 'hand_edited' | 'duplicate';
  peer: { node: string; label: string };
  localDeleted: boolean;
  remoteDeleted: boolean;
  /** Only the fields whose values differ. */
  fields: ExchangeFieldDiff[];
  /** Duplicates: the live local record the incoming one matches. */
  other: { id: string; label: string } | null;
};

export type ExchangeSummary = {
  /** Analysis token (cancel / commit). */
  token: string;
  fileName: string;
  from: { node: string; label: string; createdAt: number; mode: 'all' | 'since'; scope: 'all' | 'owner' };
  counts: ExchangeCounts;
  perSheet: { sheet: string; table: string; rows: number; counts: ExchangeCounts }[];
  notes: ExchangeNote[];
  /** Notes beyond the first 500 are counted, not listed. */
  moreNotes: number;
  /** Planned conflicts (preview) or the stored ones (after commit). */
  conflicts: { table: string; recordId: string; reason: ExchangeConflictView['reason']; columns: string[]; conflictId?: string }[];
  committed: boolean;
};

export type ExchangePeer = { node: string; label: string; lastImportAt: number | null; lastExportAt: number | null; receivedSeq: number; ackedSeq: number };

export type ExchangeStatus = { node: string; label: string; peers: ExchangePeer[]; pendingConflicts: number };

export type ExchangeLogEntry = {
  id: string;
  at: number;
  kind: 'export' | 'import';
  user: { id: string; displayName: string } | null;
  peer: { node: string; label: string } | null;
  fileName: string;
  counts: Record<string, number>;
};
