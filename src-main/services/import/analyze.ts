import type { DuplicateMatch, UserRef } from '../../../src-shared/customers/types';
import type { ImportRecord } from '../../../src-shared/import/record';
import { normalizeCompanyName } from '../../../src-shared/rules/companyName';
import type { Db } from '../../db/connection';
import { userNames } from '../customers/events';

export type DuplicateDecision = 'skip' | 'fill' | 'new';

/**
 * Rows that are probably the same company, with the existing customer when
 * the database already has it. Within a file the first row is the one that
 * imports; the later rows follow the group's decision.
 */
export type DuplicateGroup = {
  id: string;
  matchedOn: DuplicateMatch[];
  rowNumbers: number[];
  existing: { id: string; name: string; owner: UserRef | null } | null;
};

export type ImportAnalysis = {
  total: number;
  blank: number;
  totals: number;
  hidden: number;
  rejected: number;
  flagged: number;
  /** Records that are new (not duplicates of anything). */
  fresh: number;
  inFileDuplicates: number;
  inDbDuplicates: number;
  groups: DuplicateGroup[];
  /** rowNumber → group id */
  groupOf: Map<number, string>;
};

type Existing = { id: string; name: string; ownerId: string | null };

/** Analyses records one at a time: the database look-ups of `add` run in the caller's read transaction. */
export type Analyzer = { add(record: ImportRecord): void; result(): ImportAnalysis };

/**
 * Finds duplicates by the customer rules (credit code, normalised name,
 * phone) against the database and within the file. Database look-ups use
 * the indexes row by row through prepared statements, and the analyzer keeps
 * only the duplicate keys, not the records, so memory stays bounded whatever
 * the sizes of the file and of the database.
 */
export const analyzeRecords = (db: Db, records: Iterable<ImportRecord>): ImportAnalysis => {
  const analyzer = createAnalyzer(db);
  // One read transaction for all the look-ups (one consistent snapshot), rather than one per
  // statement: beginning and ending a read transaction per look-up cost more than the look-up.
  db.sqlite.transaction(() => {
    for (const r of records) analyzer.add(r);
  })();
  return analyzer.result();
};

export const createAnalyzer = (db: Db): Analyzer => {
  const live = 'deleted_at IS NULL AND merged_into IS NULL';
  const byCode = db.sqlite.prepare(`SELECT id, name, owner_id AS ownerId FROM customers WHERE credit_code = ? AND ${live} LIMIT 1`);
  const byName = db.sqlite.prepare(`SELECT id, name, owner_id AS ownerId FROM customers WHERE name_key = ? AND ${live} LIMIT 1`);
  // Three indexed look-ups rather than one OR, which SQLite would answer with a full scan per row.
  const byCustomerPhone = db.sqlite.prepare(`SELECT id, name, owner_id AS ownerId FROM customers WHERE phone = ? AND ${live} LIMIT 1`);
  const byContactPhone = db.sqlite.prepare(
    `SELECT c.id, c.name, c.owner_id AS ownerId FROM contacts k JOIN customers c ON c.id = k.customer_id
     WHERE k.mobile = ? AND k.deleted_at IS NULL AND c.deleted_at IS NULL AND c.merged_into IS NULL
     UNION ALL
     SELECT c.id, c.name, c.owner_id AS ownerId FROM contacts k JOIN customers c ON c.id = k.customer_id
     WHERE k.phone = ? AND k.deleted_at IS NULL AND c.deleted_at IS NULL AND c.merged_into IS NULL LIMIT 1`,
  );
  const byPhone = { get: (p: string) => byCustomerPhone.get(p) ?? byContactPhone.get(p, p) };
  const result: ImportAnalysis = {
    total: 0,
    blank: 0,
    totals: 0,
    hidden: 0,
    rejected: 0,
    flagged: 0,
    fresh: 0,
    inFileDuplicates: 0,
    inDbDuplicates: 0,
    groups: [],
    groupOf: new Map(),
  };
  const groups = new Map<string, DuplicateGroup>();
  const firstInFile = new Map<string, number>(); // key → row number of the first row with it
  const existingOwners: (string | null)[] = [];

  const add = (r: ImportRecord): void => {
    if (r.kind === 'blank') {
      result.blank += 1;
      return;
    }
    if (r.kind === 'total') {
      result.totals += 1;
      return;
    }
    result.total += 1;
    if (r.hidden) result.hidden += 1;
    if (r.rejected) {
      result.rejected += 1;
      return;
    }
    if (r.issues.length) result.flagged += 1;
    const keys: [DuplicateMatch, string][] = [];
    if (r.fields.creditCode) keys.push(['creditCode', `c:${r.fields.creditCode}`]);
    keys.push(['name', `n:${normalizeCompanyName(r.fields.name)}`]);
    if (r.fields.phone && r.fields.phone.length >= 7) keys.push(['phone', `p:${r.fields.phone}`]);

    let existing: Existing | undefined;
    const matchedDb: DuplicateMatch[] = [];
    for (const [kind, key] of keys) {
      const value = key.slice(2);
      const hit = (kind === 'creditCode' ? byCode.get(value) : kind === 'name' ? byName.get(value) : byPhone.get(value)) as Existing | undefined;
      if (hit && (!existing || existing.id === hit.id)) {
        existing = hit;
        matchedDb.push(kind);
      }
    }
    if (existing) {
      const id = `db:${existing.id}`;
      let g = groups.get(id);
      if (!g) {
        existingOwners.push(existing.ownerId);
        g = { id, matchedOn: matchedDb, rowNumbers: [], existing: { id: existing.id, name: existing.name, owner: existing.ownerId ? { id: existing.ownerId, displayName: '' } : null } };
        groups.set(id, g);
      }
      g.rowNumbers.push(r.rowNumber);
      result.groupOf.set(r.rowNumber, id);
      result.inDbDuplicates += 1;
      for (const [, key] of keys) if (!firstInFile.has(key)) firstInFile.set(key, r.rowNumber);
      return;
    }
    const matchedFile = keys.filter(([, key]) => firstInFile.has(key));
    if (matchedFile.length) {
      const first = firstInFile.get(matchedFile[0]![1])!;
      const id = result.groupOf.get(first) ?? `file:${first}`;
      let g = groups.get(id);
      if (!g) {
        g = { id, matchedOn: matchedFile.map(([k]) => k), rowNumbers: [first], existing: null };
        groups.set(id, g);
        result.groupOf.set(first, id);
      }
      g.rowNumbers.push(r.rowNumber);
      result.groupOf.set(r.rowNumber, id);
      result.inFileDuplicates += 1;
    } else {
      result.fresh += 1;
    }
    for (const [, key] of keys) if (!firstInFile.has(key)) firstInFile.set(key, r.rowNumber);
  };
  return {
    add,
    result() {
      result.groups = [...groups.values()];
      const names = userNames(db, existingOwners);
      for (const g of result.groups) if (g.existing?.owner) g.existing.owner.displayName = names.get(g.existing.owner.id) ?? '';
      return result;
    },
  };
};
