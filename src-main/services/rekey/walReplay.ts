import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, rmSync, writeSync } from 'node:fs';

/**
 * Finishes the checkpoint of a WAL whose committed transaction no key can read yet.
 *
 * A re-key in WAL mode (SQLite3 Multiple Ciphers) is one transaction that rewrites every page under
 * the new key, and it also writes a new cipher salt into page 1. Readers take the salt from the main
 * file's first bytes, so between the commit and the checkpoint that copies page 1 into the main file,
 * neither the old key (the WAL's pages are under the new one) nor the new key (the main file's salt
 * is the old one) can read the database, and SQLite's own checkpoint cannot run either (it needs to
 * read the schema). A SIGKILL in that window left a workspace nobody could open.
 *
 * The committed frames are the database's state: this copies them into the main file exactly as a
 * checkpoint would (raw bytes; the page data in a WAL is already encrypted), after checking the WAL's
 * cumulative checksums so that a torn tail is never applied, then removes the WAL and its index.
 * Format: https://www.sqlite.org/fileformat2.html#walformat. Returns how many pages it wrote (0: no
 * committed transaction, nothing done).
 */
export const replayCommittedWal = (dbFile: string): number => {
  const walFile = `${dbFile}-wal`;
  let wal: number;
  try {
    wal = openSync(walFile, 'r');
  } catch {
    return 0;
  }
  const pages = new Map<number, Buffer>();
  let dbPages = 0;
  try {
    const size = fstatSync(wal).size;
    const header = Buffer.alloc(32);
    if (size < 32 || readSync(wal, header, 0, 32, 0) !== 32) return 0;
    const magic = header.readUInt32BE(0);
    if (magic !== 0x377f0682 && magic !== 0x377f0683) return 0;
    const bigEndian = magic === 0x377f0683;
    const pageSize = header.readUInt32BE(8);
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return 0;
    const salt1 = header.readUInt32BE(16);
    const salt2 = header.readUInt32BE(20);
    let [s0, s1] = checksum(header.subarray(0, 24), 0, 0, bigEndian);
    if (s0 !== header.readUInt32BE(24) || s1 !== header.readUInt32BE(28)) return 0;
    const frame = Buffer.alloc(24 + pageSize);
    // Frames of the transaction being read, applied only once its commit frame checks out.
    let pending = new Map<number, Buffer>();
    for (let off = 32; off + frame.length <= size; off += frame.length) {
      if (readSync(wal, frame, 0, frame.length, off) !== frame.length) break;
      if (frame.readUInt32BE(8) !== salt1 || frame.readUInt32BE(12) !== salt2) break;
      [s0, s1] = checksum(frame.subarray(0, 8), s0, s1, bigEndian);
      [s0, s1] = checksum(frame.subarray(24), s0, s1, bigEndian);
      if (s0 !== frame.readUInt32BE(16) || s1 !== frame.readUInt32BE(20)) break;
      pending.set(frame.readUInt32BE(0), Buffer.from(frame.subarray(24)));
      const commitSize = frame.readUInt32BE(4);
      if (commitSize > 0) {
        for (const [pgno, data] of pending) pages.set(pgno, data);
        pending = new Map();
        dbPages = commitSize;
      }
    }
    if (!dbPages) return 0;
    const db = openSync(dbFile, 'r+');
    try {
      for (const [pgno, data] of pages) if (pgno <= dbPages) writeSync(db, data, 0, data.length, (pgno - 1) * pageSize);
      ftruncateSync(db, dbPages * pageSize);
      fsyncSync(db);
    } finally {
      closeSync(db);
    }
  } finally {
    closeSync(wal);
  }
  rmSync(walFile, { force: true });
  rmSync(`${dbFile}-shm`, { force: true });
  return pages.size;
};

/** SQLite's WAL checksum over 32-bit words, continuing from (s0, s1). */
const checksum = (data: Buffer, s0: number, s1: number, bigEndian: boolean): [number, number] => {
  let a = s0 >>> 0;
  let b = s1 >>> 0;
  for (let i = 0; i + 8 <= data.length; i += 8) {
    const x0 = bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i);
    const x1 = bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4);
    a = (a + x0 + b) >>> 0;
    b = (b + x1 + a) >>> 0;
  }
  return [a, b];
};
