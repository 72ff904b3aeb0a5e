import type { MergeRange } from './types';

/** The spreadsheet grid's limits (Excel 2007+): refs beyond them are damaged data, not cells. */
export const MAX_COLUMNS = 16384;
export const MAX_ROWS = 1048576;

/** 0-based column of a reference such as `AB12` (or `$AB$12`); -1 when it has no letters. */
export function columnOfRef(ref: string): number {
  let col = 0;
  let i = 0;
  if (ref.charCodeAt(0) === 36 /* $ */) i++;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return col - 1;
}

/** 1-based row of a reference such as `AB12`; 0 when it has none. */
export function rowOfRef(ref: string): number {
  const m = /\d+$/.exec(ref);
  return m ? Number(m[0]) : 0;
}

export function columnLetter(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** `A1:C2` → a range; a single cell `B3` is a 1×1 range; nonsense → undefined. */
export function parseRange(ref: string | undefined): MergeRange | undefined {
  if (!ref) return undefined;
  const [a = '', b = a] = ref.replace(/\$/g, '').split(':');
  const left = columnOfRef(a);
  const right = columnOfRef(b);
  const top = rowOfRef(a);
  const bottom = rowOfRef(b);
  if (left < 0 || right < 0 || top < 1 || bottom < 1) return undefined;
  return {
    top: Math.min(top, bottom),
    bottom: Math.min(Math.max(top, bottom), MAX_ROWS),
    left: Math.min(left, right),
    right: Math.min(Math.max(left, right), MAX_COLUMNS - 1),
  };
}
