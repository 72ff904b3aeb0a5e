/**
 * Zip packages built by hand for the bounds tests: parts of any size claimed
 * in the central directory, and parts of gigabytes that take a few megabytes,
 * made the way zip bombs are: one block of deflate data, flushed so that it
 * stands alone, repeated. Nothing here inflates them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { openZip } from '../../src-main/services/import/read/zip';

/** A part as stored: its deflated bytes, and the size and CRC the directory states. */
export type Part = { name: string; packed: Buffer; size: number; crc: number; method?: 0 | 8 };

/** A part that is `content`, deflated. */
export const part = (name: string, content: string | Buffer): Part => {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, packed: deflateRawSync(data), size: data.length, crc: crc32(data) };
};

/**
 * `head`, then `unit` repeated `times`, then `tail`, deflated as one stream
 * in which each copy of the unit is the same deflate blocks (a full flush
 * ends them on a byte boundary and they refer to nothing before), so a 3 GB
 * part costs the unit's compressed size times `times`. The CRC is computed
 * only when asked for: the bombs are refused long before a reader could
 * check it.
 */
export const repeated = (name: string, unit: Buffer, times: number, options: { head?: string; tail?: string; crc?: boolean } = {}): Part => {
  const head = Buffer.from(options.head ?? '', 'utf8');
  const tail = Buffer.from(options.tail ?? '', 'utf8');
  const flushed = (b: Buffer): Buffer => deflateRawSync(b, { finishFlush: constants.Z_FULL_FLUSH });
  const block = flushed(unit);
  const packed = Buffer.concat([flushed(head), ...Array.from({ length: times }, () => block), deflateRawSync(tail)]);
  let crc = 0;
  if (options.crc) {
    crc = crc32(head);
    for (let i = 0; i < times; i++) crc = crc32(unit, crc);
    crc = crc32(tail, crc);
  }
  return { name, packed, size: head.length + unit.length * times + tail.length, crc };
};

/** A shared-string table of `unit` (one or more <si> elements) repeated `times`, with its root element. */
export const sharedStrings = (unit: Buffer, times: number, options: { crc?: boolean } = {}): Part =>
  repeated('xl/sharedStrings.xml', unit, times, {
    head: '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
    tail: '</sst>',
    ...options,
  });

/** Deterministic text, `length` characters: runs of A about `every` long, each ended by another letter (every 500 deflates about 117 to 1, every 2,000 about 280). */
export const compressible = (length: number, every: number, seed = 7): string => {
  let s = seed;
  const next = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  let out = '';
  while (out.length < length) out += 'A'.repeat(Math.floor(every * (0.5 + next()))) + String.fromCharCode(66 + Math.floor(next() * 20));
  return out.slice(0, length);
};

/**
 * Writes a zip of the parts. `claim` overrides the unpacked size the central
 * directory states for a part (a bomb that understates itself); `alias`
 * lists extra directory entries pointing at an earlier part's data (the
 * overlapping-entries kind of bomb).
 */
export const writeZip = (file: string, parts: Part[], options: { claim?: Record<string, number>; alias?: { name: string; of: string }[] } = {}): void => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const at = new Map<string, { offset: number; p: Part }>();
  let offset = 0;
  const central = (p: Part, name: string, localOffset: number): void => {
    const nameBytes = Buffer.from(name, 'utf8');
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x800, 8);
    c.writeUInt16LE(p.method ?? 8, 10);
    c.writeUInt32LE(p.crc >>> 0, 16);
    c.writeUInt32LE(p.packed.length, 20);
    c.writeUInt32LE(options.claim?.[name] ?? p.size, 24);
    c.writeUInt16LE(nameBytes.length, 28);
    c.writeUInt32LE(localOffset, 42);
    centrals.push(c, nameBytes);
  };
  for (const p of parts) {
    const nameBytes = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(p.method ?? 8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.packed.length, 18);
    local.writeUInt32LE(options.claim?.[p.name] ?? p.size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, p.packed);
    at.set(p.name, { offset, p });
    central(p, p.name, offset);
    offset += 30 + nameBytes.length + p.packed.length;
  }
  for (const a of options.alias ?? []) {
    const target = at.get(a.of)!;
    central(target.p, a.name, target.offset);
  }
  const cd = Buffer.concat(centrals);
  const count = parts.length + (options.alias?.length ?? 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(file, Buffer.concat([...locals, cd, end]));
};

/** The parts of an existing zip as stored (not inflated), to write them again with others. */
export const partsOf = async (file: string): Promise<Part[]> => {
  const zip = await openZip(file);
  const bytes = readFileSync(file);
  return zip.entries.map((e) => {
    const start = e.localHeaderOffset + 30 + bytes.readUInt16LE(e.localHeaderOffset + 26) + bytes.readUInt16LE(e.localHeaderOffset + 28);
    return { name: e.name, packed: bytes.subarray(start, start + e.compressedSize), size: e.size, crc: e.crc32, method: e.method as 0 | 8 };
  });
};

const SML = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The parts of a one-sheet workbook around `sheet` (the worksheet's XML) and, if given, a shared-string part. */
export const workbookParts = (sheetXml: string, sharedStrings?: Part): Part[] => [
  part('_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
  part('xl/workbook.xml', `<?xml version="1.0"?><workbook xmlns="${SML}" xmlns:r="${REL}"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>`),
  part(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  ),
  part('xl/worksheets/sheet1.xml', sheetXml),
  ...(sharedStrings ? [sharedStrings] : []),
];

/** A worksheet whose rows are `cells` (already-written <c> elements), one row each. */
export const sheetXml = (rows: string[]): string =>
  `<?xml version="1.0"?><worksheet xmlns="${SML}"><sheetData>${rows.map((cells, i) => `<row r="${i + 1}">${cells}</row>`).join('')}</sheetData></worksheet>`;

/**
 * The highest resident memory seen while `run` runs, above what it was
 * before, in MB (sampled every 5 ms, and between the reader's chunks, which
 * await). Assertions on it are generous: a bomb that gets through costs
 * gigabytes.
 */
export const peakRssGrowth = async <T>(run: () => Promise<T>): Promise<{ result: T | undefined; error: unknown; mb: number }> => {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  let result: T | undefined;
  let error: unknown;
  try {
    result = await run();
  } catch (e) {
    error = e;
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return { result, error, mb: (peak - before) / 1e6 };
};
