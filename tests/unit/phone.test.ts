import { describe, expect, it } from 'vitest';
import { formatPhone, isMobile, phoneDigits, probablyLostLeadingZero, splitPhones } from '../../src-shared/rules/phone';

describe('phoneDigits', () => {
  it('keeps only the digits of a grouped number', () => {
    expect(phoneDigits('138 0013 8000')).toBe('13800138000');
    expect(phoneDigits('138-0013-8000')).toBe('13800138000');
    expect(phoneDigits('(0571) 8888-1234')).toBe('057188881234');
  });

  it('folds full-width digits', () => {
    expect(phoneDigits('１３８００１３８０００')).toBe('13800138000');
  });

  it('drops a +86, 0086 or bare 86 country code before a mobile', () => {
    expect(phoneDigits('+86 138 0013 8000')).toBe('13800138000');
    expect(phoneDigits('+86-13800138000')).toBe('13800138000');
    expect(phoneDigits('0086 13800138000')).toBe('13800138000');
    expect(phoneDigits('8613800138000')).toBe('13800138000');
    expect(phoneDigits('(+86)13800138000')).toBe('13800138000');
    expect(phoneDigits('手机：+86 13800138000')).toBe('13800138000');
  });

  it('restores the trunk 0 of a landline written in international form', () => {
    expect(phoneDigits('+86 10 8888 1234')).toBe('01088881234');
    expect(phoneDigits('+86 571 8888 1234')).toBe('057188881234');
    expect(phoneDigits('+86 (0)571 8888 1234')).toBe('057188881234');
    expect(phoneDigits('0086 21 6666 8888')).toBe('02166668888');
  });

  it('leaves a number that merely starts with 86 alone', () => {
    expect(phoneDigits('86881234')).toBe('86881234');
  });

  it('drops an extension', () => {
    expect(phoneDigits('0571-88881234转801')).toBe('057188881234');
    expect(phoneDigits('0571-88881234 分机 801')).toBe('057188881234');
    expect(phoneDigits('0571-88881234 ext. 801')).toBe('057188881234');
    expect(phoneDigits('0571-88881234 x801')).toBe('057188881234');
    expect(phoneDigits('0571-88881234#801')).toBe('057188881234');
  });

  it('gives an empty string for text without digits', () => {
    expect(phoneDigits('无')).toBe('');
  });
});

describe('splitPhones', () => {
  it('splits numbers separated by slashes, commas, semicolons and 顿号 of both widths', () => {
    expect(splitPhones('13800138000/13900139000,0571-88881234，021-66668888;400-820-8820；010-88881234、13700137000')).toEqual([
      '13800138000',
      '13900139000',
      '057188881234',
      '02166668888',
      '4008208820',
      '01088881234',
      '13700137000',
    ]);
  });

  it('splits numbers on separate lines', () => {
    expect(splitPhones('13800138000\n0571-88881234\r\n13900139000')).toEqual(['13800138000', '057188881234', '13900139000']);
  });

  it('splits numbers separated only by spaces', () => {
    expect(splitPhones('13800138000 13900139000')).toEqual(['13800138000', '13900139000']);
    expect(splitPhones('0571-88881234  13800138000')).toEqual(['057188881234', '13800138000']);
  });

  it('keeps a number whose digits are grouped by spaces together', () => {
    expect(splitPhones('138 0013 8000')).toEqual(['13800138000']);
    expect(splitPhones('0571 8888 1234')).toEqual(['057188881234']);
    expect(splitPhones('010 8888 1234 138 0013 8000')).toEqual(['01088881234', '13800138000']);
    expect(splitPhones('400 820 8820')).toEqual(['4008208820']);
    expect(splitPhones('+86 138 0013 8000')).toEqual(['13800138000']);
  });

  it('keeps the main number of an extension', () => {
    expect(splitPhones('0571-88881234转801')).toEqual(['057188881234']);
    expect(splitPhones('0571-88881234 转 801 / 13800138000')).toEqual(['057188881234', '13800138000']);
  });

  it('ignores labels and drops repeated numbers', () => {
    expect(splitPhones('手机：13800138000 电话：0571-88881234 手机 138-0013-8000')).toEqual(['13800138000', '057188881234']);
  });

  it('keeps local numbers without an area code', () => {
    expect(splitPhones('8888 1234 / 87654321')).toEqual(['88881234', '87654321']);
  });

  it('gives nothing for an empty cell', () => {
    expect(splitPhones('')).toEqual([]);
    expect(splitPhones(' / ，')).toEqual([]);
  });
});

describe('formatPhone', () => {
  it('groups a mobile 3-4-4', () => {
    expect(formatPhone('13800138000')).toBe('138 0013 8000');
  });

  it('writes a landline with a 3-digit area code', () => {
    expect(formatPhone('01088881234')).toBe('010-8888 1234');
    expect(formatPhone('02166668888')).toBe('021-6666 8888');
  });

  it('writes a landline with a 4-digit area code and an 8- or 7-digit local number', () => {
    expect(formatPhone('057188881234')).toBe('0571-8888 1234');
    expect(formatPhone('07558881234')).toBe('0755-888 1234');
  });

  it('writes 400 and 800 numbers 3-3-4', () => {
    expect(formatPhone('4008208820')).toBe('400-820-8820');
    expect(formatPhone('8008208820')).toBe('800-820-8820');
  });

  it('leaves anything else unchanged', () => {
    expect(formatPhone('95588')).toBe('95588');
    expect(formatPhone('88881234')).toBe('88881234');
    expect(formatPhone('0108888123')).toBe('0108888123');
    expect(formatPhone('12345678901234')).toBe('12345678901234');
    expect(formatPhone('')).toBe('');
  });
});

describe('isMobile', () => {
  it('accepts 11 digits starting 13 to 19', () => {
    expect(isMobile('13800138000')).toBe(true);
    expect(isMobile('19912345678')).toBe(true);
  });

  it('rejects landlines, short numbers and 11 digits starting 10, 11 or 12', () => {
    expect(isMobile('01088881234')).toBe(false);
    expect(isMobile('1380013800')).toBe(false);
    expect(isMobile('12345678901')).toBe(false);
    expect(isMobile('138 0013 8000')).toBe(false);
  });
});

describe('probablyLostLeadingZero', () => {
  it('recognises a 4-digit-area landline that lost its 0', () => {
    expect(probablyLostLeadingZero('5718888123')).toBe(true);
    expect(probablyLostLeadingZero('57188881234')).toBe(true);
  });

  it('recognises a 3-digit-area landline that lost its 0, including Beijing', () => {
    expect(probablyLostLeadingZero('2166668888')).toBe(true);
    expect(probablyLostLeadingZero('1088881234')).toBe(true);
  });

  it('says no to valid mobiles', () => {
    expect(probablyLostLeadingZero('13800138000')).toBe(false);
    expect(probablyLostLeadingZero('19912345678')).toBe(false);
  });

  it('says no to 400 and 800 numbers', () => {
    expect(probablyLostLeadingZero('4008208820')).toBe(false);
    expect(probablyLostLeadingZero('8008208820')).toBe(false);
  });

  it('says no to numbers that already have their 0 or match no area code', () => {
    expect(probablyLostLeadingZero('057188881234')).toBe(false);
    expect(probablyLostLeadingZero('1188881234')).toBe(false);
    expect(probablyLostLeadingZero('21666688881')).toBe(false);
    expect(probablyLostLeadingZero('5710888123')).toBe(false);
    expect(probablyLostLeadingZero('88881234')).toBe(false);
  });
});
