import { getTableConfig } from 'drizzle-orm/sqlite-core';
import type { ExchangeDecl } from '../../db/columns';
import { exchangedTables } from '../../db/schema';
import { checkAuthority } from './authority';

/** An exchanged record type as the exchange code uses it: SQL names only. */
export type ExchangeType = {
  decl: ExchangeDecl;
  name: string;
  sheet: string;
  /** Key columns; a record id is their values joined with '|'. */
  key: string[];
  /** Exchanged columns (all but local-only), in table order. */
  columns: string[];
  /** SQL type per column, to turn cells back into values. */
  kinds: Record<string, 'text' | 'integer' | 'real'>;
  /**
   * NOT NULL text columns: a workbook cell holds no difference between '' and empty, so an empty
   * cell is written back as '' there (e.g. an order without a contract number), never as null.
   */
  blankText: Set<string>;
  customer: ExchangeDecl['customer'];
  user: string | undefined;
  partOf: ExchangeDecl['partOf'];
};

export const KEY_SEPARATOR = '|';

/**
 * Who changed a row last and when: not something a person chooses between. When two versions differ
 * only here (both PCs made the same edit), the later one is taken on both PCs, without a conflict;
 * a resolved conflict stamps them with the person who resolved it.
 */
export const BOOKKEEPING = new Set(['updated_at', 'updated_by']);

const kindOf = (columnType: string): 'text' | 'integer' | 'real' =>
  columnType.includes('Real') || columnType.includes('Numeric') ? 'real' : columnType.includes('Text') ? 'text' : 'integer';

let cached: ExchangeType[] | null = null;

export const exchangeTypes = (): ExchangeType[] => {
  if (cached) return cached;
  const seen = new Set<string>();
  cached = exchangedTables().map((decl) => {
    const { name, columns } = getTableConfig(decl.table);
    if (seen.has(decl.sheet)) throw new Error(`exchange sheet name ${decl.sheet} declared twice`);
    seen.add(decl.sheet);
    const localOnly = new Set(decl.localOnly ?? []);
    const key = decl.key ? [...decl.key] : ['id'];
    for (const k of key) if (!columns.some((c) => c.name === k)) throw new Error(`exchange key ${name}.${k} is not a column`);
    const exchanged = columns.filter((c) => !localOnly.has(c.name));
    checkAuthority(name, exchanged.map((c) => c.name), decl.authority);
    return {
      decl,
      name,
      sheet: decl.sheet,
      key,
      columns: exchanged.map((c) => c.name),
      kinds: Object.fromEntries(exchanged.map((c) => [c.name, kindOf(c.columnType)])),
      blankText: new Set(exchanged.filter((c) => c.notNull && kindOf(c.columnType) === 'text').map((c) => c.name)),
      customer: decl.customer,
      user: decl.user,
      partOf: decl.partOf,
    };
  });
  return cached;
};

/** The types whose rows are parts of `parent`'s records (an order's lines). */
export const partTypesOf = (parent: string): ExchangeType[] => exchangeTypes().filter((t) => t.partOf?.parent === parent);

export const typeByName = (name: string): ExchangeType | undefined => exchangeTypes().find((t) => t.name === name);

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const quoteText = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** SQL for a row's record id. */
export const keySql = (t: ExchangeType, alias: string): string =>
  t.key.map((k) => `${alias}.${quoteIdent(k)}`).join(` || '${KEY_SEPARATOR}' || `);
