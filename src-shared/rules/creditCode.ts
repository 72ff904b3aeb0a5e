/**
 * 统一社会信用代码 (unified social credit code) per GB 32100-2015:
 *
 *   position 1      登记管理部门代码 (registration authority)
 *   position 2      机构类别代码 (organisation type, a digit)
 *   positions 3–8   登记管理机关行政区划码 (GB/T 2260 region code, digits)
 *   positions 9–17  主体标识码 (the old GB 11714 organisation code)
 *   position 18     校验码, ISO 7064 MOD 31-3 style over a 31-character alphabet
 */

/** The standard's alphabet: digits and capitals without I, O, Z, S, V (too easily misread). */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * Authorities listed by the standard and its amendment: 1 机构编制, 2 外交, 3 司法行政,
 * 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商 (market regulation), A 中央军委改革和编制办公室,
 * N 农业, Y 其他.
 */
const AUTHORITIES = '123456789ANY';

/*
 * Position 2 is only checked to be a digit 1–9. Each authority has its own list of
 * types (9 → 1 企业, 2 个体工商户, 3 农民专业合作社; 5 → 1, 2, 3, 9 …), but those lists
 * grow by amendment, and refusing a real customer's code is worse than letting an
 * odd type through: the checksum already catches typing mistakes.
 */
const SHAPE = new RegExp(`^[${AUTHORITIES}][1-9]\\d{6}[${CREDIT_CODE_ALPHABET}]{10}$`);

export type CreditCodeResult = { ok: true; code: string } | { ok: false; reason: 'length' | 'chars' | 'checksum' };

/**
 * What a user pastes: full-width characters from a Chinese IME, spaces from a
 * copied certificate, lower case, zero-width characters from web pages.
 */
export function normalizeCreditCode(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\u200B-\u200D\u2060\uFEFF]/g, '')
    .toUpperCase();
}

/** The check character for the first 17 characters, or undefined if one of them is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i));
    const weight = WEIGHTS[i];
    if (value < 0 || weight === undefined) return undefined;
    sum += value * weight;
  }
  return CREDIT_CODE_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Validates after normalising. 'chars' covers both a character outside the
 * alphabet and one not allowed at its position (authority, type, region digits).
 */
export function validateCreditCode(input: string): CreditCodeResult {
  const code = normalizeCreditCode(input);
  if (code.length !== 18) return { ok: false, reason: 'length' };
  if (!SHAPE.test(code)) return { ok: false, reason: 'chars' };
  if (creditCodeCheckChar(code.slice(0, 17)) !== code.charAt(17)) return { ok: false, reason: 'checksum' };
  return { ok: true, code };
}

export function isValidCreditCode(input: string): boolean {
  return validateCreditCode(input).ok;
}

/** Excel keeps 15 significant digits; an 18-digit code typed as a number loses the rest. */
const EXCEL_SIGNIFICANT_DIGITS = 15;

/**
 * True for a value a spreadsheet has turned into a number: scientific notation
 * ('9.13101155E+17'), a float, a JavaScript number too large to be exact, or an
 * 18-digit string whose digits after the 15th are all zero and whose checksum
 * fails. Such a value cannot be repaired; the importer should ask for the
 * column to be formatted as text and re-exported instead of reporting a bad
 * checksum.
 */
export function looksLikeMangledNumber(input: string | number): boolean {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return false;
    // A credit code has 18 characters, so anything that reached Number and is
    // beyond 2^53 (or not an integer at all) has already lost digits.
    return !Number.isSafeInteger(input);
  }
  const text = input.normalize('NFKC').replace(/\s/g, '');
  if (/^[+-]?\d+(\.\d+)?E[+-]?\d+$/i.test(text)) return true;
  if (/^\d+\.\d+$/.test(text) && text.replace('.', '').replace(/^0+/, '').length >= EXCEL_SIGNIFICANT_DIGITS) return true;
  if (/^\d{16,18}$/.test(text)) {
    const tail = text.slice(EXCEL_SIGNIFICANT_DIGITS);
    // An all-digit code may legitimately end in zeros, so a passing checksum wins.
    return /^0+$/.test(tail) && !isValidCreditCode(text);
  }
  return false;
}
