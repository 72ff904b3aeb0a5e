/**
 * A minimal zip reader for OOXML packages: reads the central directory, then
 * streams single entries through node:zlib.
 *
 * Why not a library: ExcelJS's bundled `unzipper` streams the archive front to
 * back, so a worksheet that precedes sharedStrings.xml in the archive has to be
 * buffered; random access by the central directory lets us read the shared
 * strings and styles first and then stream the sheet once. It also lets us
 * normalise backslash entry names (`xl\workbook.xml`, written by some Java
 * tools) and tell a truncated download (no central directory) from a zip that
 * is simply not a workbook.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { createInflateRaw, crc32 } from 'node:zlib';
import { AppError } from '../../../../src-shared/errors';
import { LIMITS } from './limits';

export type ZipEntry = {
  /** The name as stored, with `\` turned into `/` and no leading `/`. */
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
};

export type ZipArchive = {
  path: string;
  entries: ZipEntry[];
  /** Part names are case-insensitive in OPC (ECMA-376 part 2), so lookups are too. */
  find(name: string): ZipEntry | undefined;
  /** Decompressed content, chunk by chunk, checked against the stored CRC-32 and size. */
  stream(entry: ZipEntry, signal?: AbortSignal): AsyncGenerator<Buffer>;
  read(entry: ZipEntry): Promise<Buffer>;
};

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

const damaged = (detail: string): AppError => new AppError('FILE_DAMAGED', undefined, detail);
const tooLarge = (detail: string): AppError => new AppError('FILE_TOO_LARGE', undefined, detail);

export const normalizeEntryName = (name: string): string => name.replace(/\\/g, '/').replace(/^\/+/, '');

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return bytesRead === length ? buf : buf.subarray(0, bytesRead);
}

/** Zip64 values replace the 32-bit fields that hold 0xFFFFFFFF, in this order. */
function applyZip64Extra(extra: Buffer, entry: ZipEntry): void {
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const end = q + len;
      const next = (): number => {
        if (q + 8 > end) throw damaged('zip64 extra field too short');
        const v = Number(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    p += 4 + len;
  }
}

function decodeName(raw: Buffer, flags: number): string {
  // Bit 11 says UTF-8; without it the name is CP437 in theory, but OOXML part
  // names are ASCII, and other names only matter for error messages.
  if (flags & 0x800) return raw.toString('utf8');
  const utf8 = raw.toString('utf8');
  return utf8.includes('\ufffd') ? raw.toString('latin1') : utf8;
}

/**
 * Refuses a package whose parts claim more than the limits, before anything
 * is inflated. The claims are the central directory's sizes; stream() holds
 * every part to its claim, so an archive that understates a size is stopped
 * there, as soon as it inflates past it.
 */
function checkSizes(entries: ZipEntry[], fileSize: number): void {
  let total = 0;
  let packed = 0;
  for (const e of entries) {
    if (e.size > LIMITS.zipEntryBytes) throw tooLarge(`${e.name}: ${e.size} bytes unpacked`);
    if (e.size > LIMITS.zipRatioGrace && e.size > e.compressedSize * LIMITS.zipRatio) {
      throw tooLarge(`${e.name}: ${e.size} bytes from ${e.compressedSize}`);
    }
    if (e.method === 0 && e.size !== e.compressedSize) throw damaged(`${e.name}: stored with two sizes`);
    total += e.size;
    packed += e.compressedSize;
  }
  if (total > LIMITS.zipTotalBytes) throw tooLarge(`${total} bytes unpacked in all`);
  // Parts that overlap (one piece of data listed many times, a known kind of zip bomb) pack into more than the file.
  if (packed > fileSize) throw damaged('zip entries overlap');
}

export async function openZip(path: string): Promise<ZipArchive> {
  const fh = await open(path, 'r');
  let entries: ZipEntry[];
  try {
    const { size: fileSize } = await fh.stat();
    // The end-of-central-directory record is 22 bytes plus a comment of up to 65535 bytes.
    const tailLength = Math.min(fileSize, 22 + 0xffff);
    const tail = await readAt(fh, fileSize - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === SIG_EOCD) {
        eocd = i;
        break;
      }
    }
    // A truncated download loses the central directory first: it sits at the end.
    if (eocd < 0) throw damaged('end of central directory not found');
    const eocdPos = fileSize - tailLength + eocd;
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const locator = eocdPos >= 20 ? await readAt(fh, eocdPos - 20, 20) : Buffer.alloc(0);
      if (locator.length === 20 && locator.readUInt32LE(0) === SIG_ZIP64_LOCATOR) {
        const z64 = await readAt(fh, Number(locator.readBigUInt64LE(8)), 56);
        if (z64.length < 56 || z64.readUInt32LE(0) !== SIG_ZIP64_EOCD) throw damaged('bad zip64 end record');
        count = Number(z64.readBigUInt64LE(32));
        cdSize = Number(z64.readBigUInt64LE(40));
        cdOffset = Number(z64.readBigUInt64LE(48));
      }
    }
    if (cdOffset + cdSize > fileSize) throw damaged('central directory beyond the end of the file');
    if (count > LIMITS.zipEntries) throw tooLarge(`${count} zip entries`);
    if (cdSize > LIMITS.zipDirectoryBytes) throw tooLarge(`zip directory of ${cdSize} bytes`);
    const cd = await readAt(fh, cdOffset, cdSize);
    entries = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== SIG_CENTRAL) throw damaged('bad central directory entry');
      const flags = cd.readUInt16LE(p + 8);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const entry: ZipEntry = {
        name: normalizeEntryName(decodeName(cd.subarray(p + 46, p + 46 + nameLen), flags)),
        method: cd.readUInt16LE(p + 10),
        flags,
        crc32: cd.readUInt32LE(p + 16),
        compressedSize: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        localHeaderOffset: cd.readUInt32LE(p + 42),
      };
      applyZip64Extra(cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen), entry);
      entries.push(entry);
      p += 46 + nameLen + extraLen + commentLen;
    }
    checkSizes(entries, fileSize);
  } finally {
    await fh.close();
  }

  const byName = new Map<string, ZipEntry>();
  for (const e of entries) {
    const key = e.name.toLowerCase();
    if (!byName.has(key)) byName.set(key, e);
  }

  async function dataStart(entry: ZipEntry): Promise<number> {
    const h = await open(path, 'r');
    try {
      const local = await readAt(h, entry.localHeaderOffset, 30);
      if (local.length < 30 || local.readUInt32LE(0) !== SIG_LOCAL) throw damaged(`bad local header for ${entry.name}`);
      return entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    } finally {
      await h.close();
    }
  }

  async function* stream(entry: ZipEntry, signal?: AbortSignal): AsyncGenerator<Buffer> {
    if (entry.flags & 0x1) throw new AppError('FILE_PASSWORD_PROTECTED', undefined, `encrypted zip entry ${entry.name}`);
    if (entry.method !== 0 && entry.method !== 8) {
      throw new AppError('FILE_UNSUPPORTED', undefined, `zip compression method ${entry.method}`);
    }
    if (entry.compressedSize === 0) {
      if (entry.size !== 0) throw damaged(`empty data for ${entry.name}`);
      return;
    }
    const start = await dataStart(entry);
    // A small highWaterMark would multiply SAX calls; 256 KiB keeps memory bounded and calls few.
    const file = createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
    let source: Readable = file;
    if (entry.method === 8) {
      const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
      // pipeline forwards errors of either side to the inflater, which the loop below throws.
      pipeline(file, inflate, () => undefined);
      source = inflate;
    }
    let crc = 0;
    let size = 0;
    try {
      for await (const chunk of source) {
        signal?.throwIfAborted();
        const buf = chunk as Buffer;
        size += buf.length;
        // Never more than the directory claimed (and the limits allowed): a bomb that understates its size stops here.
        if (size > entry.size) throw damaged(`${entry.name}: more data than its stated ${entry.size} bytes`);
        crc = crc32(buf, crc);
        yield buf;
      }
    } catch (e) {
      if (e instanceof AppError || (e instanceof Error && e.name === 'AbortError')) throw e;
      throw damaged(`${entry.name}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      source.destroy();
      file.destroy();
    }
    if (size !== entry.size || crc >>> 0 !== entry.crc32 >>> 0) throw damaged(`${entry.name}: size or CRC mismatch`);
  }

  async function read(entry: ZipEntry): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const chunk of stream(entry)) parts.push(chunk);
    return Buffer.concat(parts);
  }

  return { path, entries, find: (name) => byName.get(normalizeEntryName(name).toLowerCase()), stream, read };
}
