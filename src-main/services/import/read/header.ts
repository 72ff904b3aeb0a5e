/**
 * Finding the header row of a list that people made: above it there may be a
 * merged title, a key/value preamble (报表导出人：…), blank rows; it may span
 * two rows with group captions merged over field names; below the data there
 * may be a 合计 row or a merged footer note.
 *
 * Rule: score every sampled row by its distinct short text labels (minus half
 * a point per number, date, code or long text, which is what data rows are
 * made of); a row that is one merged cell is a title and scores nothing. The
 * header is the first row scoring at least 3/4 of the best score, because a
 * data row of names can score as well as the header but comes after it.
 * A header needs 2 distinct labels (1 when the sheet is one column wide);
 * otherwise there is no header (headerRow 0) and columns are named by letter.
 */
import { cellText, isBlankCell } from './cells';
import { mergeAt } from './merges';
import { columnLetter } from './refs';
import type { Cell, MergeRange, SheetRow } from './types';

export type HeaderColumn = {
  /** 0-based column. */
  index: number;
  letter: string;
  /**
   * The field name: the lowest header row's text for the column (`成立日期`,
   * not `工商登记信息/成立日期`, because field names are what column mapping
   * matches). Made unique: a name used twice falls back to its fullName, then
   * gets ` (2)`.
   */
  name: string;
  /** The caption merged above the name in a multi-row header (`工商登记信息`), else null. */
  group: string | null;
  /** group/name, or name. */
  fullName: string;
};

export type HeaderGuess = {
  /** 1-based first header row; 0 when no header was found. */
  headerRow: number;
  /** Rows the header spans (2 for a merged two-row header); 0 when none. */
  headerRows: number;
  /** First row after the header. */
  dataStartRow: number;
  columns: HeaderColumn[];
};

/** NFKC (full-width → ASCII), whitespace collapsed, no spaces between Chinese characters, trimmed. */
export function normalizeHeaderText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s+/gu, ' ')
    .replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, '')
    .trim();
}

const NUMERIC_LIKE = /^[-+]?[\d\s,.%]+$/;
const DATE_LIKE = /^\d{4}\s*[-/.年]\s*\d{1,2}|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/;

/** A cell that could be a column caption: short text, not a number, date or mostly-digit code. */
function isLabel(cell: Cell): boolean {
  if (cell.type !== 'text') return false;
  const t = cell.text.trim();
  if (t.length === 0 || t.length > 40 || NUMERIC_LIKE.test(t) || DATE_LIKE.test(t)) return false;
  const digits = t.replace(/\D/g, '').length;
  return digits <= t.length / 2;
}

type Grid = {
  rows: Map<number, SheetRow>;
  merges: readonly MergeRange[];
};

/** A cell's own value, or its merge anchor's value when a merge covers it. */
function valueAt(grid: Grid, row: number, col: number): { cell: Cell | undefined; merge: MergeRange | undefined } {
  const merge = mergeAt(grid.merges, row, col);
  if (merge) return { cell: grid.rows.get(merge.top)?.cells[merge.left], merge };
  return { cell: grid.rows.get(row)?.cells[col], merge: undefined };
}

/** Non-blank cells that are not the covered part of a merge anchored elsewhere. */
function anchorsOf(grid: Grid, row: SheetRow): { col: number; cell: Cell; merge: MergeRange | undefined }[] {
  const out: { col: number; cell: Cell; merge: MergeRange | undefined }[] = [];
  row.cells.forEach((cell, col) => {
    if (isBlankCell(cell)) return;
    const merge = mergeAt(grid.merges, row.index, col);
    if (merge && (merge.top !== row.index || merge.left !== col)) return;
    out.push({ col, cell, merge });
  });
  return out;
}

function scoreRow(grid: Grid, row: SheetRow): { score: number; labels: number } {
  const anchors = anchorsOf(grid, row);
  const only = anchors[0];
  if (anchors.length === 1 && only?.merge && only.merge.right > only.merge.left) return { score: 0, labels: 0 };
  const labels = new Set<string>();
  let others = 0;
  for (const a of anchors) {
    if (isLabel(a.cell)) labels.add(normalizeHeaderText(cellText(a.cell)));
    else others++;
  }
  return { score: labels.size - others / 2, labels: labels.size };
}

const gridOf = (rows: readonly SheetRow[], merges: readonly MergeRange[]): Grid => ({
  rows: new Map(rows.map((r) => [r.index, r])),
  merges,
});

export function detectHeader(rows: readonly SheetRow[], merges: readonly MergeRange[]): HeaderGuess {
  const grid = gridOf(rows, merges);
  const width = Math.max(0, ...rows.map((r) => anchorsOf(grid, r).length));
  const minLabels = Math.min(2, width);
  const scored = rows.map((row) => ({ row, ...scoreRow(grid, row) }));
  const best = Math.max(0, ...scored.filter((s) => s.labels >= minLabels).map((s) => s.score));
  const chosen = best > 0 ? scored.find((s) => s.labels >= minLabels && s.score >= best * 0.75) : undefined;
  if (!chosen) return noHeader(rows);
  return columnsForHeaderRow(rows, merges, chosen.row.index);
}

function noHeader(rows: readonly SheetRow[]): HeaderGuess {
  const width = Math.max(0, ...rows.map((r) => r.cells.length));
  const columns = Array.from({ length: width }, (_, i) => {
    const letter = columnLetter(i);
    return { index: i, letter, name: letter, group: null, fullName: letter };
  });
  return { headerRow: 0, headerRows: 0, dataStartRow: rows[0]?.index ?? 1, columns };
}

/**
 * Columns for a header at `headerRow` (the user's choice, or the detected
 * one). A merged group row directly above it is included, and so are rows
 * below that merges from the header reach into (A1:A2 序号). `headerRows`
 * overrides that extent.
 */
export function columnsForHeaderRow(
  rows: readonly SheetRow[],
  merges: readonly MergeRange[],
  headerRow: number,
  headerRows?: number,
): HeaderGuess {
  const grid = gridOf(rows, merges);
  const row = grid.rows.get(headerRow);
  const anchors = row ? anchorsOf(grid, row) : [];
  if (anchors.length === 0) return { headerRow, headerRows: 1, dataStartRow: headerRow + 1, columns: [] };
  // The header's columns include those a merge from the row above covers (序号 in A1:A2 when the header row is 2).
  const covering = merges.filter((m) => m.top < headerRow && m.bottom >= headerRow);
  const spanLeft = Math.min(...anchors.map((a) => a.col), ...covering.map((m) => m.left));
  const spanRight = Math.max(...anchors.map((a) => a.merge?.right ?? a.col), ...covering.map((m) => m.right));
  const within = (m: MergeRange): boolean => m.left >= spanLeft && m.right <= spanRight;

  let top = headerRow;
  let bottom = headerRow;
  if (headerRows !== undefined) {
    bottom = headerRow + Math.max(1, headerRows) - 1;
  } else {
    // A group row: merged captions over part of the header (a merge over all of it is a title).
    const above = grid.rows.get(headerRow - 1);
    if (above) {
      const groups = merges.filter(
        (m) => m.top === headerRow - 1 && within(m) && (m.right > m.left || m.bottom >= headerRow),
      );
      const aboveAnchors = anchorsOf(grid, above);
      const isTitle = groups.length === 1 && groups[0]!.left <= spanLeft && groups[0]!.right >= spanRight;
      if (groups.length > 0 && !isTitle && aboveAnchors.every((a) => a.col >= spanLeft && a.col <= spanRight)) {
        top = headerRow - 1;
      }
    }
    // Header cells merged downwards end where the header ends; a merge reaching further is a block of data
    // (merged_range Sheet2: A1:A4 beside B1:B2), so the shortest one decides.
    const vertical = merges.filter((m) => m.top >= top && m.top <= headerRow && m.bottom > m.top && within(m));
    if (vertical.length > 0) {
      bottom = Math.max(bottom, Math.min(...vertical.map((m) => m.bottom), top + 2));
    }
    // Captions merged across columns with the field names in the next row, without vertical merges.
    const below = grid.rows.get(bottom + 1);
    const horizontal = merges.filter((m) => m.top === bottom && m.right > m.left && m.bottom === bottom && within(m));
    if (below && horizontal.some((m) => below.cells.slice(m.left, m.right + 1).some((c) => c && isLabel(c)))) {
      bottom = Math.min(bottom + 1, top + 2);
    }
  }

  const dataRows = rows.filter((r) => r.index > bottom);
  const columns: HeaderColumn[] = [];
  const maxCol = Math.max(spanRight, ...rangeRows(grid, top, bottom).map((r) => r.cells.length - 1));
  for (let col = 0; col <= maxCol; col++) {
    const parts: string[] = [];
    let ownLeaf = false;
    for (let r = top; r <= bottom; r++) {
      const { cell, merge } = valueAt(grid, r, col);
      const text = normalizeHeaderText(cellText(cell));
      if (!text || parts[parts.length - 1] === text) continue;
      parts.push(text);
      ownLeaf = !merge || merge.left === col;
    }
    if (parts.length === 0) continue;
    // The covered columns of a caption merged across several columns without names below it
    // are one field, unless the data really has values there.
    if (!ownLeaf && !dataRows.some((r) => !isBlankCell(r.cells[col]) && !mergeAt(merges, r.index, col))) continue;
    const name = parts[parts.length - 1]!;
    const group = parts.length > 1 ? parts.slice(0, -1).join('/') : null;
    columns.push({ index: col, letter: columnLetter(col), name, group, fullName: parts.join('/') });
  }
  makeNamesUnique(columns);
  return { headerRow: top, headerRows: bottom - top + 1, dataStartRow: bottom + 1, columns };
}

function rangeRows(grid: Grid, top: number, bottom: number): SheetRow[] {
  const out: SheetRow[] = [];
  for (let r = top; r <= bottom; r++) {
    const row = grid.rows.get(r);
    if (row) out.push(row);
  }
  return out;
}

function makeNamesUnique(columns: HeaderColumn[]): void {
  const count = (key: (c: HeaderColumn) => string) => {
    const m = new Map<string, number>();
    for (const c of columns) m.set(key(c), (m.get(key(c)) ?? 0) + 1);
    return m;
  };
  const names = count((c) => c.name);
  const fullNames = count((c) => c.fullName);
  for (const c of columns) {
    if ((names.get(c.name) ?? 0) > 1 && (fullNames.get(c.fullName) ?? 0) === 1) c.name = c.fullName;
  }
  const seen = new Map<string, number>();
  for (const c of columns) {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    if (n > 1) {
      c.name = `${c.name} (${n})`;
      c.fullName = `${c.fullName} (${n})`;
    }
  }
}

export type RowRole = 'data' | 'total' | 'header' | 'note';

const TOTAL = /^(合计|总计|小计|共计|累计|总合计|total|grand total|sum)[:：]?$/i;
const NOTE_PREFIX = /^(注|备注|说明|制表人?|数据来源|来源|打印时间|导出时间|审核人?)[:：]/;

/**
 * What a row after the header is: a data row, a 合计/总计 total row, a
 * repeated header (exports that repeat it every page), or a note (a single
 * cell merged across the table, or one starting 注：/制表：…). The reader
 * delivers them all; the importer skips all but 'data'.
 */
export function rowRole(row: SheetRow, header: HeaderGuess, merges: readonly MergeRange[]): RowRole {
  const grid: Grid = { rows: new Map([[row.index, row]]), merges };
  const anchors = anchorsOf(grid, row);
  const texts = anchors.map((a) => normalizeHeaderText(cellText(a.cell)).replace(/\s/g, ''));
  if (texts.slice(0, 3).some((t) => TOTAL.test(t))) return 'total';
  if (header.headerRow > 0 && header.columns.length >= 2) {
    const same = header.columns.filter((c) => {
      const t = normalizeHeaderText(cellText(row.cells[c.index]));
      return t !== '' && (t === c.name || t === c.fullName || t === c.name.replace(/ \(\d+\)$/, ''));
    }).length;
    if (same >= header.columns.length * 0.6) return 'header';
  }
  const only = anchors[0];
  if (anchors.length === 1 && only) {
    if (only.merge && only.merge.right > only.merge.left && header.columns.length >= 2) return 'note';
    if (NOTE_PREFIX.test(texts[0] ?? '')) return 'note';
  }
  return 'data';
}
