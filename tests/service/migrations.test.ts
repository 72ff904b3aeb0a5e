import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { schemaLevel, sourceMigrationsFolder } from '../../src-main/db/migrate';
import { createHost, type Host } from '../../src-main/host';
import { dumpDb, openRaw, rawKeyFromRecovery } from '../helpers/rawDb';
import { ADMIN, createTestWorkspace, testScrypt, type TestWorkspace } from '../helpers/workspace';

let ws: TestWorkspace;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  ws?.dispose();
});

/** How many migrations this app ships. */
const known = (): number => readMigrationFiles({ migrationsFolder: sourceMigrationsFolder() }).length;

const newestKnownMigration = (): number =>
  Math.max(...readMigrationFiles({ migrationsFolder: sourceMigrationsFolder() }).map((m) => m.folderMillis));

/** The database as it is on disk, read with the raw key and without migrating. */
const dumpOnDisk = (): Record<string, unknown[]> => {
  const sqlite = openRaw(ws.dir, rawKeyFromRecovery(ws.dir, ws.recoveryKey));
  try {
    return dumpDb(sqlite);
  } finally {
    sqlite.close();
  }
};

/** A copy of the app's migrations with one more, as a later version of the app would ship. */
const migrationsPlus = (tag: string, sql: string): string => {
  const folder = mkdtempSync(join(tmpdir(), 'tuoke-migrations-'));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  cpSync(sourceMigrationsFolder(), folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
    entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
  };
  journal.entries.push({ idx: journal.entries.length, version: '6', when: newestKnownMigration() + 60_000, tag, breakpoints: true });
  writeFileSync(journalFile, JSON.stringify(journal, null, 2));
  writeFileSync(join(folder, `${tag}.sql`), sql);
  return folder;
};

/** Another app version on the same data folder. */
const hostWithMigrations = (migrationsFolder: string): Host => {
  const host = createHost({ dataDir: ws.dir, migrationsFolder, clock: ws.clock, scrypt: testScrypt, logger: { error: () => undefined } });
  cleanups.push(() => host.close());
  return host;
};

const login = (host: Host) => host.registry.invoke(host.session(), 'auth.login', { username: ADMIN.username, password: ADMIN.password });

describe('migrations', () => {
  it('brings a fresh database to the newest schema', async () => {
    ws = await createTestWorkspace();
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    const level = schemaLevel(ws.host.workspace.db!.sqlite, sourceMigrationsFolder());
    expect(level.known).toBeGreaterThan(0);
    expect(level.applied).toBe(level.known);
    expect(level.newestApplied).toBe(newestKnownMigration());

    const report = await ws.call(admin, 'system.check', {});
    expect(report).toEqual({ integrity: 'ok', schemaVersion: level.known, appSchemaVersion: level.known, userCount: 1 });
  });

  it('applies nothing twice when the same app opens the database again', async () => {
    ws = await createTestWorkspace();
    const first = await ws.loginAs(ADMIN.username, ADMIN.password);
    await ws.call(first, 'auth.logout', {});
    const before = dumpOnDisk().__drizzle_migrations;
    ws.restart();
    await ws.loginAs(ADMIN.username, ADMIN.password);
    expect(schemaLevel(ws.host.workspace.db!.sqlite, sourceMigrationsFolder()).applied).toBe(before!.length);
    expect(dumpDb(ws.host.workspace.db!.sqlite).__drizzle_migrations).toEqual(before);
  });

  it('applies a later migration at login, keeping the data', async () => {
    ws = await createTestWorkspace({ company: '迁移测试有限公司' });
    const later = hostWithMigrations(migrationsPlus('9999_later', 'CREATE TABLE `later_things` (`id` text PRIMARY KEY NOT NULL);'));
    const session = later.session();
    const info = await later.registry.invoke(session, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(info).toMatchObject({ ok: true, value: { companyName: '迁移测试有限公司' } });
    const report = await later.registry.invoke(session, 'system.check', {});
    expect(report).toMatchObject({ ok: true, value: { integrity: 'ok', schemaVersion: known() + 1, appSchemaVersion: known() + 1 } });
    expect(later.workspace.db!.sqlite.prepare(`SELECT count(*) AS n FROM later_things`).get()).toEqual({ n: 0 });
  });

  it('leaves the database at its old level when a migration fails half-way', async () => {
    ws = await createTestWorkspace();
    const before = dumpOnDisk();
    const broken = hostWithMigrations(
      migrationsPlus(
        '9999_broken',
        'CREATE TABLE `half_done` (`id` text);\n--> statement-breakpoint\nINSERT INTO `no_such_table` VALUES (1);',
      ),
    );
    const result = await login(broken);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(broken.workspace.db).toBeNull();
    expect(dumpOnDisk()).toEqual(before);
    // The app that knows only the good migrations still opens it.
    await ws.loginAs(ADMIN.username, ADMIN.password);
  });
});

describe('a database from a newer app', () => {
  it('is refused at login with DB_TOO_NEW and left untouched (a future row in __drizzle_migrations)', async () => {
    ws = await createTestWorkspace();
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    ws.host.workspace.db!.write(null, (tx) =>
      tx.sqlite
        .prepare(`INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)`)
        .run('from-a-newer-tuoke', newestKnownMigration() + 86_400_000),
    );
    await ws.call(admin, 'auth.logout', {});
    ws.restart();
    const before = dumpOnDisk();
    expect(before.__drizzle_migrations).toHaveLength(known() + 1);

    const result = await login(ws.host);
    expect(result).toMatchObject({ ok: false, error: { code: 'DB_TOO_NEW', params: { dbVersion: known() + 1 } } });
    expect(!result.ok && result.error.message).toContain('请升级拓客');
    expect(ws.host.workspace.db).toBeNull();

    const after = dumpOnDisk();
    expect(after.__drizzle_migrations).toEqual(before.__drizzle_migrations);
    expect(after).toEqual(before);
  });

  it('is refused when it has more migrations than the app knows, whatever their dates', async () => {
    ws = await createTestWorkspace();
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    ws.host.workspace.db!.write(null, (tx) => tx.sqlite.prepare(`INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)`).run('unknown-but-old', 1));
    await ws.call(admin, 'auth.logout', {});
    const before = dumpOnDisk();
    expect(await login(ws.host)).toMatchObject({ ok: false, error: { code: 'DB_TOO_NEW' } });
    expect(dumpOnDisk()).toEqual(before);
  });

  it('is refused by the older app after a newer app migrated it', async () => {
    ws = await createTestWorkspace();
    const later = hostWithMigrations(migrationsPlus('9999_later', 'CREATE TABLE `later_things` (`id` text PRIMARY KEY NOT NULL);'));
    const session = later.session();
    expect(await later.registry.invoke(session, 'auth.login', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({ ok: true });
    await later.registry.invoke(session, 'auth.logout', {});
    later.close();

    const before = dumpOnDisk();
    const result = await login(ws.host);
    expect(result).toMatchObject({ ok: false, error: { code: 'DB_TOO_NEW', params: { dbVersion: known() + 1 } } });
    expect(dumpOnDisk()).toEqual(before);
  });
});
