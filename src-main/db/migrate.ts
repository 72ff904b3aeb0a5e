import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../src-shared/errors';

/** Where drizzle-kit writes migrations in the source tree (hosts may ship them elsewhere). */
export const sourceMigrationsFolder = (): string => fileURLToPath(new URL('./migrations', import.meta.url));

const MIGRATIONS_TABLE = '__drizzle_migrations';

export type SchemaLevel = { applied: number; known: number; newestApplied: number | null };

/** What schemaLevel reads through: any connection, a read-only one too (connection.ts: ReadSqlite). */
type ReadsRows = { prepare(source: string): { get(...params: unknown[]): unknown } };

export const schemaLevel = (sqlite: ReadsRows, migrationsFolder: string): SchemaLevel => {
  const known = readMigrationFiles({ migrationsFolder });
  const hasTable = sqlite
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`)
    .get(MIGRATIONS_TABLE);
  if (!hasTable) return { applied: 0, known: known.length, newestApplied: null };
  const row = sqlite
    .prepare(`SELECT count(*) AS n, max(created_at) AS newest FROM ${MIGRATIONS_TABLE}`)
    .get() as { n: number; newest: number | null };
  return { applied: row.n, known: known.length, newestApplied: row.newest };
};

/**
 * Brings the database to the app's schema. Drizzle's migrator applies all
 * pending migrations inside one transaction, so a failure leaves the database
 * at its old level. A database that has a migration this app does not know
 * (written by a newer version) is refused before anything is touched.
 */
export const runMigrations = (sqlite: Database.Database, migrationsFolder: string): void => {
  const known = readMigrationFiles({ migrationsFolder });
  const newestKnown = known.reduce((m, k) => Math.max(m, k.folderMillis), 0);
  const level = schemaLevel(sqlite, migrationsFolder);
  if (level.newestApplied !== null && (level.newestApplied > newestKnown || level.applied > known.length)) {
    throw new AppError('DB_TOO_NEW', { dbVersion: level.applied }, 'database has migrations this app does not know');
  }
  migrate(drizzle(sqlite), { migrationsFolder, migrationsTable: MIGRATIONS_TABLE });
};
