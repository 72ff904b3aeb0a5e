/**
 * Streaming .xlsx reader: the package's relationships say where the workbook,
 * its sheets, styles and shared strings are (never hard-coded paths: the .NET
 * SDK names a sheet `sheet.xml`, gnumeric omits sharedStrings); shared strings
 * and styles are read whole, then one worksheet is streamed row by row.
 *
 * Memory is bounded by the shared-string table (which any xlsx reader must
 * hold, cells refer to it by index) plus one inflated chunk and the rows of
 * that chunk, whatever the number of rows. Every part, the table, a cell's
 * text and a sheet's cells and merges are capped (limits.ts).
 */
import { posix } from 'node:path';
import { AppError } from '../../../../src-shared/errors';
import { builtinFormat, EMPTY, isoDateCell, numericCell } from './cells';
import { LIMITS } from './limits';
import { columnOfRef, MAX_COLUMNS, MAX_ROWS, parseRange, rowOfRef } from './refs';
import { RowSink } from './sink';
import { SharedStrings } from './strings';
import type { Cell, MergeRange, ReadOptions, ReadResult, RowHandler, SheetInfo, SheetKind, SheetRow, SheetState, StringTable } from './types';
import { createXmlFeed, parseEntry, streamEntryText, unescapeOoxml, type XmlAttrs } from './xml';
import { openZip, type ZipArchive, type ZipEntry } from './zip';

export type XlsxSheet = SheetInfo & { part: string | undefined };

export type XlsxBook = {
  zip: ZipArchive;
  workbookPart: string;
  sheets: XlsxSheet[];
  date1904: boolean;
  stylesPart: string | undefined;
  sharedStringsPart: string | undefined;
};

type Relationship = { id: string; type: string; target: string };

const isTrue = (v: string | undefined): boolean => v === '1' || v === 'true';

const tooLarge = (detail: string): AppError => new AppError('FILE_TOO_LARGE', undefined, detail);

/** The attribute in the relationships namespace (`r:id`, whatever the prefix). */
function relId(attrs: XmlAttrs): string | undefined {
  for (const key in attrs) if (key.endsWith(':id')) return attrs[key];
  return undefined;
}

/** Resolves a relationship target against the folder of the part that owns it. */
function resolveTarget(baseDir: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // an external URL
  let t = target.replace(/\\/g, '/');
  try {
    t = decodeURIComponent(t);
  } catch {
    // Not percent-encoded after all: keep it as written.
  }
  const joined = t.startsWith('/') ? t.slice(1) : posix.join(baseDir, t);
  return posix.normalize(joined).replace(/^\/+/, '');
}

const relsPathOf = (part: string): string => posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);

async function readRelationships(zip: ZipArchive, part: string): Promise<Relationship[]> {
  const entry = zip.find(relsPathOf(part));
  if (!entry) return [];
  const baseDir = posix.dirname(part) === '.' ? '' : posix.dirname(part);
  const rels: Relationship[] = [];
  await parseEntry(zip, entry, {
    open(name, attrs) {
      if (name !== 'Relationship' || attrs.TargetMode === 'External') return;
      const target = attrs.Target ? resolveTarget(baseDir, attrs.Target) : undefined;
      if (attrs.Id && target !== undefined) rels.push({ id: attrs.Id, type: attrs.Type ?? '', target });
    },
  });
  return rels;
}

const relType = (rel: Relationship): string => rel.type.slice(rel.type.lastIndexOf('/') + 1);

/** The local name of a part's root element ('' when it has none), reading no more of the part than needed. */
async function rootElement(zip: ZipArchive, entry: ZipEntry): Promise<string> {
  let root = '';
  const feed = createXmlFeed({ open: (name) => void (root ||= name) }, entry.name);
  await streamEntryText(zip, entry, (text) => {
    feed.write(text);
    return root === '';
  });
  return root;
}

/**
 * Finds the workbook part: the officeDocument relationship of the package
 * when there is one, else the conventional xl/workbook.xml. The part must
 * really be a SpreadsheetML workbook: a .docx renamed .xlsx has an
 * officeDocument too.
 */
async function findWorkbookPart(zip: ZipArchive): Promise<string> {
  const rootRels = await readRelationships(zip, '');
  const office = rootRels.find((r) => relType(r) === 'officeDocument');
  for (const candidate of [office?.target, 'xl/workbook.xml']) {
    const entry = candidate ? zip.find(candidate) : undefined;
    if (!entry) continue;
    // xlsb keeps the same package layout with binary parts.
    if (entry.name.toLowerCase().endsWith('.bin')) throw new AppError('FILE_UNSUPPORTED', undefined, 'xlsb workbook');
    if ((await rootElement(zip, entry)) === 'workbook') return entry.name;
  }
  if (zip.find('xl/workbook.bin')) throw new AppError('FILE_UNSUPPORTED', undefined, 'xlsb workbook');
  const names = zip.entries.map((e) => e.name).join(', ');
  throw new AppError('FILE_NOT_WORKBOOK', undefined, `no workbook part in zip (${names.slice(0, 200)})`);
}

/** Only locates the workbook part: what sniffing needs. */
export async function checkXlsxPackage(path: string): Promise<void> {
  await findWorkbookPart(await openZip(path));
}

export async function openXlsx(path: string): Promise<XlsxBook> {
  const zip = await openZip(path);
  const workbookPart = await findWorkbookPart(zip);
  const rels = await readRelationships(zip, workbookPart);
  const relById = new Map(rels.map((r) => [r.id, r]));
  const dir = posix.dirname(workbookPart) === '.' ? '' : posix.dirname(workbookPart);

  const sheets: XlsxSheet[] = [];
  let date1904 = false;
  const workbookEntry = zip.find(workbookPart);
  if (!workbookEntry) throw new AppError('FILE_NOT_WORKBOOK');
  await parseEntry(zip, workbookEntry, {
    open(name, attrs) {
      if (name === 'workbookPr' && attrs.date1904 !== undefined) date1904 = isTrue(attrs.date1904);
      else if (name === 'sheet') {
        const id = relId(attrs);
        const rel = id ? relById.get(id) : undefined;
        const type = rel ? relType(rel) : 'worksheet';
        const kind: SheetKind = type === 'worksheet' ? 'worksheet' : type === 'chartsheet' ? 'chartsheet' : 'other';
        const state: SheetState =
          attrs.state === 'hidden' ? 'hidden' : attrs.state === 'veryHidden' ? 'veryHidden' : 'visible';
        // Without a relationship, the name every producer uses for the n-th sheet.
        const part = zip.find(rel?.target ?? posix.join(dir, `worksheets/sheet${sheets.length + 1}.xml`))?.name;
        sheets.push({ name: attrs.name ?? `Sheet${sheets.length + 1}`, index: sheets.length, state, kind, part });
      }
    },
  });

  // Fall back to the usual names when a producer left the relationship out.
  const partOf = (type: string, fallback: string): string | undefined => {
    const rel = rels.find((r) => relType(r) === type);
    return zip.find(rel?.target ?? posix.join(dir, fallback))?.name ?? zip.find(posix.join(dir, fallback))?.name;
  };
  return {
    zip,
    workbookPart,
    sheets,
    date1904,
    stylesPart: partOf('styles', 'styles.xml'),
    sharedStringsPart: partOf('sharedStrings', 'sharedStrings.xml'),
  };
}

/** Number format code per cell style (the `s` attribute indexes cellXfs). */
async function readCellFormats(book: XlsxBook): Promise<string[]> {
  const entry = book.stylesPart ? book.zip.find(book.stylesPart) : undefined;
  if (!entry) return [];
  const custom = new Map<number, string>();
  const xfFormatIds: number[] = [];
  let inCellXfs = false;
  await parseEntry(book.zip, entry, {
    open(name, attrs) {
      if (name === 'numFmt' && attrs.numFmtId !== undefined) custom.set(Number(attrs.numFmtId), attrs.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      // cellStyleXfs holds xf elements too; only cellXfs are what cells point at.
      else if (name === 'xf' && inCellXfs) xfFormatIds.push(Number(attrs.numFmtId ?? 0) || 0);
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return xfFormatIds.map((id) => custom.get(id) ?? builtinFormat(id));
}

/**
 * Walks the shared-string table: `onString(index, text)` for each string,
 * rich-text runs joined, until it returns false. Phonetic runs (<rPh>,
 * furigana) are not part of the text. The table's count/uniqueCount
 * attributes are ignored: WPS omits uniqueCount.
 */
async function walkSharedStrings(book: XlsxBook, onString: (index: number, text: string) => boolean): Promise<void> {
  const entry = book.sharedStringsPart ? book.zip.find(book.sharedStringsPart) : undefined;
  if (!entry) return;
  if (entry.size > LIMITS.sharedStringsBytes) throw tooLarge(`${entry.name}: ${entry.size} bytes unpacked`);
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let current = '';
  let index = 0;
  let more = true;
  const feed = createXmlFeed(
    {
      open(name, _attrs, selfClosing) {
        if (name === 'si') {
          inSi = true;
          current = '';
        } else if (name === 'rPh') phonetic++;
        else if (name === 't' && inSi && phonetic === 0 && !selfClosing) inT = true;
      },
      close(name) {
        if (name === 't') inT = false;
        else if (name === 'rPh') phonetic--;
        else if (name === 'si' && more) {
          more = onString(index++, unescapeOoxml(current));
          inSi = false;
        }
      },
      text(t) {
        if (!inT) return;
        current += t;
        if (current.length > LIMITS.cellChars) throw tooLarge(`shared string ${index}: over ${LIMITS.cellChars} characters`);
      },
    },
    entry.name,
  );
  await streamEntryText(book.zip, entry, (text) => {
    feed.write(text);
    return more;
  });
  if (more) feed.close();
}

/** The whole shared-string table, within the limits of SharedStrings. */
async function readSharedStrings(book: XlsxBook): Promise<SharedStrings> {
  const strings = new SharedStrings();
  await walkSharedStrings(book, (_index, text) => {
    strings.push(text);
    return true;
  });
  return strings.seal();
}

/** Only the shared strings at `wanted` indexes, reading the table no further than the last of them. */
async function pickSharedStrings(book: XlsxBook, wanted: ReadonlySet<number>): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  if (wanted.size === 0) return found;
  let last = 0;
  for (const i of wanted) if (i > last) last = i;
  await walkSharedStrings(book, (index, text) => {
    if (wanted.has(index)) found.set(index, text);
    return index < last;
  });
  return found;
}

/** Finds <mergeCell ref="…"> in raw text, for the part of a sheet the SAX parser skipped. */
const MERGE_TAG = /<(?:[\w.-]+:)?mergeCell\b[^>]*>/g;
const REF_ATTR = /\bref\s*=\s*["']([^"']*)["']/;

export async function readXlsxRows(
  book: XlsxBook,
  sheetIndex: number,
  onRow: RowHandler,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const sheet = book.sheets[sheetIndex];
  if (!sheet) throw new AppError('NOT_FOUND', undefined, `no sheet ${sheetIndex}`);
  if (sheet.kind !== 'worksheet') throw new AppError('FILE_UNSUPPORTED', undefined, `sheet ${sheet.name} is a ${sheet.kind}`);
  const entry = sheet.part ? book.zip.find(sheet.part) : undefined;
  if (!entry) throw new AppError('FILE_DAMAGED', undefined, `sheet part of ${sheet.name} missing`);

  let parts = options.cache?.xlsx;
  if (!parts) {
    const [f, s] = await Promise.all([readCellFormats(book), readSharedStrings(book)]);
    parts = { formats: f, strings: s };
    if (options.cache) options.cache.xlsx = parts;
  }
  const { formats, strings } = parts;
  const { date1904 } = book;
  const sink = new RowSink(onRow, options.maxRows ?? Infinity, options.signal);
  const merges: MergeRange[] = [];
  const addMerge = (range: MergeRange | undefined): void => {
    if (!range) return;
    if (merges.length >= LIMITS.merges) throw tooLarge(`${sheet.name}: more than ${LIMITS.merges} merged ranges`);
    merges.push(range);
  };
  const hiddenColumns = new Set<number>();
  let cellCount = 0;

  // Parser state: plain variables, because these handlers run for every tag of the sheet.
  let rowIndex = 0;
  let rowHasRef = false;
  let rowHidden = false;
  let cells: Cell[] = [];
  let nextCol = 0;
  let col = 0;
  let cellType = 'n';
  let cellStyle = 0;
  let value = '';
  let inlineText = '';
  let inV = false;
  let inIs = false;
  let inIsT = false;
  let phonetic = 0;

  const finishCell = (): Cell => {
    switch (cellType) {
      case 's': {
        const s = value === '' ? undefined : strings.get(Number(value));
        return s ? { type: 'text', text: s } : EMPTY;
      }
      case 'inlineStr': {
        const s = unescapeOoxml(inlineText || value);
        return s ? { type: 'text', text: s } : EMPTY;
      }
      case 'str': {
        const s = unescapeOoxml(value);
        return s ? { type: 'text', text: s } : EMPTY;
      }
      case 'b':
        return value === '' ? EMPTY : { type: 'boolean', value: value.trim() === '1' || value.trim() === 'true' };
      case 'e':
        return value === '' ? EMPTY : { type: 'error', code: value.trim() };
      case 'd':
        return isoDateCell(value);
      default: {
        const raw = value.trim();
        // A formula without a cached value (<v></v>, openpyxl) reads as empty.
        if (raw === '') return EMPTY;
        const n = Number(raw);
        if (Number.isNaN(n)) return { type: 'text', text: value };
        return numericCell(n, raw, formats[cellStyle] ?? 'General', date1904);
      }
    }
  };

  const feed = createXmlFeed(
    {
      open(name, attrs) {
        switch (name) {
          case 'row': {
            const r = attrs.r;
            rowHasRef = r !== undefined;
            rowIndex = rowHasRef ? Number(r) : rowIndex + 1;
            rowHidden = isTrue(attrs.hidden);
            cells = [];
            nextCol = 0;
            break;
          }
          case 'c': {
            const r = attrs.r;
            if (r !== undefined) {
              col = columnOfRef(r);
              if (!rowHasRef) {
                // A row without r: the cells' own references say where it is.
                const rr = rowOfRef(r);
                if (rr > 0) rowIndex = rr;
                rowHasRef = true;
              }
            } else col = nextCol;
            nextCol = col + 1;
            cellType = attrs.t ?? 'n';
            cellStyle = attrs.s ? Number(attrs.s) : 0;
            value = '';
            inlineText = '';
            break;
          }
          case 'v':
            inV = true;
            break;
          case 'is':
            inIs = true;
            break;
          case 't':
            if (inIs && phonetic === 0) inIsT = true;
            break;
          case 'rPh':
            phonetic++;
            break;
          case 'mergeCell':
            addMerge(parseRange(attrs.ref));
            break;
          case 'col':
            if (isTrue(attrs.hidden)) {
              const max = Math.min(Number(attrs.max ?? attrs.min), MAX_COLUMNS);
              for (let c = Number(attrs.min); c <= max; c++) hiddenColumns.add(c - 1);
            }
            break;
        }
      },
      close(name) {
        switch (name) {
          case 'v':
            inV = false;
            break;
          case 't':
            inIsT = false;
            break;
          case 'is':
            inIs = false;
            break;
          case 'rPh':
            phonetic--;
            break;
          case 'c': {
            if (col < 0 || col >= MAX_COLUMNS) break;
            const cell = finishCell();
            // Empty cells are not stored: a styled phantom row of 16,384 cells allocates nothing.
            if (cell !== EMPTY) {
              if (++cellCount > LIMITS.sheetCells) throw tooLarge(`${sheet.name}: more than ${LIMITS.sheetCells} cells`);
              while (cells.length < col) cells.push(EMPTY);
              cells[col] = cell;
            }
            break;
          }
          case 'row':
            if (cells.length > 0 && rowIndex >= 1 && rowIndex <= MAX_ROWS) {
              sink.push({ index: rowIndex, hidden: rowHidden, cells });
            }
            cells = [];
            break;
        }
      },
      text(t) {
        if (inV) value += t;
        else if (inIsT) inlineText += t;
        else return;
        if (value.length + inlineText.length > LIMITS.cellChars) throw tooLarge(`${sheet.name} row ${rowIndex}: a cell over ${LIMITS.cellChars} characters`);
      },
    },
    entry.name,
  );

  // After the preview limit the rest of the sheet is only searched for merges, without SAX.
  let scanning = false;
  let carry = '';
  await streamEntryText(
    book.zip,
    entry,
    async (text) => {
      if (!scanning) {
        feed.write(text);
        if (await sink.flush()) return true;
        // Without merges wanted, the rows were all that was asked for.
        if (options.scanMerges === false) return false;
        scanning = true;
        // A tag cut off at the end of this chunk was not reported by the parser: the scan starts with it.
        const lt = text.lastIndexOf('<');
        if (lt > text.lastIndexOf('>') && text.length - lt <= 1024) carry = text.slice(lt);
        return true;
      }
      const s = carry + text;
      let lastEnd = 0;
      for (const m of s.matchAll(MERGE_TAG)) {
        addMerge(parseRange(REF_ATTR.exec(m[0])?.[1]));
        lastEnd = m.index + m[0].length;
      }
      // Keep an unfinished tag for the next chunk (a mergeCell tag is short: a longer one is something else).
      const open = s.lastIndexOf('<');
      carry = open >= lastEnd && s.indexOf('>', open) < 0 && s.length - open <= 1024 ? s.slice(open) : '';
      return true;
    },
    options.signal,
  );
  if (!scanning && !sink.stoppedEarly) {
    feed.close();
    await sink.flush(true);
  }

  return {
    rowCount: sink.rowCount,
    lastRow: sink.lastRow,
    merges,
    hiddenColumns: [...hiddenColumns].sort((a, b) => a - b),
    stoppedEarly: sink.stoppedEarly,
  };
}

/**
 * The first rows of one sheet, without reading the workbook's shared-string
 * table whole or its styles: the sheet is read once to learn which shared
 * strings its first rows use, the table only as far as the last of those,
 * then the rows again with them (numbers come as General). For a small sheet
 * that must be checked before anything else of the file is read, such as an
 * exchange workbook's signed meta: a file that fails that check costs this
 * much and no more, however much else it holds.
 */
export async function readXlsxHead(book: XlsxBook, sheetIndex: number, maxRows: number): Promise<SheetRow[]> {
  const wanted = new Set<number>();
  // Any text will do on the first pass: it only has to keep the rows non-blank, so both passes stop at the same row.
  const probe: StringTable = {
    get: (index) => {
      if (Number.isSafeInteger(index) && index >= 0) wanted.add(index);
      return 'x';
    },
  };
  const options = { maxRows, scanMerges: false } as const;
  await readXlsxRows(book, sheetIndex, () => undefined, { ...options, cache: { xlsx: { formats: [], strings: probe } } });
  const found = await pickSharedStrings(book, wanted);
  const rows: SheetRow[] = [];
  await readXlsxRows(book, sheetIndex, (row) => void rows.push(row), { ...options, cache: { xlsx: { formats: [], strings: { get: (i) => found.get(i) } } } });
  return rows;
}
