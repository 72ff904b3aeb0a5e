import { describe, expect, it } from 'vitest';
import {
  creditCodeCheckChar,
  isValidCreditCode,
  looksLikeMangledNumber,
  normalizeCreditCode,
  validateCreditCode,
} from '../../src-shared/rules/creditCode';

/*
 * Published codes of real companies, so the checksum is tested against the
 * standard rather than against this implementation's own arithmetic.
 */
const REAL_CODES = [
  '914403001922038216', // 华为技术有限公司
  '91440300708461136T', // 深圳市腾讯计算机系统有限公司
  '91350100M000100Y43', // the example printed in GB 32100-2015 explanations
  '91230184MA1BUFLT44',
  '92371000MA3MXH0E3W', // 个体工商户 (type 2)
  '91350213678251743X',
];

describe('creditCodeCheckChar', () => {
  it('matches a check character worked out by hand', () => {
    // 91350100M000100Y4 weighted: 9·1 + 1·3 + 3·9 + 5·27 + 1·26 + M(21)·20 + 1·8 + Y(30)·30 + 4·28
    // = 1640; 1640 mod 31 = 28; 31 − 28 = 3.
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('gives 0 when the weighted sum is a multiple of 31', () => {
    expect(creditCodeCheckChar('91330106MA2100029')).toBe('0');
  });

  it('gives nothing for a prefix of the wrong length or with a forbidden letter', () => {
    expect(creditCodeCheckChar('9135010')).toBeUndefined();
    expect(creditCodeCheckChar('91350100I000100Y4')).toBeUndefined();
  });
});

describe('validateCreditCode', () => {
  it.each(REAL_CODES)('accepts the real code %s', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, code });
  });

  it('accepts codes of other authorities and a letter check character', () => {
    expect(validateCreditCode('52110000500000001B')).toEqual({ ok: true, code: '52110000500000001B' });
    expect(validateCreditCode('91330106MA21000290').ok).toBe(true);
  });

  it('rejects a code whose check digit is wrong', () => {
    expect(validateCreditCode('914403001922038217')).toEqual({ ok: false, reason: 'checksum' });
    expect(validateCreditCode('91350100M000100Y44')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('rejects a code with two characters swapped', () => {
    expect(validateCreditCode('914403001922038126')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('rejects a code of the wrong length', () => {
    expect(validateCreditCode('91440300192203821')).toEqual({ ok: false, reason: 'length' });
    expect(validateCreditCode('9144030019220382166')).toEqual({ ok: false, reason: 'length' });
    expect(validateCreditCode('')).toEqual({ ok: false, reason: 'length' });
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('rejects the forbidden letter %s', (letter) => {
    expect(validateCreditCode(`91350100M000100${letter}43`)).toEqual({ ok: false, reason: 'chars' });
  });

  it('rejects punctuation inside the code', () => {
    expect(validateCreditCode('91350100M000-00Y43')).toEqual({ ok: false, reason: 'chars' });
  });

  it('rejects a registration authority the standard does not list', () => {
    // B is in the alphabet but is not an authority; the check character is right for the rest.
    const first17 = 'B1350100M000100Y4';
    expect(validateCreditCode(`${first17}${creditCodeCheckChar(first17)}`)).toEqual({ ok: false, reason: 'chars' });
  });

  it('accepts every authority the standard lists', () => {
    for (const authority of '123456789ANY') {
      const first17 = `${authority}1110000MA0000001`;
      expect(validateCreditCode(`${first17}${creditCodeCheckChar(first17)}`).ok).toBe(true);
    }
  });

  it('rejects a letter in the region code or the organisation type', () => {
    const regionLetter = '9135A100M000100Y4';
    expect(validateCreditCode(`${regionLetter}${creditCodeCheckChar(regionLetter)}`)).toEqual({ ok: false, reason: 'chars' });
    const typeLetter = '9A350100M000100Y4';
    expect(validateCreditCode(`${typeLetter}${creditCodeCheckChar(typeLetter)}`)).toEqual({ ok: false, reason: 'chars' });
  });

  it('normalises lower-case input and returns the code in capitals', () => {
    expect(validateCreditCode('91440300708461136t')).toEqual({ ok: true, code: '91440300708461136T' });
  });

  it('normalises full-width input typed with a Chinese IME', () => {
    expect(validateCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toEqual({ ok: true, code: '91350100M000100Y43' });
  });

  it('ignores spaces a copied certificate puts inside the code', () => {
    expect(validateCreditCode(' 9135 0100 M000 100Y 43\u3000')).toEqual({ ok: true, code: '91350100M000100Y43' });
  });
});

describe('isValidCreditCode', () => {
  it('says yes to a valid code and no to a wrong one', () => {
    expect(isValidCreditCode('914403001922038216')).toBe(true);
    expect(isValidCreditCode('914403001922038210')).toBe(false);
  });
});

describe('normalizeCreditCode', () => {
  it('trims, removes spaces and zero-width characters, folds full width and upper-cases', () => {
    expect(normalizeCreditCode('\u200B ９１ 350100m000100y43 \n')).toBe('91350100M000100Y43');
  });
});

describe('looksLikeMangledNumber', () => {
  it('recognises scientific notation written by a spreadsheet', () => {
    expect(looksLikeMangledNumber('9.13E+17')).toBe(true);
    expect(looksLikeMangledNumber('9.13101155E+17')).toBe(true);
    expect(looksLikeMangledNumber('9.13101155e17')).toBe(true);
  });

  it('recognises a code read into a JavaScript number', () => {
    expect(looksLikeMangledNumber(9.13e17)).toBe(true);
    expect(looksLikeMangledNumber(913101150000000000)).toBe(true);
    // What a spreadsheet reader hands over for a numeric cell holding 914403001922038216.
    expect(looksLikeMangledNumber(Number('914403001922038216'))).toBe(true);
  });

  it('recognises 18 digits whose last three were zeroed by 15-digit precision', () => {
    expect(looksLikeMangledNumber('913101155000000000')).toBe(true);
    expect(looksLikeMangledNumber('913101155000000000.0')).toBe(true);
  });

  it('leaves valid codes alone, even an all-digit one', () => {
    for (const code of REAL_CODES) expect(looksLikeMangledNumber(code)).toBe(false);
  });

  it('leaves small numbers and ordinary text alone', () => {
    expect(looksLikeMangledNumber(123456)).toBe(false);
    expect(looksLikeMangledNumber('123456')).toBe(false);
    expect(looksLikeMangledNumber('星辰科技')).toBe(false);
    expect(looksLikeMangledNumber('')).toBe(false);
  });
});
