/**
 * A large Chinese workbook for the reader's stress test and bench: every cell
 * is a deterministic function of its position, so a reader's output can be
 * checked cell by cell without keeping a million strings in memory.
 *
 * The text mixes BMP Han characters (3 bytes in UTF-8), the astral 𠮷 (4
 * bytes, a surrogate pair in JavaScript), 䶮 (CJK extension A), full-width
 * punctuation and ASCII, so that inflated chunks end inside multi-byte
 * characters all the time.
 */
import ExcelJS from 'exceljs';

export const BIG_COLUMNS = 12;

const EXTRA = ['𠮷', '䶮', '，', '（', '）', '、', 'A', '7', ' ', '😀'];

/** mulberry32: tiny, fast, and the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The text of the cell at a 1-based row and 0-based column. */
export function bigCellText(row: number, col: number): string {
  const next = random(row * 131 + col * 7919 + 17);
  const length = 2 + Math.floor(next() * 23);
  let s = '';
  for (let i = 0; i < length; i++) {
    const r = next();
    s += r < 0.9 ? String.fromCodePoint(0x4e00 + Math.floor(next() * (0x9fa5 - 0x4e00))) : EXTRA[Math.floor(next() * EXTRA.length)];
  }
  // Leading/trailing spaces would be legal but make failures harder to read.
  return s.trim() || '空';
}

/** Writes rows × 12 text cells with ExcelJS's streaming writer (inline `str` cells or a shared-string table). */
export async function writeBigWorkbook(filename: string, rows: number, useSharedStrings: boolean): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useSharedStrings, useStyles: false });
  const ws = wb.addWorksheet('企业名录');
  for (let r = 1; r <= rows; r++) {
    const values: string[] = [];
    for (let c = 0; c < BIG_COLUMNS; c++) values.push(bigCellText(r, c));
    ws.addRow(values).commit();
  }
  ws.commit();
  await wb.commit();
}
