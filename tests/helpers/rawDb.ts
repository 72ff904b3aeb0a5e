import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DB_FILE, type ReadSqlite } from '../../src-main/db/connection';
import { readKeyring, unlockRecovery } from '../../src-main/keyring/keyring';

/**
 * Lower-level access for tests that must look past the services: the raw
 * database key (through the recovery slot, as an administrator with the
 * printed key could) and a connection that neither migrates nor installs
 * triggers.
 */
export const rawKeyFromRecovery = (dataDir: string, recoveryKey: string): Buffer => {
  const keyring = readKeyring(dataDir);
  if (!keyring) throw new Error(`no keyring in ${dataDir}`);
  const key = unlockRecovery(keyring, recoveryKey);
  if (!key) throw new Error('recovery key does not unlock the keyring');
  return key;
};

/** Opens the workspace database with its raw key, read-only, without migrating. */
export const openRaw = (dataDir: string, key: Buffer): Database.Database => {
  const sqlite = new Database(join(dataDir, DB_FILE), { fileMustExist: true, readonly: true });
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma('legacy=4');
  sqlite.pragma(`key="x'${key.toString('hex')}'"`);
  return sqlite;
};

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Every table's rows plus the schema itself, as one JSON-able value. */
export const dumpDb = (sqlite: ReadSqlite): Record<string, unknown[]> => {
  const master = sqlite
    .prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name`)
    .all() as { type: string; name: string; sql: string | null }[];
  const dump: Record<string, unknown[]> = { sqlite_master: master };
  for (const t of master) {
    if (t.type !== 'table' || t.name === 'sqlite_sequence') continue;
    // Sorted in JS: FTS5 shadow tables are WITHOUT ROWID, so there is no common ORDER BY.
    dump[t.name] = sqlite
      .prepare(`SELECT * FROM ${quoteIdent(t.name)}`)
      .all()
      .map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)))
      .sort();
  }
  return dump;
};

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** A content hash of the database and of the key-slot and lockout files beside it. */
export const workspaceFingerprint = (sqlite: ReadSqlite, dataDir: string): string => {
  const file = (name: string): string =>
    existsSync(join(dataDir, name)) ? sha256(readFileSync(join(dataDir, name))) : 'absent';
  return sha256(
    JSON.stringify({ db: dumpDb(sqlite), keyring: file('keyring.json'), authState: file('auth-state.json') }),
  );
};

export const rowCount = (sqlite: ReadSqlite, table: string): number =>
  (sqlite.prepare(`SELECT count(*) AS n FROM ${quoteIdent(table)}`).get() as { n: number }).n;

export const integrityCheckRaw = (sqlite: Database.Database): string =>
  (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
