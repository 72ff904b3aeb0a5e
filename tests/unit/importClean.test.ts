import { describe, expect, it } from 'vitest';
import { cleanCapital, cleanCreditCode, cleanDate, cleanPhones, isTotalRow, rawText } from '../../src-shared/import/clean';
import { autoMap, headerKey } from '../../src-shared/import/targets';
import { creditCodeCheckChar } from '../../src-shared/rules/creditCode';

describe('autoMap', () => {
  it('maps the trade-directory headers of the LibreOffice company list', () => {
    expect(autoMap(['企业名称', '统一社会信用代码', '法定代表人', '联系电话', '地址', '所属行业', '成立日期', '注册资本', '经营范围'])).toEqual([
      'name',
      'creditCode',
      'legalRep',
      'phone',
      'address',
      'industry',
      'foundedOn',
      'registeredCapital',
      'description',
    ]);
  });

  it('maps English headers, trailing units, spaces and combined two-row headers', () => {
    expect(autoMap(['Company Name', 'Contact Number', 'City ', 'Address', 'Email'])).toEqual(['name', 'phone', 'city', 'address', 'email']);
    expect(autoMap(['注册资本（万元）', ' 公司 名称 ', '企业基本信息/统一社会信用代码', '工商登记信息/成立日期'])).toEqual([
      'registeredCapital',
      'name',
      'creditCode',
      'foundedOn',
    ]);
  });

  it('uses each target once, leaving later duplicates unmapped, except phones and notes (every phone column is kept)', () => {
    expect(autoMap(['企业名称', '公司名称', '电话', '手机', '备注'])).toEqual(['name', null, 'phone', 'phone', 'notes']);
  });

  it('normalises full-width characters in headers', () => {
    expect(headerKey('ＥＭＡＩＬ')).toBe(headerKey('email'));
  });
});

describe('cleanDate', () => {
  it.each([
    ['2015-03-12', '2015-03-12'],
    ['2015/3/12', '2015-03-12'],
    ['2015年3月12日', '2015-03-12'],
    ['20150312', '2015-03-12'],
    [20150312, '2015-03-12'],
    ['27.05.2004', '2004-05-27'],
    [42078, '2015-03-15'],
  ] as const)('reads %s as %s', (raw, want) => {
    expect(cleanDate(raw).value).toBe(want);
  });

  it('honours the 1904 date system', () => {
    expect(cleanDate(42735, { date1904: true }).value).toBe('2021-01-01');
    expect(cleanDate(42735).value).toBe('2016-12-31');
  });

  it('reports text that is not a date instead of guessing', () => {
    const r = cleanDate('不详');
    expect(r.value).toBeNull();
    expect(r.issues).toEqual([{ code: 'date_unparseable', severity: 'error', value: '不详' }]);
    expect(cleanDate('2015-02-30').issues[0]?.code).toBe('date_unparseable');
  });
});

describe('cleanCreditCode', () => {
  const valid = `91330106MA27Y8K3X${creditCodeCheckChar('91330106MA27Y8K3X')!}`;
  it('accepts a valid code in any case and width', () => {
    expect(cleanCreditCode(valid.toLowerCase()).value).toBe(valid);
  });
  it('flags a code a spreadsheet turned into a float as unrecoverable', () => {
    expect(cleanCreditCode(9.1310115897362e17).issues[0]?.code).toBe('credit_code_mangled');
    expect(cleanCreditCode('9.1310115897362E+17').issues[0]?.code).toBe('credit_code_mangled');
  });
  it('rejects a wrong check digit', () => {
    expect(cleanCreditCode(`${valid.slice(0, 17)}${valid[17] === '1' ? '2' : '1'}`).issues[0]?.code).toBe('credit_code_invalid');
  });
});

describe('cleanPhones', () => {
  it('keeps numeric phones whole and flags a lost leading zero', () => {
    expect(cleanPhones(13800138000).value).toEqual(['13800138000']);
    const lost = cleanPhones(2758608214);
    expect(lost.value).toEqual(['2758608214']);
    expect(lost.issues[0]?.code).toBe('phone_lost_zero');
    expect(rawText(13800138000)).toBe('13800138000');
  });
  it('splits several numbers in one cell', () => {
    expect(cleanPhones('0755-86001234 / 13912345678').value).toEqual(['075586001234', '13912345678']);
    expect(cleanPhones('+86 138 0013 8000（微信同号）').value).toEqual(['13800138000']);
  });
});

describe('cleanCapital', () => {
  it.each([
    ['500万元人民币', 5_000_000, 'CNY'],
    ['500万元', 5_000_000, 'CNY'],
    ['10万美元', 100_000, 'USD'],
    ['5,000,000元', 5_000_000, 'CNY'],
    ['1.5亿', 150_000_000, 'CNY'],
  ] as const)('reads %s', (raw, amount, currency) => {
    expect(cleanCapital(raw).value).toEqual({ amount, currency });
  });
  it('reads a bare number in 万元 only when the header says so', () => {
    expect(cleanCapital(500, { headerInWan: true }).value?.amount).toBe(5_000_000);
    expect(cleanCapital('500').value?.amount).toBe(500);
  });
});

describe('isTotalRow', () => {
  it('recognises 合计 rows', () => {
    expect(isTotalRow(['合计', 40, null])).toBe(true);
    expect(isTotalRow([null, '合 计：'])).toBe(true);
    expect(isTotalRow(['合肥科技有限公司'])).toBe(false);
  });
});
