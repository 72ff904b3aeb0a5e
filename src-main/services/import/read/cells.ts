/**
 * Turning stored values into typed cells: number formats decide whether a
 * number is a date, a time or a plain number, because xlsx and xls store all
 * of them as the same floating-point serial.
 */
import { utcDate } from '../../../../src-shared/dates';
import type { Cell } from './types';

/** One shared instance: rows are padded with it, and a phantom row never allocates one per cell. */
export const EMPTY: Cell = Object.freeze({ type: 'empty' }) as Cell;

/**
 * Built-in number formats that are not spelled out in styles.xml. 27–36 and
 * 50–58 are the zh-CN ones (they differ per locale, but they are dates or
 * times in every CJK locale, which is what matters here).
 */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'yyyy/m/d',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'yyyy/m/d h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

export const builtinFormat = (id: number): string => BUILTIN_FORMATS[id] ?? 'General';

export type FormatKind = 'number' | 'date' | 'datetime' | 'time' | 'elapsed';

const kindCache = new Map<string, FormatKind>();

/** What a number shown with this format means. Only the first section (positive numbers) decides. */
export function formatKind(code: string): FormatKind {
  const cached = kindCache.get(code);
  if (cached) return cached;
  let s = code;
  // First section only, ignoring semicolons inside quotes.
  s = s.replace(/"[^"]*"/g, '""');
  s = s.split(';')[0] ?? '';
  s = s
    .replace(/""/g, '')
    .replace(/\\./g, '') // escaped literal characters
    .replace(/[_*]./g, '') // spacing and fill characters
    .replace(/上午\/下午|AM\/PM|A\/P/gi, '');
  let kind: FormatKind;
  if (/\[(h+|m+|s+)\]/i.test(s)) {
    kind = 'elapsed';
  } else {
    // [Red], [$-804], [DBNum1], [>100]: not date tokens.
    s = s.replace(/\[[^\]]*\]/g, '').toLowerCase();
    if (s === 'general' || s.trim() === '' || /e[+-]/.test(s)) {
      kind = 'number';
    } else {
      // y and d only occur in date formats; m means minutes next to h or s, else month.
      const hasTime = /[hs]/.test(s);
      if (/[yd]/.test(s)) kind = hasTime ? 'datetime' : 'date';
      else if (hasTime) kind = 'time';
      else if (/m/.test(s)) kind = 'date';
      else kind = 'number';
    }
  }
  // Workbooks use a handful of formats; the bound only guards a long-running process.
  if (kindCache.size > 1000) kindCache.clear();
  kindCache.set(code, kind);
  return kind;
}

/** The last serial Excel can show as a date (9999-12-31); larger numbers are not dates. */
const MAX_SERIAL = 2958465;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function clock(totalSeconds: number): string {
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return `${pad(h)}:${pad(m)}:${pad(s)}`;
}

/**
 * Serial → calendar date. In the 1900 system Excel counts the non-existent
 * 1900-02-29 as serial 60 (Lotus compatibility), so serials before it are one
 * day off from a plain day count. In the 1904 system serial 0 is 1904-01-01.
 */
function serialDate(days: number, date1904: boolean): string {
  let unixDays: number;
  if (date1904) unixDays = days - 24107;
  else if (days >= 61) unixDays = days - 25569;
  else if (days === 60) return '1900-02-29';
  else unixDays = days - 25568;
  return utcDate(unixDays * 86400000);
}

/** A number cell, or a date/time cell when its format says so and the serial can be one. */
export function numericCell(value: number, raw: string, format: string, date1904: boolean): Cell {
  const kind = formatKind(format);
  if (kind === 'number' || !Number.isFinite(value) || value < 0 || value > MAX_SERIAL) {
    return { type: 'number', value, raw, format };
  }
  // Round to whole seconds first: 0.52236111… is 12:32:12, and 44877.99999999 is the next day.
  const totalSeconds = Math.round(value * 86400);
  if (kind === 'elapsed') {
    return { type: 'time', time: clock(totalSeconds), seconds: totalSeconds, elapsed: true, serial: value, format };
  }
  const days = Math.floor(totalSeconds / 86400);
  const secondsOfDay = totalSeconds - days * 86400;
  // A time-only serial (below 1) is a time of day whatever the format: never 1899-12-30.
  if (kind === 'time' || days === 0) {
    // Serial 0 under a date-only format is Excel's 1900-01-00: no date at all, so keep the number.
    if (kind === 'date' && secondsOfDay === 0) return { type: 'number', value, raw, format };
    return { type: 'time', time: clock(secondsOfDay), seconds: secondsOfDay, elapsed: false, serial: value, format };
  }
  return {
    type: 'date',
    date: serialDate(days, date1904),
    time: kind === 'datetime' ? clock(secondsOfDay) : null,
    serial: value,
    format,
  };
}

/** An ISO 8601 value from a `t="d"` cell (rare: written by some non-Excel tools). */
export function isoDateCell(iso: string): Cell {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2}))?/.exec(iso.trim());
  if (!m || m[1] === undefined) return iso.trim() ? { type: 'text', text: iso } : EMPTY;
  return { type: 'date', date: m[1], time: m[2] ?? null, serial: NaN, format: 'iso' };
}

/**
 * A number as a person would type it: integers without `.0` or an exponent
 * (from the stored literal when it has one, so digits beyond 2^53 are not
 * invented), other numbers in their shortest round-trip form.
 */
export function numberText(cell: { value: number; raw: string }): string {
  const raw = cell.raw.trim();
  if (/^-?\d+$/.test(raw)) return raw.replace(/^(-?)0+(?=\d)/, '$1');
  const exp = /^(-?)(\d+)(?:\.(\d+))?[eE]\+?(\d+)$/.exec(raw);
  if (exp) {
    const [, sign = '', int = '', frac = '', e = '0'] = exp;
    const shift = Number(e);
    if (frac.length <= shift) return sign + (int + frac.padEnd(shift, '0')).replace(/^0+(?=\d)/, '');
  }
  const { value } = cell;
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return BigInt(value).toString();
  return String(value);
}

/** The text a person sees in a cell, for header names and messages. */
export function cellText(cell: Cell | undefined): string {
  if (!cell) return '';
  switch (cell.type) {
    case 'empty':
      return '';
    case 'text':
      return cell.text;
    case 'number':
      return numberText(cell);
    case 'date':
      return cell.time ? `${cell.date} ${cell.time}` : cell.date;
    case 'time':
      return cell.time;
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'error':
      return cell.code;
  }
}

/** Whether a cell holds nothing a person would see (whitespace-only text counts as nothing). */
export const isBlankCell = (cell: Cell | undefined): boolean =>
  !cell || cell.type === 'empty' || (cell.type === 'text' && cell.text.trim() === '');
