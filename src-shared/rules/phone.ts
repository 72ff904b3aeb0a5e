/**
 * Mainland China phone numbers. They are stored as digits only, in national
 * form (a landline keeps its leading 0, no country code), and grouped only for
 * display (STYLE.md: 138 0013 8000, 0571-8888 1234).
 *
 * Number plan facts this relies on:
 * - mobiles have 11 digits and start 13–19;
 * - area codes are 010 and 020–029 (3 digits, 8-digit local numbers) or
 *   0xxx for everything else (4 digits, 7- or 8-digit local numbers);
 * - local numbers start 2–9;
 * - 400 and 800 service numbers have 10 digits.
 */

/** 转801, 分机 801, ext. 801, x801, #801 after a number: the extension is not part of the number. */
const EXTENSION = /(?<=\d)[\s\-)]*(?:转|分机|ext\.?|x|#)\s*\d{1,6}/giu;

/** Separators between numbers in one spreadsheet cell. Whitespace is handled apart: it also groups digits inside one number. */
const SEPARATORS = /[/,，;；、|\n\r]+/u;

const MOBILE = /^1[3-9]\d{9}$/;
const SERVICE = /^[48]00\d{7}$/;

/**
 * Digits of one number: drops spaces, dashes, brackets, labels, an extension,
 * and a leading +86 / 0086 / 86 country code (restoring the trunk 0 that the
 * international form leaves out of a landline).
 */
export function phoneDigits(s: string): string {
  const text = s.normalize('NFKC').replace(EXTENSION, '');
  let digits = text.replace(/\D/g, '');
  let international = false;
  // Labels and brackets before the number ("手机：", "(") do not hide a +86.
  if (/^\+\s*86/.test(text.replace(/^[^\d+]*/u, ''))) {
    digits = digits.slice(2);
    international = true;
  } else if (digits.startsWith('0086')) {
    digits = digits.slice(4);
    international = true;
  } else if (/^861[3-9]\d{9}$/.test(digits)) {
    // 86 without + or 00 before a mobile: only safe to read as a country code when what remains is a mobile.
    digits = digits.slice(2);
  }
  const missingTrunkZero = !digits.startsWith('0') && !MOBILE.test(digits) && !SERVICE.test(digits);
  if (international && missingTrunkZero && digits.length >= 9 && digits.length <= 11) {
    digits = '0' + digits;
  }
  return digits;
}

export function isMobile(digits: string): boolean {
  return MOBILE.test(digits);
}

/**
 * Numbers in one cell: "13800138000 / 0571-88881234转801；400 820 8820".
 * Whitespace separates numbers only where the digits before it already make a
 * whole number, so "138 0013 8000" stays one mobile. Duplicates are dropped,
 * order is kept.
 */
export function splitPhones(cell: string): string[] {
  const text = cell.normalize('NFKC').replace(EXTENSION, '');
  const found: string[] = [];
  for (const part of text.split(SEPARATORS)) {
    let pending = '';
    for (const word of part.split(/\s+/u)) {
      if (!/\d/.test(word)) continue;
      const joined = pending === '' ? word : `${pending} ${word}`;
      if (pending !== '' && phoneDigits(joined).length > 12) {
        found.push(phoneDigits(pending));
        pending = word;
      } else {
        pending = joined;
      }
      if (isCompleteNumber(phoneDigits(pending))) {
        found.push(phoneDigits(pending));
        pending = '';
      }
    }
    if (pending !== '') found.push(phoneDigits(pending));
  }
  return [...new Set(found.filter((d) => d !== ''))];
}

function isCompleteNumber(digits: string): boolean {
  if (MOBILE.test(digits) || SERVICE.test(digits)) return true;
  if (/^[48]00/.test(digits)) return false;
  if (digits.startsWith('0')) return digits.length >= 11;
  // A local number without area code.
  return /^[2-9]\d{6,7}$/.test(digits);
}

/** The length of the area code of a national landline number, including its 0. */
function areaCodeLength(digits: string): 3 | 4 {
  return /^0(?:10|2\d)/.test(digits) ? 3 : 4;
}

/**
 * Display form. Anything not recognised comes back unchanged, so a foreign or
 * short number is still shown as typed.
 */
export function formatPhone(digits: string): string {
  if (MOBILE.test(digits)) return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  if (SERVICE.test(digits)) return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
  if (/^0[1-9]\d+$/.test(digits)) {
    const areaLength = areaCodeLength(digits);
    const area = digits.slice(0, areaLength);
    const local = digits.slice(areaLength);
    // 3-digit area codes only have 8-digit local numbers.
    if (local.length === 8) return `${area}-${local.slice(0, 4)} ${local.slice(4)}`;
    if (local.length === 7 && areaLength === 4) return `${area}-${local.slice(0, 3)} ${local.slice(3)}`;
  }
  return digits;
}

/**
 * A landline whose leading 0 a spreadsheet dropped by reading it as a number:
 * - 10 digits: 10 + 8 (Beijing 010), 2x + 8 (020–029), or 3 area digits + 7;
 * - 11 digits: 3 area digits + 8, area code starting 3–9.
 * The local part must start 2–9. 400/800 numbers (also 10 digits) and mobiles
 * (11 digits starting 1) are not. A 10-digit number starting 1 other than 10,
 * and an 11-digit one starting 1 or 2, match no area code and give false.
 */
export function probablyLostLeadingZero(digits: string): boolean {
  if (SERVICE.test(digits)) return false;
  if (/^(?:10|2\d)[2-9]\d{7}$/.test(digits)) return true;
  if (/^[3-9]\d{2}[2-9]\d{6}$/.test(digits)) return true;
  return /^[3-9]\d{2}[2-9]\d{7}$/.test(digits);
}
