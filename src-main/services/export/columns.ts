/**
 * The pieces every workbook for people shares (PRODUCT.md: exports are for
 * reading): times as real date cells in the office's wall-clock time, money
 * stored in fen as yuan, enum codes as their labels, safe sheet and file
 * names. xlsxWriter.ts writes the cells; these decide what goes in them.
 */

/**
 * Epoch ms → a Date whose UTC fields are the office's local wall-clock time:
 * Excel has no time zones and ExcelJS writes a Date's UTC fields, so this is
 * what makes 09:47 in Shanghai read as 09:47 in the cell.
 */
export const wallClock = (ms: number | null | undefined): Date | null =>
  typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms - new Date(ms).getTimezoneOffset() * 60_000) : null;

/** Money kept in integer fen → yuan, for a cell with the ¥ number format. */
export const yuan = (fen: unknown): number | null => (typeof fen === 'number' && Number.isFinite(fen) ? fen / 100 : null);

/** A stored calendar day 'YYYY-MM-DD' stays as it is (xlsxWriter turns it into a date cell); anything else is not a date. */
export const dayText = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);

/** A label through i18n, falling back to the code itself when the language has none (never an empty cell for a value). */
export const labelOf = (t: (key: string) => string, prefix: string, code: unknown): string | null => {
  if (code === null || code === undefined || code === '') return null;
  const key = `${prefix}.${String(code)}`;
  const label = t(key);
  return label && label !== key ? label : String(code);
};

/** Excel refuses these in sheet names. */
const SHEET_FORBIDDEN = /[[\]:*?/\\]/g;
/** Excel's limit on a sheet name. */
export const SHEET_NAME_MAX = 31;
/** Where a long title may be cut: after a separator or before an opening bracket (a word or phrase boundary). */
const BREAK_AFTER = /[\s,，、;；·—\-–)）》」】]/u;
const BREAK_BEFORE = /[\s(（《「【]/u;

/** Where an unclosed bracket of `s` opens, or -1 when all are closed. */
const unclosedBracket = (s: string): number => {
  const open: number[] = [];
  [...s].forEach((c, i) => {
    if ('(（《「【'.includes(c)) open.push(i);
    else if (')）》」】'.includes(c)) open.pop();
  });
  return open.length ? open[0]! : -1;
};

/**
 * Cuts a title to `max` characters at the last phrase boundary that keeps a
 * third of it or more and leaves no bracket open; else before the bracket the cut
 * would leave open; else hard at `max`.
 */
const cutAtBoundary = (title: string, max: number): string => {
  const chars = [...title];
  if (chars.length <= max) return title;
  const trim = (s: string) => s.replace(/[\s,，、;；·—\-–(（《「【]+$/u, '');
  for (let i = max; i >= Math.ceil(max / 3); i--) {
    // Cut between chars[i-1] and chars[i].
    if (BREAK_AFTER.test(chars[i - 1]!) || BREAK_BEFORE.test(chars[i] ?? '')) {
      const head = trim(chars.slice(0, i).join(''));
      if (head.length && unclosedBracket(head) < 0) return head;
    }
  }
  const hard = chars.slice(0, max).join('');
  const open = unclosedBracket(hard);
  const beforeBracket = open > 0 ? trim([...hard].slice(0, open).join('')) : '';
  return beforeBracket || hard;
};

/**
 * A namer of sheets: each title becomes a name Excel accepts (no []:*?/\,
 * at most 31 characters, cut at a phrase boundary) that no other sheet of
 * the workbook has (a second 客户 becomes 客户(2)).
 */
export const sheetNamer = (): ((title: string) => string) => {
  const used = new Set<string>();
  return (title: string) => {
    const clean = title.replace(SHEET_FORBIDDEN, ' ').replace(/\s+/g, ' ').replace(/^'+|'+$/g, '').trim() || 'Sheet';
    let name = cutAtBoundary(clean, SHEET_NAME_MAX);
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = `(${n})`;
      name = `${cutAtBoundary(clean, SHEET_NAME_MAX - suffix.length)}${suffix}`;
    }
    used.add(name.toLowerCase());
    return name;
  };
};

/** Characters Windows and macOS refuse in file names (/ \ : * ? " < > |) and control characters become '_'. */
export const safeFileName = (name: string, max = 120): string =>
  [...name]
    .map((c) => (/[\\/:*?"<>|]/.test(c) || c.charCodeAt(0) < 0x20 ? '_' : c))
    .join('')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, max) || 'export';
