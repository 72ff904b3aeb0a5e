import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyOpensFile } from '../../src-main/services/rekey/unlock';
import { replayCommittedWal } from '../../src-main/services/rekey/walReplay';

/**
 * A re-key killed between its commit and its checkpoint: the WAL holds the whole database under the
 * new key with a new salt in page 1, the main file still has the old salt, and no key reads it
 * (seen as a remaining user's WRONG_PASSWORD after a crash in the re-key fault test). The replay of
 * the committed frames makes the new key read it, with everything in it.
 */

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const open = (file: string, key: Buffer): Database.Database => {
  const s = new Database(file);
  s.pragma(`cipher='sqlcipher'`);
  s.pragma('legacy=4');
  s.pragma(`key="x'${key.toString('hex')}'"`);
  return s;
};

describe('replaying a re-key’s committed WAL', () => {
  it('after a kill between the re-key’s commit and its checkpoint, no key reads the file; after the replay the new key does, intact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuoke-wal-replay-'));
    dirs.push(dir);
    const file = join(dir, 'tuoke.db');
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const s = open(file, oldKey);
    s.pragma('journal_mode=WAL');
    s.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const insert = s.prepare('INSERT INTO t (v) VALUES (?)');
    s.transaction(() => {
      for (let i = 0; i < 3000; i += 1) insert.run(`第${i}行 ${'x'.repeat(100)}`);
    })();
    s.close();

    const child = spawnSync(process.execPath, ['--import', 'tsx', resolve(__dirname, '../fault/rekey-commit-child.ts'), file, oldKey.toString('hex'), newKey.toString('hex')]);
    expect(child.signal).toBe('SIGKILL');
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(keyOpensFile(file, oldKey)).toBe(false);
    expect(keyOpensFile(file, newKey)).toBe(false);

    expect(replayCommittedWal(file)).toBeGreaterThan(0);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(keyOpensFile(file, oldKey)).toBe(false);
    const after = open(file, newKey);
    try {
      expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(after.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 3000 });
    } finally {
      after.close();
    }
  });

  it('does nothing to a WAL without a committed transaction, or to none at all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuoke-wal-replay-'));
    dirs.push(dir);
    const file = join(dir, 'x.db');
    const s = open(file, randomBytes(32));
    s.exec('CREATE TABLE t (v)');
    s.close();
    expect(replayCommittedWal(file)).toBe(0);
  });
});
