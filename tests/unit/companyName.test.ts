import { describe, expect, it } from 'vitest';
import { companyNameKey, normalizeCompanyName } from '../../src-shared/rules/companyName';

describe('normalizeCompanyName', () => {
  it.each([
    '北京星辰科技有限公司',
    '北京星辰科技有限责任公司',
    '北京星辰科技股份有限公司',
    '北京星辰科技股份公司',
    '北京星辰科技（集团）有限公司',
    '北京星辰科技(集团)股份有限公司',
    '北京星辰科技集团有限公司',
    '北京星辰科技集团',
    '北京星辰科技公司',
    '北京 星辰科技 有限公司',
    '北京星辰科技\u3000有限公司',
    '北京星辰科技',
  ])('gives %s the key of 北京星辰科技', (name) => {
    expect(normalizeCompanyName(name)).toBe('北京星辰科技');
  });

  it('gives a branch the key of its company', () => {
    expect(normalizeCompanyName('北京星辰科技有限公司（杭州分公司）')).toBe('北京星辰科技');
    expect(normalizeCompanyName('北京星辰科技有限公司杭州分公司')).toBe('北京星辰科技');
    expect(normalizeCompanyName('北京星辰科技股份有限公司上海浦东分公司')).toBe('北京星辰科技');
    expect(normalizeCompanyName('北京星辰科技集团杭州分公司')).toBe('北京星辰科技');
  });

  it('removes only 分公司 from a branch name without a legal form before the place', () => {
    // The place cannot be told from the stem, so this stays apart from 北京星辰科技.
    expect(normalizeCompanyName('北京星辰科技杭州分公司')).toBe('北京星辰科技杭州');
  });

  it('keeps names with different stems apart', () => {
    expect(normalizeCompanyName('北京星辰科技有限公司')).not.toBe(normalizeCompanyName('北京星辰网络有限公司'));
    expect(normalizeCompanyName('北京星辰科技')).not.toBe(normalizeCompanyName('北京星辰网络'));
    expect(normalizeCompanyName('北京星辰科技有限公司')).not.toBe(normalizeCompanyName('上海星辰科技有限公司'));
  });

  it('keeps the content of brackets that are not a legal form', () => {
    expect(normalizeCompanyName('腾讯科技（深圳）有限公司')).toBe('腾讯科技深圳');
    expect(normalizeCompanyName('腾讯科技(深圳)有限公司')).toBe('腾讯科技深圳');
    expect(normalizeCompanyName('星辰【中国】投资有限公司')).toBe('星辰中国投资');
  });

  it('folds full-width letters and digits and lower-cases Latin', () => {
    expect(normalizeCompanyName('ＡＢＣ科技有限公司')).toBe('abc科技');
    expect(normalizeCompanyName('abc科技有限公司')).toBe('abc科技');
    expect(normalizeCompanyName('３６０安全科技股份有限公司')).toBe('360安全科技');
  });

  it('drops punctuation inside a name', () => {
    expect(normalizeCompanyName('星辰·科技有限公司')).toBe('星辰科技');
  });

  it.each(['Acme Co., Ltd.', 'ACME CO.,LTD', 'Acme Co Ltd', 'Acme Limited', 'Acme Company Limited', 'Acme Inc.', 'Acme, Inc', 'acme corp.', 'ACME'])(
    'strips the Latin legal form of %s',
    (name) => {
      expect(normalizeCompanyName(name)).toBe('acme');
    },
  );

  it('keeps Latin letters that only look like a legal form inside a word', () => {
    expect(normalizeCompanyName('Zinc')).toBe('zinc');
    expect(normalizeCompanyName('Tesco')).toBe('tesco');
    expect(normalizeCompanyName('Zinc Inc.')).toBe('zinc');
  });

  it('strips a Latin legal form after a Chinese name', () => {
    expect(normalizeCompanyName('星辰科技 Co., Ltd.')).toBe('星辰科技');
  });

  it('never returns an empty key for a name made only of legal forms', () => {
    expect(normalizeCompanyName('集团公司')).toBe('集团公司');
    expect(normalizeCompanyName('有限公司')).toBe('有限公司');
    expect(normalizeCompanyName('（集团）')).toBe('(集团)');
    expect(normalizeCompanyName('Co., Ltd.')).not.toBe('');
  });

  it('returns an empty key for an empty or blank name', () => {
    expect(normalizeCompanyName('')).toBe('');
    expect(normalizeCompanyName(' \u3000 ')).toBe('');
  });
});

describe('companyNameKey', () => {
  it('is the same function as normalizeCompanyName', () => {
    expect(companyNameKey('北京星辰科技（集团）有限公司')).toBe(normalizeCompanyName('北京星辰科技有限公司'));
  });
});
