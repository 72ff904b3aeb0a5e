/**
 * The global search box (PRODUCT.md §2): customers and contacts by any part
 * of the name, pinyin (full or initials), phone (also its last digits),
 * credit code or address, as you type, over 100,000 customers.
 *
 * Every lookup is bounded: a query that matches half the database ("有限公司",
 * "科技") reads at most a few hundred index entries, never all matches.
 *
 * 1. Exact and prefix candidates come from range scans of the search_keys
 *    B-tree (names, pinyin, initials, phones forwards and reversed, credit
 *    codes), customers and contacts separately. A range scan returns the exact
 *    key first, so exact matches are never cut off.
 * 2. Substring candidates come from FTS5: the trigram tables for 3+
 *    characters, the 1-/2-gram tables for shorter queries (names first,
 *    addresses only if names left room); the first matches in docid order,
 *    which puts customers before contacts, capped.
 * 3. All candidates are ranked here from their indexed texts: exact, then
 *    prefix (a phone's last digits count as a prefix), then substring; within
 *    a tier customers before contacts, then shorter names.
 * 4. Only the best few are joined to customers, contacts and users, and the
 *    viewer's rights applied, until `limit` hits are found. Contacts of
 *    deleted or merged customers are dropped here (the index keeps them, see
 *    src-main/db/searchIndex.ts).
 */
import { phoneDigits, formatPhone } from '../../../src-shared/rules/phone';
import type { CustomerStatus } from '../../../src-shared/customers/enums';
import type { SearchHit } from '../../../src-shared/customers/types';
import type { ReadDb, ReadSqlite, ReadStatement } from '../../db/connection';
import { canReadCustomer, canWriteFor, type Viewer } from '../policy/policy';
import {
  DOC_CONTACT,
  DOC_CUSTOMER,
  creditCodeText,
  keyPrefix,
  ngramQueryText,
  ALIAS_SEPARATOR,
  reverse,
  searchText,
  type DocKind,
  type KeyTag,
} from '../../db/searchText';

type Tier = 0 | 1 | 2;
const EXACT: Tier = 0;
const PREFIX: Tier = 1;
const SUBSTRING: Tier = 2;

type MatchedOn = SearchHit['matchedOn'];

type DocRow = {
  docid: number;
  kind: DocKind;
  ref_id: string;
  customer_id: string;
  name: string;
  alias: string;
  pinyin: string;
  initials: string;
  phones: string;
  code: string;
  address: string;
};

type Candidate = { doc: DocRow; tier: Tier; matchedOn: MatchedOn; matchedPhone: string | null };

/** The forms of one query, each for the fields it can match. */
type Query = {
  /** Folded text: names, short names, addresses. */
  text: string;
  /** Letters only (pinyin), or null. */
  latin: string | null;
  /** A phone-like query's digits, or null. */
  digits: string | null;
  /** Upper-case letters and digits (credit code), or null. */
  code: string | null;
};

const parseQuery = (q: string): Query | null => {
  const text = searchText(q);
  if (text === '') return null;
  const folded = q.normalize('NFKC');
  const latin = /^[a-z]+$/.test(text) ? text : null;
  const digits = /^[\d\s\-+()]+$/.test(folded) ? phoneDigits(folded) || null : null;
  const code = /^[0-9a-z]+$/.test(text) && /\d/.test(text) ? creditCodeText(text) : null;
  return { text, latin, digits, code };
};

/** Which fields a query can match, as exact-or-prefix key scans. */
const keyScans = (query: Query): { kind: DocKind; tag: KeyTag; value: string }[] => {
  const scans: { kind: DocKind; tag: KeyTag; value: string }[] = [];
  for (const kind of [DOC_CUSTOMER, DOC_CONTACT] as const) {
    scans.push({ kind, tag: 'n', value: query.text });
    if (query.latin) {
      scans.push({ kind, tag: 'p', value: query.latin });
      scans.push({ kind, tag: 'i', value: query.latin });
    }
    if (query.digits) {
      scans.push({ kind, tag: 't', value: query.digits });
      scans.push({ kind, tag: 'r', value: reverse(query.digits) });
    }
  }
  if (query.code) scans.push({ kind: DOC_CUSTOMER, tag: 'c', value: query.code });
  return scans;
};

const ftsString = (s: string): string => `"${s.replace(/"/g, '""')}"`;

type FtsTable = 'search_trgm_name' | 'search_trgm_other' | 'search_grams_name' | 'search_grams_address';

/** FTS5 queries for substring matches, most relevant first. */
const substringQueries = (query: Query): { table: FtsTable; match: string }[] => {
  if (Array.from(query.text).length >= 3) {
    if (query.digits && query.digits.length >= 3) return [{ table: 'search_trgm_other', match: `{phones code} : ${ftsString(query.digits)}` }];
    if (query.code) return [{ table: 'search_trgm_other', match: `code : ${ftsString(query.code)}` }];
    // Pinyin and initials are Latin, so a Chinese query can only match names there.
    if (query.latin) return [{ table: 'search_trgm_name', match: ftsString(query.text) }];
    return [
      { table: 'search_trgm_name', match: ftsString(query.text) },
      { table: 'search_trgm_other', match: `address : ${ftsString(query.text)}` },
    ];
  }
  if (query.digits) return [];
  const grams = ngramQueryText(query.text);
  if (grams === '' || Array.from(grams).length > 2) return [];
  return [
    { table: 'search_grams_name', match: ftsString(grams) },
    ...(query.latin ? [] : [{ table: 'search_grams_address' as const, match: ftsString(grams) }]),
  ];
};

const tierOf = (value: string, q: string): Tier | null => {
  if (value === '' || q === '') return null;
  if (value === q) return EXACT;
  if (value.startsWith(q)) return PREFIX;
  return value.includes(q) ? SUBSTRING : null;
};

/** How well a document matches, from its indexed texts (also drops anything the FTS over-matched). */
const rate = (doc: DocRow, query: Query): Candidate | null => {
  let best: Candidate | null = null;
  const consider = (tier: Tier | null, matchedOn: MatchedOn, matchedPhone: string | null = null): void => {
    if (tier !== null && (best === null || tier < best.tier)) best = { doc, tier, matchedOn, matchedPhone };
  };
  consider(tierOf(doc.name, query.text), 'name');
  for (const alias of doc.alias.split(ALIAS_SEPARATOR)) consider(tierOf(alias, query.text), 'name');
  if (query.latin) {
    consider(tierOf(doc.pinyin, query.latin), 'pinyin');
    consider(tierOf(doc.initials, query.latin), 'pinyin');
  }
  if (query.digits) {
    for (const phone of doc.phones.split(' ')) {
      const forward = tierOf(phone, query.digits);
      // The last digits of a number are as good as its first ones.
      const tail = forward === SUBSTRING && phone.endsWith(query.digits) ? PREFIX : forward;
      consider(tail, 'phone', phone);
    }
  }
  if (query.code) consider(tierOf(doc.code, query.code), 'creditCode');
  if (query.digits) consider(tierOf(doc.code, query.digits), 'creditCode');
  const address = tierOf(doc.address, query.text);
  // An address is matched anywhere in it; its start (the province) says nothing.
  consider(address === null ? null : SUBSTRING, 'address');
  return best;
};

const displayLength = (s: string): number => Array.from(s).length;

const compareCandidates = (a: Candidate, b: Candidate): number =>
  a.tier - b.tier ||
  a.doc.kind - b.doc.kind ||
  displayLength(a.doc.name) - displayLength(b.doc.name) ||
  (a.doc.name < b.doc.name ? -1 : a.doc.name > b.doc.name ? 1 : 0) ||
  b.doc.docid - a.doc.docid;

type CustomerInfo = {
  id: string;
  name: string;
  status: string;
  owner_id: string | null;
  owner_name: string | null;
  industry: string | null;
  address: string | null;
  phone: string | null;
  credit_code: string | null;
};
type ContactInfo = { id: string; customer_id: string; name: string; title: string | null };

type Statements = {
  keyScan: ReadStatement<[string, string, number], { docid: number }>;
  fts: Record<FtsTable, ReadStatement<[string, number], { docid: number }>>;
  docs: ReadStatement<[string], DocRow>;
  customers: ReadStatement<[string], CustomerInfo>;
  contacts: ReadStatement<[string], ContactInfo>;
};

const statementCache = new WeakMap<ReadSqlite, Statements>();

const statements = (sqlite: ReadSqlite): Statements => {
  let s = statementCache.get(sqlite);
  if (!s) {
    // Ascending rowid order with no other constraint is what lets FTS5 stop after LIMIT
    // matches: a rowid range or descending order makes it walk (or load) whole doclists,
    // 5–20 ms for "有限公司" over 100,000 customers.
    const ftsScan = (table: string) =>
      sqlite.prepare<[string, number], { docid: number }>(`SELECT rowid AS docid FROM ${table} WHERE ${table} MATCH ? LIMIT ?`);
    s = {
      keyScan: sqlite.prepare(`SELECT docid FROM search_keys WHERE key >= ? AND key < ? ORDER BY key LIMIT ?`),
      fts: {
        search_trgm_name: ftsScan('search_trgm_name'),
        search_trgm_other: ftsScan('search_trgm_other'),
        search_grams_name: ftsScan('search_grams_name'),
        search_grams_address: ftsScan('search_grams_address'),
      },
      docs: sqlite.prepare(`SELECT * FROM search_docs WHERE docid IN (SELECT value FROM json_each(?))`),
      // CROSS JOIN keeps the id list as the outer loop: left alone, the planner walks the
      // customers_deleted index for "deleted_at IS NULL", which is every row.
      customers: sqlite.prepare(
        `SELECT c.id, c.name, c.status, c.owner_id, u.display_name AS owner_name, c.industry, c.address, c.phone, c.credit_code ` +
          `FROM json_each(?) j CROSS JOIN customers c ON c.id = j.value LEFT JOIN users u ON u.id = c.owner_id ` +
          `WHERE c.deleted_at IS NULL AND c.merged_into IS NULL`,
      ),
      contacts: sqlite.prepare(
        `SELECT p.id, p.customer_id, p.name, p.title FROM json_each(?) j CROSS JOIN contacts p ON p.id = j.value WHERE p.deleted_at IS NULL`,
      ),
    };
    statementCache.set(sqlite, s);
  }
  return s;
};

/** Above any character a key can contain: `key < prefix + MAX_CHAR` is "starts with prefix". */
const MAX_CHAR = '\u{10FFFF}';

/** Candidates per scan: enough to fill a page after ranking and rights, few enough to stay fast. */
const perScan = (limit: number): number => Math.max(2 * limit, 30);

const collectCandidates = (db: ReadDb, query: Query, limit: number): Candidate[] => {
  const s = statements(db.sqlite);
  const cap = perScan(limit);
  const docids = new Set<number>();
  for (const scan of keyScans(query)) {
    const from = keyPrefix(scan.kind, scan.tag) + scan.value;
    for (const r of s.keyScan.all(from, from + MAX_CHAR, cap)) docids.add(r.docid);
  }
  // Customers' docids are all below contacts' (CONTACT_DOCID_BASE), so the first matches
  // in rowid order are customers, then contacts: the order substring hits rank in.
  // A later (less relevant) table is only asked when the earlier ones left room.
  let substrings = 0;
  for (const sub of substringQueries(query)) {
    if (substrings >= 2 * cap) break;
    for (const r of s.fts[sub.table].all(sub.match, 2 * cap)) {
      docids.add(r.docid);
      substrings += 1;
    }
  }
  if (docids.size === 0) return [];
  const candidates: Candidate[] = [];
  for (const doc of s.docs.all(JSON.stringify([...docids]))) {
    const c = rate(doc, query);
    if (c) candidates.push(c);
  }
  return candidates.sort(compareCandidates);
};

const customerSubtitle = (c: CustomerInfo, cand: Candidate): string => {
  switch (cand.matchedOn) {
    case 'phone':
      return formatPhone(cand.matchedPhone ?? c.phone ?? '');
    case 'creditCode':
      return c.credit_code ?? '';
    default:
      return c.address ?? c.industry ?? '';
  }
};

const contactSubtitle = (customer: CustomerInfo, contact: ContactInfo, cand: Candidate): string =>
  [customer.name, contact.title, cand.matchedOn === 'phone' && cand.matchedPhone ? formatPhone(cand.matchedPhone) : null]
    .filter((p): p is string => !!p)
    .join(' · ');

/**
 * Hits for the search box, best first. Managers and admins see everything; a
 * salesperson sees full hits for their own and pool customers, and for other
 * people's customers only that they exist (name, owner, status; canOpen
 * false) — never their contacts. Deleted and merged customers and deleted
 * contacts are never returned.
 */
export const searchCustomers = (db: ReadDb, viewer: Viewer, q: string, limit: number): SearchHit[] => {
  const query = parseQuery(q);
  if (!query || limit <= 0) return [];
  const ranked = collectCandidates(db, query, limit);
  const s = statements(db.sqlite);
  const hits: SearchHit[] = [];
  const batch = Math.max(limit, 10);
  for (let start = 0; start < ranked.length && hits.length < limit; start += batch) {
    const slice = ranked.slice(start, start + batch);
    const customerIds = [...new Set(slice.map((c) => c.doc.customer_id))];
    const contactIds = slice.filter((c) => c.doc.kind === DOC_CONTACT).map((c) => c.doc.ref_id);
    const customers = new Map(s.customers.all(JSON.stringify(customerIds)).map((r) => [r.id, r]));
    const contacts = new Map(
      contactIds.length > 0 ? s.contacts.all(JSON.stringify(contactIds)).map((r) => [r.id, r]) : [],
    );
    for (const cand of slice) {
      const customer = customers.get(cand.doc.customer_id);
      if (!customer) continue;
      const canOpen = canReadCustomer(viewer, { ownerId: customer.owner_id });
      const canLogContact = canWriteFor(viewer, { ownerId: customer.owner_id });
      const owner = customer.owner_id ? { id: customer.owner_id, displayName: customer.owner_name ?? '' } : null;
      const status = customer.status as CustomerStatus;
      if (cand.doc.kind === DOC_CUSTOMER) {
        hits.push({
          kind: 'customer',
          customerId: customer.id,
          contactId: null,
          title: customer.name,
          subtitle: canOpen ? customerSubtitle(customer, cand) : '',
          owner,
          status,
          matchedOn: cand.matchedOn,
          canOpen,
          canLogContact,
        });
      } else {
        const contact = contacts.get(cand.doc.ref_id);
        if (!contact || !canOpen || contact.customer_id !== customer.id) continue;
        hits.push({
          kind: 'contact',
          customerId: customer.id,
          contactId: contact.id,
          title: contact.name,
          subtitle: contactSubtitle(customer, contact, cand),
          owner,
          status,
          matchedOn: cand.matchedOn,
          canOpen,
          canLogContact,
        });
      }
      if (hits.length >= limit) break;
    }
  }
  return hits;
};
