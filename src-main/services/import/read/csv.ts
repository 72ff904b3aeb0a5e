/**
 * CSV and tab-separated text: encoding detection, delimiter sniffing and a
 * streamed RFC 4180 parse (csv-parse), for the exports Chinese offices meet:
 * Excel's "CSV UTF-8" (BOM), plain Excel CSV on Chinese Windows (GB18030/GBK,
 * no BOM), and Excel's "Unicode Text" (UTF-16LE with BOM, tabs).
 *
 * Every field is text: "0755…" must keep its leading zero, and turning "9"
 * into a number is the column mapping's decision, not the reader's.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { AppError, errorCode } from '../../../../src-shared/errors';
import { EMPTY } from './cells';
import { LIMITS } from './limits';
import { MAX_COLUMNS } from './refs';
import { RowSink } from './sink';
import type { Cell, CsvEncoding, ReadOptions, ReadResult, RowHandler } from './types';

const SAMPLE_BYTES = 64 * 1024;

async function readHead(path: string, length: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export function bomOf(head: Buffer): { encoding: CsvEncoding; length: number } | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * UTF-16 without a BOM shows as a zero byte in every other position for
 * Latin text, and in many for CJK-plus-ASCII text such as CSV.
 */
export function utf16WithoutBom(head: Buffer): CsvEncoding | undefined {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/**
 * The whole file is checked, not a sample: a list sorted by name can be ASCII
 * for its first thousand rows. Bytes that are not UTF-8 are taken as GB18030,
 * the superset of GBK/CP936 that also covers characters like 䶮 and 𠮷, which a
 * GBK decoder would turn into garbage.
 */
export async function detectEncoding(path: string): Promise<{ encoding: CsvEncoding; bomLength: number }> {
  const head = await readHead(path, SAMPLE_BYTES);
  const bom = bomOf(head);
  if (bom) return { encoding: bom.encoding, bomLength: bom.length };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { encoding: utf16, bomLength: 0 };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
      decoder.decode(chunk as Buffer, { stream: true });
    }
    decoder.decode();
    return { encoding: 'utf-8', bomLength: 0 };
  } catch (e) {
    if (e instanceof TypeError) return { encoding: 'gb18030', bomLength: 0 };
    throw e;
  }
}

type TextDecoderLike = { write(b: Buffer): string; end(): string | undefined };

/** Streaming decoders: each keeps a character split between two chunks for the next one. */
function makeDecoder(encoding: CsvEncoding): TextDecoderLike {
  switch (encoding) {
    case 'utf-8':
      return new StringDecoder('utf8');
    case 'utf-16le':
      return new StringDecoder('utf16le');
    case 'utf-16be':
      return iconv.getDecoder('utf-16be');
    case 'gb18030':
      return iconv.getDecoder('gb18030');
  }
}

export async function decodeHead(path: string, encoding: CsvEncoding, bomLength: number): Promise<string> {
  const head = (await readHead(path, SAMPLE_BYTES + bomLength)).subarray(bomLength);
  return makeDecoder(encoding).write(head).replace(/^\ufeff/, '');
}

async function* decodedChunks(path: string, encoding: CsvEncoding, start: number, signal?: AbortSignal) {
  const decoder = makeDecoder(encoding);
  let first = true;
  for await (const chunk of createReadStream(path, { start, highWaterMark: 256 * 1024 })) {
    signal?.throwIfAborted();
    let text = decoder.write(chunk as Buffer);
    if (first && text.length > 0) {
      // A BOM in a file we decoded from an override or after sep=: never part of the first header.
      text = text.replace(/^\ufeff/, '');
      first = false;
    }
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

const CANDIDATES = [',', '\t', ';', '|'];

/** Fields per record for the first records of a sample, honouring quotes (a quoted newline is not a record end). */
function fieldCounts(sample: string, delimiter: string, maxRecords = 50): number[] {
  const counts: number[] = [];
  let n = 1;
  let inQuotes = false;
  let fieldStart = true;
  for (let i = 0; i < sample.length && counts.length < maxRecords; i++) {
    const ch = sample[i];
    if (inQuotes) {
      if (ch === '"') {
        if (sample[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === '"' && fieldStart) {
      inQuotes = true;
      fieldStart = false;
    } else if (ch === delimiter) {
      n++;
      fieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && sample[i + 1] === '\n') i++;
      counts.push(n);
      n = 1;
      fieldStart = true;
    } else fieldStart = false;
  }
  return counts;
}

/**
 * The delimiter that splits the first records into the same number (≥ 2) of
 * fields most consistently; comma when nothing does (a one-column file).
 */
export function sniffDelimiter(sample: string): string {
  let best = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const counts = fieldCounts(sample, d);
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 1;
    let modeFreq = 0;
    for (const [c, f] of freq) {
      if (c > 1 && (f > modeFreq || (f === modeFreq && c > mode))) {
        mode = c;
        modeFreq = f;
      }
    }
    if (mode < 2) continue;
    // Consistency first, then more fields: a comma inside tab-separated text is inconsistent.
    const score = modeFreq / counts.length + mode / 1e6;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

export async function readCsvRows(
  path: string,
  onRow: RowHandler,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const detected = await detectEncoding(path);
  const encoding = options.encoding ?? detected.encoding;
  // An overriding encoding of the same family still skips the BOM bytes.
  const bomLength = options.encoding && options.encoding !== detected.encoding ? 0 : detected.bomLength;
  const head = await decodeHead(path, encoding, bomLength);
  // Excel honours a first line `sep=;` and does not show it as a row.
  const sepLine = /^sep=(.)\r?\n/i.exec(head);
  const delimiter = options.delimiter ?? sepLine?.[1] ?? sniffDelimiter(head);

  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    from_line: sepLine ? 2 : 1,
    // An unclosed quote makes the rest of the file one field: held in memory only up to this.
    max_record_size: LIMITS.csvRecordChars,
  });
  const source = Readable.from(decodedChunks(path, encoding, bomLength, options.signal));
  pipeline(source, parser, () => undefined);
  const sink = new RowSink(onRow, options.maxRows ?? Infinity, options.signal);
  let index = 0;
  let stopped = false;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      index++;
      if (index > LIMITS.csvRecords) throw new AppError('FILE_TOO_LARGE', undefined, `csv: more than ${LIMITS.csvRecords} records`);
      const fields = record.length > MAX_COLUMNS ? record.slice(0, MAX_COLUMNS) : record;
      const cells: Cell[] = fields.map((f) => (f === '' ? EMPTY : { type: 'text', text: f }));
      while (cells.length > 0 && cells[cells.length - 1] === EMPTY) cells.pop();
      if (cells.length > 0) sink.push({ index, hidden: false, cells });
      if (index % 256 === 0 && !(await sink.flush())) {
        stopped = true;
        break;
      }
    }
  } catch (e) {
    if (e instanceof AppError || (e instanceof Error && e.name === 'AbortError')) throw e;
    const message = e instanceof Error ? e.message : String(e);
    if (errorCode(e) === 'CSV_MAX_RECORD_SIZE') throw new AppError('FILE_TOO_LARGE', undefined, `csv: ${message}`);
    throw new AppError('FILE_DAMAGED', undefined, `csv: ${message}`);
  } finally {
    parser.destroy();
  }
  if (!stopped) await sink.flush(true);
  return {
    rowCount: sink.rowCount,
    lastRow: sink.lastRow,
    merges: [],
    hiddenColumns: [],
    stoppedEarly: sink.stoppedEarly,
    csv: { encoding, delimiter },
  };
}
