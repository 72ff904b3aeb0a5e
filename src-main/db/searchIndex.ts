import type BetterSqlite3 from 'better-sqlite3';
import { personPinyinKeys, pinyinKeys, type PinyinKeys } from './pinyin';
import {
  ALIAS_SEPARATOR,
  CONTACT_DOCID_BASE,
  DOC_CONTACT,
  DOC_CUSTOMER,
  creditCodeText,
  ngrams,
  phonesText,
  searchKeys,
  searchText,
  type DocKind,
} from './searchText';

/**
 * The customer search index, kept right by SQLite triggers so that no code
 * path (services, imports, merges, restores, a future migration) can change a
 * customer or contact without the index following.
 *
 * Tables (created by migration 0002_search_index):
 * - `search_docs`: one row per visible customer (not deleted, not merged) and
 *   per contact not deleted (the search drops contacts whose customer is
 *   hidden, see TRIGGERS for why), with the folded texts the index holds:
 *   name, short name, pinyin, initials, phones, credit code, address. Customers have docids below CONTACT_DOCID_BASE, contacts above,
 *   so FTS5 results in rowid order come customers first.
 * - `search_trgm_name` (name, short name, pinyin, initials) and
 *   `search_trgm_other` (phones, credit code, address): FTS5 trigram over
 *   search_docs (external content: the texts are stored once), for substrings
 *   of 3+ characters. Two tables rather than column filters: a filter on one
 *   column still walks the doclist of every column, and "有限公司" is in every
 *   name — looking for it in addresses would read 100,000 entries.
 * - `search_grams_name`, `search_grams_address`: FTS5 unicode61 over the 1-
 *   and 2-character substrings (contentless), for queries too short for
 *   trigrams ("星", "星辰").
 * - `search_keys`: a B-tree of `<kind><tag><value>` keys for exact and prefix
 *   matches (names, pinyin, phones forwards and reversed, credit codes).
 * - `search_meta`: the index format version.
 *
 * The triggers on customers and contacts only maintain search_docs; triggers
 * on search_docs maintain the FTS tables and keys. The folding is done by
 * application functions registered on each connection (registerSearchFunctions),
 * so a connection without them cannot write customers at all rather than
 * writing them unindexed.
 */

/** Bump when what the index stores changes: installSearchIndex then rebuilds it. */
/** 2: the legal representative joined the short name as a name a customer is found by. */
export const SEARCH_INDEX_VERSION = 2;

const memoLast = (fn: (text: string) => PinyinKeys): ((text: string) => PinyinKeys) => {
  // Full pinyin and initials are two SQL calls on the same text, one after the other.
  let lastText: string | null = null;
  let last: PinyinKeys = { full: '', initials: '' };
  return (text) => {
    if (text !== lastText) {
      last = fn(text);
      lastText = text;
    }
    return last;
  };
};

const textArg = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

/** Registers the tuoke_* search functions. Must run before migrations, whose backfill uses them. */
export const registerSearchFunctions = (sqlite: BetterSqlite3.Database): void => {
  const company = memoLast(pinyinKeys);
  const person = memoLast(personPinyinKeys);
  const det = { deterministic: true };
  sqlite.function('tuoke_search_pending', { deterministic: false }, (docid: unknown) => (isPending(deferred.get(sqlite), docid) ? 1 : 0));
  sqlite.function('tuoke_search_text', det, (v: unknown) => searchText(textArg(v)));
  sqlite.function('tuoke_pinyin_full', det, (v: unknown) => company(textArg(v)).full);
  sqlite.function('tuoke_pinyin_initials', det, (v: unknown) => company(textArg(v)).initials);
  sqlite.function('tuoke_person_pinyin_full', det, (v: unknown) => person(textArg(v)).full);
  sqlite.function('tuoke_person_pinyin_initials', det, (v: unknown) => person(textArg(v)).initials);
  sqlite.function('tuoke_phones', { ...det, varargs: true }, (...v: unknown[]) => phonesText(...v.map(textArg)));
  sqlite.function('tuoke_credit_code', det, (v: unknown) => creditCodeText(textArg(v)));
  sqlite.function('tuoke_ngrams', { ...det, varargs: true }, (...v: unknown[]) => ngrams(...v.map(textArg)));
  sqlite.function(
    'tuoke_search_keys',
    det,
    (kind: unknown, name: unknown, alias: unknown, pinyin: unknown, initials: unknown, phones: unknown, code: unknown) =>
      JSON.stringify(
        searchKeys(Number(kind) as DocKind, {
          name: textArg(name),
          alias: textArg(alias),
          pinyin: textArg(pinyin),
          initials: textArg(initials),
          phones: textArg(phones),
          code: textArg(code),
        }),
      ),
  );
};

const DOC_COLUMNS = 'docid, kind, ref_id, customer_id, name, alias, pinyin, initials, phones, code, address';

const CUSTOMER_VISIBLE = (c: string): string => `${c}.deleted_at IS NULL AND ${c}.merged_into IS NULL`;

/** Next free docid of a kind: customers count up from 1, contacts from CONTACT_DOCID_BASE. */
const NEXT_CUSTOMER_DOCID = `(SELECT coalesce(max(docid), 0) FROM search_docs WHERE docid < ${CONTACT_DOCID_BASE})`;
const NEXT_CONTACT_DOCID = `(SELECT coalesce(max(docid), ${CONTACT_DOCID_BASE}) FROM search_docs WHERE docid > ${CONTACT_DOCID_BASE})`;

/** The search_docs values (after docid) of a customer row `c`. */
const customerDocValues = (c: string): string =>
  `${DOC_CUSTOMER}, ${c}.id, ${c}.id, tuoke_search_text(${c}.name), ` +
  // The other names a customer is found by: its short name and its legal representative (ALIAS_SEPARATOR between).
  `CASE WHEN coalesce(${c}.legal_rep, '') = '' THEN tuoke_search_text(${c}.short_name) ` +
  `ELSE tuoke_search_text(${c}.short_name) || '${ALIAS_SEPARATOR}' || tuoke_search_text(${c}.legal_rep) END, ` +
  `tuoke_pinyin_full(${c}.name), tuoke_pinyin_initials(${c}.name), tuoke_phones(${c}.phone), tuoke_credit_code(${c}.credit_code), ` +
  `tuoke_search_text(${c}.address)`;

/** The search_docs values (after docid) of a contact row `p`. */
const contactDocValues = (p: string): string =>
  `${DOC_CONTACT}, ${p}.id, ${p}.customer_id, tuoke_search_text(${p}.name), '', ` +
  `tuoke_person_pinyin_full(${p}.name), tuoke_person_pinyin_initials(${p}.name), tuoke_phones(${p}.mobile, ${p}.phone), '', ''`;

/*
 * A row's document is inserted with INSERT … VALUES where possible: an
 * INSERT … SELECT that reads search_docs (for the next docid) is first
 * materialised in a temporary table, which costs a bulk import about 15 µs a
 * row. The bulk backfill needs that SELECT; row_number() keeps its docids distinct.
 */
const insertCustomerDoc = (r: string): string =>
  `INSERT INTO search_docs (${DOC_COLUMNS}) VALUES (${NEXT_CUSTOMER_DOCID} + 1, ${customerDocValues(r)})`;
const insertContactDoc = (r: string): string =>
  `INSERT INTO search_docs (${DOC_COLUMNS}) VALUES (${NEXT_CONTACT_DOCID} + 1, ${contactDocValues(r)})`;
const insertCustomerDocIf = (r: string, condition: string): string =>
  `INSERT INTO search_docs (${DOC_COLUMNS}) SELECT ${NEXT_CUSTOMER_DOCID} + 1, ${customerDocValues(r)} WHERE ${condition}`;
const insertContactDocIf = (r: string, condition: string): string =>
  `INSERT INTO search_docs (${DOC_COLUMNS}) SELECT ${NEXT_CONTACT_DOCID} + 1, ${contactDocValues(r)} WHERE ${condition}`;

const keysOf = (d: string): string =>
  `tuoke_search_keys(${d}.kind, ${d}.name, ${d}.alias, ${d}.pinyin, ${d}.initials, ${d}.phones, ${d}.code)`;

/**
 * Statements that index search_docs rows `d`: with no `from`, the one row
 * NEW of a trigger; with from = 'search_docs d', every row that `where`
 * selects, in one statement per table (a deferred batch, see
 * deferSearchIndexing). One definition, so a row is indexed the same either way.
 */
const indexDocs = (d: string, from: string | null, where: string): string[] => {
  const rows = from ? ` FROM ${from}` : '';
  return [
    `INSERT INTO search_trgm_name (rowid, name, alias, pinyin, initials) SELECT ${d}.docid, ${d}.name, ${d}.alias, ${d}.pinyin, ${d}.initials${rows} WHERE ${where}`,
    `INSERT INTO search_trgm_other (rowid, phones, code, address) SELECT ${d}.docid, ${d}.phones, ${d}.code, ${d}.address${rows} WHERE ${where}`,
    `INSERT INTO search_grams_name (rowid, grams) SELECT ${d}.docid, tuoke_ngrams(${d}.name, ${d}.alias)${rows} WHERE ${where}`,
    `INSERT INTO search_grams_address (rowid, grams) SELECT ${d}.docid, tuoke_ngrams(${d}.address)${rows} WHERE (${where}) AND ${d}.address <> ''`,
    `INSERT OR IGNORE INTO search_keys (key, docid) SELECT j.value, ${d}.docid FROM ${from ? `${from}, ` : ''}json_each(${keysOf(d)}) j WHERE ${where}`,
  ];
};

/** Statements that index one search_docs row `d` (NEW in a trigger). */
const indexDoc = (d: string): string[] => indexDocs(d, null, '1');

/**
 * Deferred indexing, per connection. While a batch is open, a document whose
 * docid is above the watermarks taken when the batch opened is written to
 * search_docs as usual but left out of the FTS tables and keys, and deleting
 * it touches no index either (it was never indexed); the batch's flush then
 * indexes all of them in one statement per table, in the same transaction.
 * Why: inside a transaction every statement that writes an FTS5 table
 * flushes its pending terms to a new segment, so indexing 100,000 imported
 * rows one trigger at a time writes 100,000 tiny segments and merges them
 * over and over — about 3× the time of indexing them together (bench:import).
 */
type Watermarks = { customer: number; contact: number };
const deferred = new WeakMap<BetterSqlite3.Database, Watermarks>();

const isPending = (marks: Watermarks | undefined, docid: unknown): boolean => {
  if (!marks) return false;
  const id = Number(docid);
  return id > CONTACT_DOCID_BASE ? id > marks.contact : id > marks.customer;
};

/**
 * Opens a deferred-indexing batch on this connection (inside a write
 * transaction that the caller owns). `flush` indexes the batch's documents
 * and ends it; `end` ends it without indexing (the transaction is being
 * rolled back). A transaction that commits without the flush would leave
 * documents unindexed: callers flush in the same transaction, before COMMIT.
 */
export const deferSearchIndexing = (sqlite: BetterSqlite3.Database): { flush(): void; end(): void } => {
  if (deferred.has(sqlite)) throw new Error('a deferred search-indexing batch is already open on this connection');
  // The last docid of each kind now, by the queries the triggers take the next docid from (they add one).
  const marks = sqlite.prepare(`SELECT ${NEXT_CUSTOMER_DOCID} AS customer, ${NEXT_CONTACT_DOCID} AS contact`).get() as Watermarks;
  deferred.set(sqlite, marks);
  const end = (): void => void deferred.delete(sqlite);
  return {
    flush() {
      const where = `(d.docid > ${marks.customer} AND d.docid < ${CONTACT_DOCID_BASE}) OR d.docid > ${marks.contact}`;
      try {
        for (const stmt of indexDocs('d', 'search_docs d', where)) sqlite.prepare(stmt).run();
      } finally {
        end();
      }
    },
    end,
  };
};

const changed = (columns: string[]): string => columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');

const CUSTOMER_COLUMNS = ['id', 'name', 'short_name', 'legal_rep', 'credit_code', 'phone', 'address', 'deleted_at', 'merged_into'];
const CONTACT_COLUMNS = ['id', 'name', 'mobile', 'phone', 'customer_id', 'deleted_at'];

/*
 * Each trigger reads only its own table's OLD/NEW row and the search tables,
 * never the other business table. SQLite checks every trigger when a table is
 * renamed, so a trigger on contacts that mentioned customers would make a
 * migration that rebuilds customers (create __new_customers, copy, drop,
 * rename: drizzle-kit's way of altering a column) fail with "no such table".
 * Hence a contact's document follows the contact alone; the search hides
 * contacts of deleted or merged customers when it reads their customer.
 */
const TRIGGERS: Record<string, string> = {
  search_docs_ai: `AFTER INSERT ON search_docs WHEN NOT tuoke_search_pending(NEW.docid) BEGIN ${indexDoc('NEW').join('; ')}; END`,
  // External-content FTS5 must be told the old values; the keys are found again from the
  // stored texts (an index on docid would cost a bulk import a tenth more).
  search_docs_ad:
    `AFTER DELETE ON search_docs WHEN NOT tuoke_search_pending(OLD.docid) BEGIN ` +
    `INSERT INTO search_trgm_name (search_trgm_name, rowid, name, alias, pinyin, initials) VALUES ('delete', OLD.docid, OLD.name, OLD.alias, OLD.pinyin, OLD.initials); ` +
    `INSERT INTO search_trgm_other (search_trgm_other, rowid, phones, code, address) VALUES ('delete', OLD.docid, OLD.phones, OLD.code, OLD.address); ` +
    `DELETE FROM search_grams_name WHERE rowid = OLD.docid; ` +
    `DELETE FROM search_grams_address WHERE rowid = OLD.docid; ` +
    `DELETE FROM search_keys WHERE docid = OLD.docid AND key IN (SELECT value FROM json_each(${keysOf('OLD')})); ` +
    `END`,

  search_customers_ai: `AFTER INSERT ON customers WHEN ${CUSTOMER_VISIBLE('NEW')} BEGIN ${insertCustomerDoc('NEW')}; END`,
  search_customers_au:
    `AFTER UPDATE OF ${CUSTOMER_COLUMNS.join(', ')} ON customers WHEN ${changed(CUSTOMER_COLUMNS)} BEGIN ` +
    `DELETE FROM search_docs WHERE ref_id = OLD.id; ` +
    `${insertCustomerDocIf('NEW', CUSTOMER_VISIBLE('NEW'))}; ` +
    `END`,
  search_customers_ad: `AFTER DELETE ON customers BEGIN DELETE FROM search_docs WHERE ref_id = OLD.id; END`,

  search_contacts_ai: `AFTER INSERT ON contacts WHEN NEW.deleted_at IS NULL BEGIN ${insertContactDoc('NEW')}; END`,
  search_contacts_au:
    `AFTER UPDATE OF ${CONTACT_COLUMNS.join(', ')} ON contacts WHEN ${changed(CONTACT_COLUMNS)} BEGIN ` +
    `DELETE FROM search_docs WHERE ref_id = OLD.id; ` +
    `${insertContactDocIf('NEW', 'NEW.deleted_at IS NULL')}; ` +
    `END`,
  search_contacts_ad: `AFTER DELETE ON contacts BEGIN DELETE FROM search_docs WHERE ref_id = OLD.id; END`,
};

/** Indexes every visible customer and every contact not deleted into empty tables (also migration 0002's backfill). */
export const backfillStatements = (): string[] => [
  `INSERT INTO search_docs (${DOC_COLUMNS}) ` +
    `SELECT row_number() OVER (ORDER BY c.rowid), ${customerDocValues('c')} FROM customers c WHERE ${CUSTOMER_VISIBLE('c')}`,
  `INSERT INTO search_docs (${DOC_COLUMNS}) ` +
    `SELECT ${CONTACT_DOCID_BASE} + row_number() OVER (ORDER BY p.rowid), ${contactDocValues('p')} FROM contacts p WHERE p.deleted_at IS NULL`,
  `INSERT INTO search_trgm_name (search_trgm_name) VALUES ('rebuild')`,
  `INSERT INTO search_trgm_other (search_trgm_other) VALUES ('rebuild')`,
  `INSERT INTO search_grams_name (rowid, grams) SELECT d.docid, tuoke_ngrams(d.name, d.alias) FROM search_docs d`,
  `INSERT INTO search_grams_address (rowid, grams) SELECT d.docid, tuoke_ngrams(d.address) FROM search_docs d WHERE d.address <> ''`,
  `INSERT OR IGNORE INTO search_keys (key, docid) SELECT j.value, d.docid FROM search_docs d, json_each(${keysOf('d')}) j`,
  `INSERT INTO search_meta (key, value) VALUES ('version', '${SEARCH_INDEX_VERSION}') ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
];

/**
 * Fills the index from scratch from customers and contacts, in bulk (the
 * search_docs triggers must not exist while this runs). Migration
 * 0002_search_index does the same for a database that already had customers.
 */
export const rebuildStatements = (): string[] => [
  `DELETE FROM search_keys`,
  `INSERT INTO search_grams_name (search_grams_name) VALUES ('delete-all')`,
  `INSERT INTO search_grams_address (search_grams_address) VALUES ('delete-all')`,
  `INSERT INTO search_trgm_name (search_trgm_name) VALUES ('delete-all')`,
  `INSERT INTO search_trgm_other (search_trgm_other) VALUES ('delete-all')`,
  `DELETE FROM search_docs`,
  ...backfillStatements(),
];

export const searchTriggerNames = (): string[] => Object.keys(TRIGGERS);

const hasSearchTables = (sqlite: BetterSqlite3.Database): boolean =>
  sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_meta'`).get() !== undefined;

const storedVersion = (sqlite: BetterSqlite3.Database): number => {
  const row = sqlite.prepare(`SELECT value FROM search_meta WHERE key = 'version'`).get() as { value: string } | undefined;
  return row ? Number(row.value) : 0;
};

/**
 * Registers the search functions and (re)creates the index triggers, like the
 * change-log triggers: on every open, so trigger SQL follows the code. An index
 * written by another format version is rebuilt first. Does nothing before
 * migration 0002 has created the tables.
 */
export const installSearchIndex = (sqlite: BetterSqlite3.Database): void => {
  registerSearchFunctions(sqlite);
  if (!hasSearchTables(sqlite)) return;
  sqlite.transaction(() => {
    for (const name of searchTriggerNames()) sqlite.exec(`DROP TRIGGER IF EXISTS ${name}`);
    if (storedVersion(sqlite) !== SEARCH_INDEX_VERSION) for (const stmt of rebuildStatements()) sqlite.exec(stmt);
    for (const [name, body] of Object.entries(TRIGGERS)) sqlite.exec(`CREATE TRIGGER ${name} ${body}`);
  })();
};

/** Drops the triggers and rebuilds everything (for a repair, or after a format change). */
export const rebuildSearchIndex = (sqlite: BetterSqlite3.Database): void => {
  sqlite.transaction(() => {
    sqlite.exec(`DELETE FROM search_meta WHERE key = 'version'`);
  })();
  installSearchIndex(sqlite);
};
