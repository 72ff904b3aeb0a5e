import { utcDate } from '../dates';
import { looksLikeMangledNumber, validateCreditCode } from '../rules/creditCode';
import { phoneDigits, probablyLostLeadingZero, splitPhones } from '../rules/phone';

/** A cell as the reader hands it over: already typed (dates as Date, numbers as numbers). */
export type RawValue = string | number | boolean | Date | null | undefined;

export type CleanIssueCode =
  | 'date_unparseable'
  | 'credit_code_invalid'
  | 'credit_code_mangled'
  | 'phone_lost_zero'
  | 'phone_invalid'
  | 'capital_unparseable'
  | 'email_invalid'
  | 'name_missing';

export type CleanIssue = { code: CleanIssueCode; severity: 'error' | 'warning'; value: string };

export type Cleaned<T> = { value: T | null; issues: CleanIssue[] };

const ok = <T>(value: T | null): Cleaned<T> => ({ value, issues: [] as CleanIssue[] });
const issue = <T>(code: CleanIssueCode, severity: 'error' | 'warning', raw: RawValue, value: T | null = null): Cleaned<T> => ({
  value,
  issues: [{ code, severity, value: rawText(raw) }],
});

/** How a raw value reads as text: numbers without a trailing .0 or exponent where they are whole. */
export const rawText = (raw: RawValue): string => {
  if (raw === null || raw === undefined) return '';
  if (raw instanceof Date) return utcDate(raw);
  if (typeof raw === 'number') return Number.isInteger(raw) && Math.abs(raw) < 1e21 ? raw.toFixed(0) : String(raw);
  return String(raw);
};

/** Text: trimmed; whitespace runs inside kept as they are (long text stays whole). */
export const cleanText = (raw: RawValue): Cleaned<string> => {
  const t = rawText(raw).trim();
  return ok(t === '' ? null : t);
};

const validYmd = (y: number, m: number, d: number): string | null => {
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 ? utcDate(date) : null;
};

/** Excel serial day number → date (1900 system with its phantom 1900-02-29, or the 1904 system). */
export const serialToDate = (serial: number, date1904 = false): string | null => {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const days = Math.floor(serial);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const offset = !date1904 && days < 61 ? days + 1 : days;
  return utcDate(new Date(epoch + offset * 86_400_000));
};

/**
 * Dates as 'YYYY-MM-DD' from: real date cells; serials (1900 and 1904
 * systems); 20150312 (number or text); 2015年3月12日; 2015/3/12; 2015-03-12;
 * 2015.3.12; 12.03.2015 (dd.mm.yyyy). Anything else ('不详') is reported,
 * never guessed.
 */
export const cleanDate = (raw: RawValue, options: { date1904?: boolean } = {}): Cleaned<string> => {
  if (raw === null || raw === undefined || raw === '') return ok<never>(null);
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? issue('date_unparseable', 'error', raw) : ok(utcDate(raw));
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 18000101 && raw <= 22001231) {
      const v = validYmd(Math.floor(raw / 10000), Math.floor(raw / 100) % 100, raw % 100);
      return v ? ok(v) : issue('date_unparseable', 'error', raw);
    }
    const v = serialToDate(raw, options.date1904);
    return v ? ok(v) : issue('date_unparseable', 'error', raw);
  }
  const t = String(raw).normalize('NFKC').trim();
  if (t === '') return ok<never>(null);
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return wrap(validYmd(+m[1]!, +m[2]!, +m[3]!), raw);
  m = /^(\d{4})\s*[年/\-.]\s*(\d{1,2})\s*[月/\-.]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(t);
  if (m) return wrap(validYmd(+m[1]!, +m[2]!, +m[3]!), raw);
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (m) return wrap(validYmd(+m[3]!, +m[2]!, +m[1]!), raw);
  return issue('date_unparseable', 'error', raw);
};
const wrap = (v: string | null, raw: RawValue): Cleaned<string> => (v ? ok(v) : issue('date_unparseable', 'error', raw));

/**
 * Credit codes: validated (GB 32100-2015). One a spreadsheet turned into a
 * number lost its last digits for good: flagged as unrecoverable, not
 * "repaired".
 */
export const cleanCreditCode = (raw: RawValue): Cleaned<string> => {
  if (raw === null || raw === undefined || raw === '') return ok<never>(null);
  if ((typeof raw === 'number' || typeof raw === 'string') && looksLikeMangledNumber(raw)) {
    return issue('credit_code_mangled', 'error', raw);
  }
  const r = validateCreditCode(rawText(raw));
  if (r.ok) return ok(r.code);
  return issue('credit_code_invalid', 'error', raw);
};

/**
 * Phones: digits only; a cell with several numbers gives them all (the first
 * is the main one); a number cell loses no '.0'; a 10-digit number starting
 * 2–9 is flagged as a landline that probably lost its leading 0.
 */
export const cleanPhones = (raw: RawValue): Cleaned<string[]> => {
  if (raw === null || raw === undefined || raw === '') return ok<never>(null);
  const numbers = typeof raw === 'number' ? [rawText(raw)] : splitPhones(rawText(raw));
  const digits = numbers.map((n) => phoneDigits(n)).filter((d) => d.length > 0);
  if (digits.length === 0) return issue('phone_invalid', 'warning', raw);
  const issues: CleanIssue[] = [];
  for (const d of digits) {
    if (probablyLostLeadingZero(d)) issues.push({ code: 'phone_lost_zero', severity: 'warning', value: d });
    else if (d.length < 7 || d.length > 12) issues.push({ code: 'phone_invalid', severity: 'warning', value: d });
  }
  return { value: digits, issues };
};

const currencyOf = (t: string): string => {
  if (/美元|美金|usd|\$/i.test(t)) return 'USD';
  if (/欧元|eur|€/i.test(t)) return 'EUR';
  if (/港币|港元|hkd/i.test(t)) return 'HKD';
  if (/日元|jpy/i.test(t)) return 'JPY';
  return 'CNY';
};

/**
 * 注册资本: '500万元人民币' → 5,000,000 CNY; '10万美元' → 100,000 USD;
 * '5,000,000元' → 5,000,000 CNY. A bare number is in 万元 when the column
 * header says so (注册资本(万元)), else in yuan.
 */
export const cleanCapital = (raw: RawValue, options: { headerInWan?: boolean } = {}): Cleaned<{ amount: number; currency: string }> => {
  if (raw === null || raw === undefined || raw === '') return ok<never>(null);
  if (typeof raw === 'number') return ok({ amount: raw * (options.headerInWan ? 10_000 : 1), currency: 'CNY' });
  const t = String(raw).normalize('NFKC').replace(/[,\s]/g, '');
  const m = /^([0-9]+(?:\.[0-9]+)?)(亿|万)?/.exec(t);
  if (!m) return issue('capital_unparseable', 'warning', raw);
  const unit = m[2] === '亿' ? 1e8 : m[2] === '万' ? 1e4 : options.headerInWan && !/元/.test(t) ? 1e4 : 1;
  return ok({ amount: Math.round(Number(m[1]) * unit * 100) / 100, currency: currencyOf(t) });
};

export const cleanEmail = (raw: RawValue): Cleaned<string> => {
  const t = rawText(raw).normalize('NFKC').trim();
  if (!t) return ok<never>(null);
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t) ? ok(t.toLowerCase()) : issue('email_invalid', 'warning', raw);
};

/** Rows that are totals, not records: 合计 / 总计 / 小计 / total in the first non-empty cells. */
export const isTotalRow = (cells: RawValue[]): boolean =>
  cells
    .slice(0, 3)
    .some((c) => typeof c === 'string' && /^\s*(合\s*计|总\s*计|小\s*计|total|sum)\s*[:：]?\s*$/i.test(c));
