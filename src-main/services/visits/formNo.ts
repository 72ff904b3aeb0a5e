import { like, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { ReadDb } from '../../db/connection';

/**
 * The next printed form number of a year, e.g. ZF-2026-0007: one more than the
 * highest of that year (inside the caller's write transaction, so two saves
 * on this PC never share a number). Records exchanged from another PC may
 * repeat a number; the id stays the identity, the number is for people.
 */
export const nextFormNo = (db: ReadDb, table: SQLiteTable, column: SQLiteColumn, prefix: string, year: number): string => {
  const head = `${prefix}-${year}-`;
  const row = db.orm
    .select({ n: sql<number | null>`max(cast(substr(${column}, ${head.length + 1}) as integer))` })
    .from(table)
    .where(like(column, `${head}%`))
    .get();
  return `${head}${String((row?.n ?? 0) + 1).padStart(4, '0')}`;
};
