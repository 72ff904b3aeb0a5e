import { describe, expect, it } from 'vitest';
import { personPinyinKeys, pinyinKeys } from '../../src-main/db/pinyin';

describe('pinyinKeys', () => {
  it('gives the full pinyin and the initials of a company name', () => {
    expect(pinyinKeys('北京星辰科技')).toEqual({ full: 'beijingxingchenkeji', initials: 'bjxckj' });
  });

  it('gives the keys of a short name', () => {
    expect(pinyinKeys('张三')).toEqual({ full: 'zhangsan', initials: 'zs' });
  });

  it('reads polyphones in context', () => {
    expect(pinyinKeys('重庆')).toEqual({ full: 'chongqing', initials: 'cq' });
    expect(pinyinKeys('长沙银行')).toEqual({ full: 'changshayinhang', initials: 'csyh' });
    expect(pinyinKeys('中国银行')).toEqual({ full: 'zhongguoyinhang', initials: 'zgyh' });
  });

  it('passes Latin letters and digits through in lower case', () => {
    expect(pinyinKeys('ABC科技')).toEqual({ full: 'abckeji', initials: 'abckj' });
    expect(pinyinKeys('3M中国')).toEqual({ full: '3mzhongguo', initials: '3mzg' });
  });

  it('folds full-width letters and digits', () => {
    expect(pinyinKeys('ＡＢＣ科技１号')).toEqual({ full: 'abckeji1hao', initials: 'abckj1h' });
  });

  it('drops spaces and punctuation', () => {
    expect(pinyinKeys('星辰 科技（北京）')).toEqual({ full: 'xingchenkejibeijing', initials: 'xckjbj' });
  });

  it('writes ü as v', () => {
    expect(pinyinKeys('绿地')).toEqual({ full: 'lvdi', initials: 'ld' });
  });

  it('gives empty keys for empty text and for text without letters', () => {
    expect(pinyinKeys('')).toEqual({ full: '', initials: '' });
    expect(pinyinKeys(' ，。')).toEqual({ full: '', initials: '' });
  });
});

describe('personPinyinKeys', () => {
  it('reads a surname with its surname reading', () => {
    expect(personPinyinKeys('单田芳')).toEqual({ full: 'shantianfang', initials: 'stf' });
    expect(personPinyinKeys('曾小贤')).toEqual({ full: 'zengxiaoxian', initials: 'zxx' });
    expect(personPinyinKeys('解小东')).toEqual({ full: 'xiexiaodong', initials: 'xxd' });
  });

  it('reads an ordinary name as pinyinKeys does', () => {
    expect(personPinyinKeys('张三')).toEqual(pinyinKeys('张三'));
  });

  it('keeps the surname reading to the start of the name', () => {
    // 单 is the given name here: dan, not the surname reading shan.
    expect(personPinyinKeys('王单')).toEqual({ full: 'wangdan', initials: 'wd' });
  });

  it('differs from pinyinKeys, which keeps ordinary readings for companies', () => {
    expect(pinyinKeys('单田芳').full).toBe('dantianfang');
  });
});
