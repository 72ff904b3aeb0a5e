/**
 * Child of tests/service/wal-replay.test.ts: re-keys an encrypted database in WAL mode (as
 * services/rekey/rekey.ts does) and kills itself right after the re-key commits, before any
 * checkpoint: the state a SIGKILL between commit and checkpoint leaves.
 *   tsx tests/fault/rekey-commit-child.ts FILE OLDKEYHEX NEWKEYHEX
 */
import Database from 'better-sqlite3';

const [file, oldKey, newKey] = process.argv.slice(2) as [string, string, string];
const sqlite = new Database(file, { fileMustExist: true });
sqlite.pragma(`cipher='sqlcipher'`);
sqlite.pragma('legacy=4');
sqlite.pragma(`key="x'${oldKey}'"`);
sqlite.pragma('wal_autocheckpoint=0');
sqlite.pragma('journal_mode=DELETE');
sqlite.pragma('journal_mode=WAL');
sqlite.pragma(`rekey="x'${newKey}'"`);
sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
process.kill(process.pid, 'SIGKILL');
