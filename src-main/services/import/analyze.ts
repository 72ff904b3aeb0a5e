import type { DuplicateMatch, UserRef } from '../../../src-shared/customers/types';
import type { ImportRecord } from '../../../src-shared/import/record';
import { normalizeCompanyName } from '../../../src-shared/rules/companyName';
import { inArray } from 'drizzle-orm';
import type { ReadDb } from '../../db/connection';
import { customers } from '../../db/schema';
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
  /** A company name from the file's rows of the group (the wizard's preview holds only the first rows). */
  name: string | null;
  existing: { id: string; name: string; owner: UserRef | null } | null;
};

/** How many groups the analysis lists in full (what the wizard shows); the others follow the default decision. */
export const LISTED_GROUPS = 500;

const MATCHES: DuplicateMatch[] = ['creditCode', 'name', 'phone'];

/**
 * Every duplicate group of an import, compactly: a file of 100,000
 * companies that are all in the database already is 100,000 groups, which
 * as objects (ids, row arrays, existing customers with names and owners)
 * held ~40 MB for as long as the wizard was open. Here a group is a few
 * numbers and the existing customer's id; names and owners are looked up
 * only for the groups listed.
 */
export class DuplicateGroups {
  /** Per group: the existing customer's id, or null for a group within the file. */
  private readonly existing: (string | null)[] = [];
  /** Per group: its first row (the one that imports, for a group within the file). */
  private readonly first: number[] = [];
  /** Per group: the keys matched, one bit per MATCHES entry. */
  private readonly matched: number[] = [];
  private readonly byExisting = new Map<string, number>();
  /** A name from the file for each of the groups that can be listed (at most LISTED_GROUPS of them). */
  private readonly names = new Map<number, string>();
  /** Row number → group; the rows of a group in file order (a group within the file gets its first row when its second appears). */
  private readonly rows = new Map<number, number>();

  get size(): number {
    return this.first.length;
  }

  /** The group of the existing customer `existingId`, created with `row` as its first row if new. */
  addToExisting(existingId: string, matchedOn: DuplicateMatch[], row: number, name = ''): void {
    let g = this.byExisting.get(existingId);
    if (g === undefined) {
      g = this.create(existingId, matchedOn, row);
      this.byExisting.set(existingId, g);
    }
    this.rows.set(row, g);
    this.name(g, name);
  }

  /** Adds `row` to the group of the earlier row `first`, which becomes a group within the file if it had none. */
  addToRow(first: number, matchedOn: DuplicateMatch[], row: number, name = ''): void {
    let g = this.rows.get(first);
    if (g === undefined) {
      g = this.create(null, matchedOn, first);
      this.rows.set(first, g);
    }
    this.rows.set(row, g);
    this.name(g, name);
  }

  private name(g: number, name: string): void {
    if (g < LISTED_GROUPS && name && !this.names.has(g)) this.names.set(g, name);
  }

  private create(existingId: string | null, matchedOn: DuplicateMatch[], first: number): number {
    this.existing.push(existingId);
    this.first.push(first);
    this.matched.push(matchedOn.reduce((m, k) => m | (1 << MATCHES.indexOf(k)), 0));
    return this.first.length - 1;
  }

  private idOf(g: number): string {
    const existing = this.existing[g];
    return existing ? `db:${existing}` : `file:${this.first[g]!}`;
  }

  /** The id of the group `row` belongs to, or null. */
  groupOf(row: number): string | null {
    const g = this.rows.get(row);
    return g === undefined ? null : this.idOf(g);
  }

  /**
   * The rows that follow their group's decision — every row of a group of an
   * existing customer, all but the first of a group within the file — with
   * the group's id and what "fill" fills: the existing customer's id, or the
   * row whose new customer the later rows fill.
   */
  *followers(): Generator<{ row: number; groupId: string; target: string | number }> {
    for (const [row, g] of this.rows) if (this.follows(row, g)) yield { row, groupId: this.idOf(g), target: this.existing[g] ?? this.first[g]! };
  }

  /** How many rows of the groups from `from` on follow a decision (what the wizard's "set all to" applies to beyond the listed groups). */
  followersFrom(from: number): number {
    let n = 0;
    for (const [row, g] of this.rows) if (g >= from && this.follows(row, g)) n += 1;
    return n;
  }

  /** Whether `row` of group `g` follows the group's decision: not when it is the first row of a group within the file (that one imports). */
  private follows(row: number, g: number): boolean {
    return this.existing[g] !== null || row !== this.first[g];
  }

  /** The first `limit` groups in full, in the order they were found, with the existing customers as the database has them now. */
  list(db: ReadDb, limit: number): DuplicateGroup[] {
    const n = Math.min(limit, this.size);
    const rowNumbers = Array.from({ length: n }, () => [] as number[]);
    for (const [row, g] of this.rows) if (g < n) rowNumbers[g]!.push(row);
    const ids = this.existing.slice(0, n).filter((id): id is string => id !== null);
    const found = new Map<string, Existing>(
      ids.length
        ? db.orm
            .select({ id: customers.id, name: customers.name, ownerId: customers.ownerId })
            .from(customers)
            .where(inArray(customers.id, ids))
            .all()
            .map((r) => [r.id, r])
        : [],
    );
    const names = userNames(db, [...found.values()].map((r) => r.ownerId));
    return rowNumbers.map((rowNumbers, g) => {
      const id = this.existing[g];
      const e = id ? found.get(id) : undefined;
      return {
        id: this.idOf(g),
        matchedOn: MATCHES.filter((_, bit) => this.matched[g]! & (1 << bit)),
        rowNumbers,
        name: this.names.get(g) ?? null,
        existing: id
          ? { id, name: e?.name ?? '', owner: e?.ownerId ? { id: e.ownerId, displayName: names.get(e.ownerId) ?? '' } : null }
          : null,
      };
    });
  }
}

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
  /** The first groups in full (LISTED_GROUPS unless the caller asked for another number): what the wizard lists. */
  groups: DuplicateGroup[];
  /** Every group. */
  duplicates: DuplicateGroups;
};

type Existing = { id: string; name: string; ownerId: string | null };

/** Analyses records one at a time: the database look-ups of `add` run in the caller's read transaction. */
export type Analyzer = { add(record: ImportRecord): void; result(listed?: number): ImportAnalysis };

/**
 * Finds duplicates by the customer rules (credit code, normalised name,
 * phone) against the database and within the file. Database look-ups use
 * the indexes row by row through prepared statements, and the analyzer keeps
 * only the duplicate keys, not the records, so memory stays bounded whatever
 * the sizes of the file and of the database.
 */
export const analyzeRecords = (db: ReadDb, records: Iterable<ImportRecord>, listed = LISTED_GROUPS): ImportAnalysis => {
  const analyzer = createAnalyzer(db);
  // One read transaction for all the look-ups (one consistent snapshot), rather than one per
  // statement: beginning and ending a read transaction per look-up cost more than the look-up.
  db.snapshot(() => {
    for (const r of records) analyzer.add(r);
  });
  return analyzer.result(listed);
};

export const createAnalyzer = (db: ReadDb): Analyzer => {
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
    duplicates: new DuplicateGroups(),
  };
  const groups = result.duplicates;
  const firstInFile = new Map<string, number>(); // key → row number of the first row with it

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
      groups.addToExisting(existing.id, matchedDb, r.rowNumber, r.fields.name);
      result.inDbDuplicates += 1;
      for (const [, key] of keys) if (!firstInFile.has(key)) firstInFile.set(key, r.rowNumber);
      return;
    }
    const matchedFile = keys.filter(([, key]) => firstInFile.has(key));
    if (matchedFile.length) {
      // The earlier row's group: of the existing customer it matched, or (new) within the file.
      groups.addToRow(firstInFile.get(matchedFile[0]![1])!, matchedFile.map(([k]) => k), r.rowNumber, r.fields.name);
      result.inFileDuplicates += 1;
    } else {
      result.fresh += 1;
    }
    for (const [, key] of keys) if (!firstInFile.has(key)) firstInFile.set(key, r.rowNumber);
  };
  return {
    add,
    result(listed = LISTED_GROUPS) {
      result.groups = groups.list(db, listed);
      return result;
    },
  };
};
