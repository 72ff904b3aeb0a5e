/**
 * What a file is, by its first bytes: people rename files, and exporters name
 * them whatever they like (an encrypted workbook is an OLE file even when it
 * is called .xlsx; a tab-separated "Unicode Text" file is often called .csv).
 */
import { open, readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { AppError } from '../../../../src-shared/errors';
import { bomOf, utf16WithoutBom } from './csv';
import { isHtml } from './html';
import { LIMITS } from './limits';
import type { FileKind } from './types';
import { checkXlsxPackage } from './xlsx';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** An empty zip, or one whose first entry was split off: still a zip, only the central directory tells. */
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Names that promise a binary workbook: text under such a name is a broken file, not a CSV. */
const WORKBOOK_EXTENSIONS = new Set(['.xls', '.xlsx', '.xlsm', '.xlsb', '.xltx', '.xlt', '.et', '.ett']);

const startsWith = (head: Buffer, sig: number[]): boolean => sig.every((b, i) => head[i] === b);

/** WPS's own workbook formats: read when they hold a BIFF workbook, otherwise answered with their own message. */
const WPS_EXTENSIONS = new Set(['.et', '.ett']);

/**
 * An OpenDocument spreadsheet (.ods, LibreOffice; WPS's "save as ODF"): the spec puts an
 * uncompressed `mimetype` entry first, so its local header names it at byte 30 and the media
 * type follows at byte 38.
 */
export const isOds = (head: Buffer): boolean =>
  head.subarray(30, 38).toString('latin1') === 'mimetype' &&
  /^application\/vnd\.oasis\.opendocument\.spreadsheet(-template)?/.test(head.subarray(38, 38 + 60).toString('latin1'));


/**
 * Plausible text: no NUL bytes and few control characters other than tab,
 * line feed, carriage return (and form feed / Ctrl-Z that old DOS tools leave).
 */
function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  let control = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) control++;
  }
  return control <= head.length * 0.01;
}

async function readHead(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Formats read whole (through SheetJS): the size is their bound. */
async function checkWholeFileSize(path: string, limit: number, what: string): Promise<void> {
  const { size } = await stat(path);
  if (size > limit) throw new AppError('FILE_TOO_LARGE', undefined, `${what} of ${size} bytes`);
}

export async function sniffFile(path: string): Promise<{ kind: FileKind }> {
  const head = await readHead(path);
  if (head.length === 0) throw new AppError('FILE_EMPTY');
  if (startsWith(head, ZIP) && isOds(head)) {
    await checkWholeFileSize(path, LIMITS.odsBytes, 'ods');
    return { kind: 'ods' };
  }
  if (startsWith(head, ZIP) || startsWith(head, ZIP_EMPTY)) {
    await checkXlsxPackage(path);
    return { kind: 'xlsx' };
  }
  if (startsWith(head, OLE)) {
    // Read whole below (and by SheetJS after): the size is the bound.
    const { size } = await stat(path);
    if (size > LIMITS.xlsBytes) throw new AppError('FILE_TOO_LARGE', undefined, `OLE file of ${size} bytes`);
    // SheetJS (with its code-page tables) is loaded only for OLE files.
    const { oleContent } = await import('./xls');
    const content = oleContent(await readFile(path));
    if (content === 'encrypted') throw new AppError('FILE_PASSWORD_PROTECTED');
    if (content === 'workbook') return { kind: 'xls' };
    if (WPS_EXTENSIONS.has(extname(path).toLowerCase())) throw new AppError('FILE_WPS_FORMAT', undefined, 'WPS workbook without a BIFF Workbook stream');
    throw new AppError('FILE_NOT_WORKBOOK', undefined, 'OLE file without a Workbook stream');
  }
  if (isHtml(head)) {
    await checkWholeFileSize(path, LIMITS.htmlBytes, 'html');
    return { kind: 'html' };
  }
  if (bomOf(head) || utf16WithoutBom(head)) return { kind: 'csv' };
  if (WORKBOOK_EXTENSIONS.has(extname(path).toLowerCase())) {
    throw new AppError('FILE_NOT_SPREADSHEET', undefined, 'text under a workbook name');
  }
  if (looksLikeText(head)) return { kind: 'csv' };
  throw new AppError('FILE_NOT_SPREADSHEET', undefined, 'binary content of unknown kind');
}
