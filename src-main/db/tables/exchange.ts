import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { TableModule } from '../columns';

// Tables of the LAN exchange (数据交换). Not audited: they are bookkeeping about records, not records.

/**
 * One change stamp per exchanged row (live or deleted), kept by triggers
 * (src-main/services/exchange/triggers.ts):
 * - vv: the row's version vector {nodeId: counter}, counters from each PC's hybrid logical clock;
 *   comparing two vectors says whether one version descends from the other or both changed;
 * - hlc / node: the stamp of the last change and the PC it was made on (shown in the workbook);
 * - seq: this PC's local change sequence (what "changes since the last exchange" selects);
 * - deleted: the row was removed (a tombstone, so the deletion travels).
 */
export const exchangeStamps = sqliteTable(
  'exchange_stamps',
  {
    tableName: text('table_name').notNull(),
    recordId: text('record_id').notNull(),
    vv: text('vv').notNull(),
    hlc: integer('hlc').notNull(),
    node: text('node').notNull(),
    seq: integer('seq').notNull(),
    deleted: integer('deleted').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tableName, t.recordId] }), index('exchange_stamps_seq').on(t.seq), index('exchange_stamps_hlc').on(t.hlc)],
);

/** What this PC knows about each other PC it exchanged with. */
export const exchangePeers = sqliteTable('exchange_peers', {
  nodeId: text('node_id').primaryKey(),
  /** A name for people: the exporting PC's label (host name) as its last workbook gave it. */
  label: text('label').notNull().default(''),
  /** Highest local seq of that PC whose changes we hold completely (from its workbooks). */
  receivedSeq: integer('received_seq').notNull().default(0),
  /** Highest seq of ours that PC reported holding (its workbook's `knows` entry for us). */
  ackedSeq: integer('acked_seq').notNull().default(0),
  lastImportAt: integer('last_import_at'),
  lastExportAt: integer('last_export_at'),
});

/** Rows of a workbook that need a person: changed on both sides, edited by hand in Excel, or a duplicate of a live record. */
export const exchangeConflicts = sqliteTable(
  'exchange_conflicts',
  {
    id: text('id').primaryKey(),
    at: integer('at').notNull(),
    tableName: text('table_name').notNull(),
    recordId: text('record_id').notNull(),
    reason: text('reason', { enum: ['both_changed', 'hand_edited', 'duplicate'] }).notNull(),
    peerNode: text('peer_node').notNull(),
    /** The workbook's row (JSON, SQL column names), its vector and stamp. */
    remote: text('remote').notNull(),
    remoteVv: text('remote_vv').notNull(),
    remoteHlc: integer('remote_hlc').notNull(),
    remoteDeleted: integer('remote_deleted').notNull().default(0),
    /** For duplicates: the live local record the incoming one duplicates. */
    otherId: text('other_id'),
    importId: text('import_id').notNull(),
    resolvedAt: integer('resolved_at'),
    resolvedBy: text('resolved_by'),
    /** JSON: the choice per field, or {"action": …} for duplicates. */
    resolution: text('resolution'),
  },
  (t) => [index('exchange_conflicts_open').on(t.resolvedAt, t.tableName, t.recordId)],
);

/** Every export and committed import (the exchange history). */
export const exchangeLog = sqliteTable(
  'exchange_log',
  {
    id: text('id').primaryKey(),
    at: integer('at').notNull(),
    userId: text('user_id'),
    kind: text('kind', { enum: ['export', 'import'] }).notNull(),
    peerNode: text('peer_node'),
    peerLabel: text('peer_label'),
    fileName: text('file_name').notNull(),
    /** JSON: counts (export: rows per sheet; import: the summary counts). */
    counts: text('counts').notNull(),
  },
  (t) => [index('exchange_log_at').on(t.at)],
);

export const exchangeTables: TableModule = {
  audited: () => [],
  customerLinked: () => [],
};
