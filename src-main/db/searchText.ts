/**
 * The text forms the search index stores and the queries compare against.
 * The index (src-main/db/searchIndex.ts, through SQL functions) and the query
 * side (search.ts) must fold text the same way, so both use these.
 */
import { normalizeCreditCode } from '../../src-shared/rules/creditCode';

/**
 * Kinds of search document. Contacts get docids from CONTACT_DOCID_BASE up, so
 * that an FTS5 query can ask for customers or contacts alone with a rowid
 * range (customers rank first, and a flood of contacts must not crowd them out).
 */
export const DOC_CUSTOMER = 1;
export const DOC_CONTACT = 2;
export type DocKind = typeof DOC_CUSTOMER | typeof DOC_CONTACT;
export const CONTACT_DOCID_BASE = 2 ** 40;

/**
 * Tags of the prefix keys in search_keys: `<kind><tag><value>`, e.g.
 * `1n北京星辰科技有限公司` or `2r0008310083` (a contact's phone, reversed).
 */
export type KeyTag = 'n' | 'p' | 'i' | 't' | 'r' | 'c';

/** Whitespace, punctuation, control and format characters: nobody searches by them. */
const IGNORED = /[\p{Z}\p{P}\p{C}\s]/gu;

/** NFKC (full-width → half-width), lower case, without spaces and punctuation. */
export const searchText = (text: string | null | undefined): string =>
  text ? text.normalize('NFKC').toLowerCase().replace(IGNORED, '') : '';

/**
 * Between the names in a document's alias (short name, legal representative): a character
 * searchText never leaves in a query, so no query matches across two names.
 */
export const ALIAS_SEPARATOR = '~';

export const digitsOf = (text: string | null | undefined): string => (text ? text.normalize('NFKC').replace(/\D/g, '') : '');

/** Space-separated digit strings of the given phone numbers, without duplicates. */
export const phonesText = (...phones: (string | null | undefined)[]): string =>
  [...new Set(phones.map(digitsOf).filter((d) => d !== ''))].join(' ');

export const creditCodeText = (code: string | null | undefined): string => (code ? normalizeCreditCode(code) : '');

/** Characters FTS5's unicode61 tokenizer keeps in tokens (its default categories L*, N*, Co). */
const TOKEN_RUN = /[\p{L}\p{N}\p{Co}]+/gu;

/**
 * Every 1- and 2-character substring of the texts, space-separated, for the
 * unicode61 FTS5 table that answers queries too short for trigrams ("星", "星辰").
 * Grams never span a character the tokenizer would split at.
 */
export const ngrams = (...texts: (string | null | undefined)[]): string => {
  const grams = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const run of text.match(TOKEN_RUN) ?? []) {
      const chars = Array.from(run);
      for (let i = 0; i < chars.length; i += 1) {
        grams.add(chars[i]!);
        if (i + 1 < chars.length) grams.add(chars[i]! + chars[i + 1]!);
      }
    }
  }
  return [...grams].join(' ');
};

/** The part of a short query the n-gram table can answer: its token characters only. */
export const ngramQueryText = (text: string): string => (text.match(TOKEN_RUN) ?? []).join('');

export const reverse = (s: string): string => Array.from(s).reverse().join('');

export const keyPrefix = (kind: DocKind, tag: KeyTag): string => `${kind}${tag}`;

/**
 * The exact-or-prefix keys of one document: name and short name, pinyin
 * (full and initials), each phone forwards and reversed (a reversed phone
 * finds "the number ending in 8000" by prefix), and the credit code.
 */
export const searchKeys = (
  kind: DocKind,
  doc: { name: string; alias: string; pinyin: string; initials: string; phones: string; code: string },
): string[] => {
  const keys = new Set<string>();
  const add = (tag: KeyTag, value: string): void => {
    if (value !== '') keys.add(keyPrefix(kind, tag) + value);
  };
  add('n', doc.name);
  for (const alias of doc.alias.split(ALIAS_SEPARATOR)) add('n', alias);
  add('p', doc.pinyin);
  add('i', doc.initials);
  for (const phone of doc.phones.split(' ')) {
    add('t', phone);
    add('r', reverse(phone));
  }
  add('c', doc.code);
  return [...keys];
};
