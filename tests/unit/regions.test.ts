import { describe, expect, it } from 'vitest';
import {
  citiesOf,
  districtsOf,
  isMunicipality,
  matchRegion,
  provinces,
  regionName,
  regionPathLabel,
  validRegionPath,
} from '../../src-shared/regions';

const ZHEJIANG = { code: '33', name: '浙江省' };
const HANGZHOU = { code: '3301', name: '杭州市' };
const XIHU = { code: '330106', name: '西湖区' };
const BEIJING = { code: '11', name: '北京市' };
const BEIJING_CITY = { code: '1101', name: '北京市' };
const CHAOYANG_BJ = { code: '110105', name: '朝阳区' };

describe('provinces', () => {
  it('lists the 31 mainland provincial divisions by code', () => {
    const list = provinces();
    expect(list).toHaveLength(31);
    expect(list[0]).toEqual(BEIJING);
    expect(list).toContainEqual(ZHEJIANG);
    expect(list).toContainEqual({ code: '45', name: '广西壮族自治区' });
  });

  it('hands out copies that callers cannot use to change the data', () => {
    const first = provinces()[0];
    if (first) first.name = 'changed';
    expect(regionName('11')).toBe('北京市');
  });
});

describe('citiesOf', () => {
  it('lists the cities of a province', () => {
    const cities = citiesOf('33');
    expect(cities).toHaveLength(11);
    expect(cities[0]).toEqual(HANGZHOU);
  });

  it("names a municipality's city level after the municipality instead of 市辖区", () => {
    expect(citiesOf('11')).toEqual([BEIJING_CITY]);
    expect(citiesOf('31')).toEqual([{ code: '3101', name: '上海市' }]);
    expect(citiesOf('50')).toEqual([
      { code: '5001', name: '重庆市' },
      { code: '5002', name: '重庆市（县）' },
    ]);
  });

  it('keeps the official name of the 省直辖 county-level group', () => {
    expect(citiesOf('42')).toContainEqual({ code: '4290', name: '省直辖县级行政区划' });
  });

  it('gives nothing for an unknown code or a code of another level', () => {
    expect(citiesOf('99')).toEqual([]);
    expect(citiesOf('3301')).toEqual([]);
  });
});

describe('districtsOf', () => {
  it('lists the districts of a city', () => {
    expect(districtsOf('3301')).toContainEqual(XIHU);
  });

  it("lists a municipality's districts under its city code", () => {
    expect(districtsOf('1101')).toContainEqual(CHAOYANG_BJ);
    expect(districtsOf('1101')).toHaveLength(16);
  });

  it('gives nothing for an unknown code', () => {
    expect(districtsOf('9999')).toEqual([]);
  });
});

describe('regionName', () => {
  it('names a province, a city and a district', () => {
    expect(regionName('33')).toBe('浙江省');
    expect(regionName('3301')).toBe('杭州市');
    expect(regionName('330106')).toBe('西湖区');
  });

  it('reads the 6-digit GB/T 2260 form of provinces and cities, as in a credit code', () => {
    expect(regionName('330000')).toBe('浙江省');
    expect(regionName('330100')).toBe('杭州市');
    expect(regionName('110100')).toBe('北京市');
  });

  it('gives undefined for an unknown code', () => {
    expect(regionName('999999')).toBeUndefined();
    expect(regionName('')).toBeUndefined();
  });
});

describe('isMunicipality', () => {
  it('knows the four municipalities', () => {
    expect(['11', '12', '31', '50'].every(isMunicipality)).toBe(true);
    expect(isMunicipality('33')).toBe(false);
  });
});

describe('validRegionPath', () => {
  it('accepts a path whose levels belong to each other', () => {
    expect(validRegionPath('33', '3301', '330106')).toBe(true);
    expect(validRegionPath('11', '1101', '110105')).toBe(true);
  });

  it('accepts a path that stops early, and an empty one', () => {
    expect(validRegionPath('33', '3301')).toBe(true);
    expect(validRegionPath('33')).toBe(true);
    expect(validRegionPath('33', '', '')).toBe(true);
    expect(validRegionPath()).toBe(true);
  });

  it('rejects a city of another province and a district of another city', () => {
    expect(validRegionPath('32', '3301')).toBe(false);
    expect(validRegionPath('33', '3302', '330106')).toBe(false);
    expect(validRegionPath('22', '2201', '110105')).toBe(false);
  });

  it('rejects a level below a missing one', () => {
    expect(validRegionPath(undefined, '3301')).toBe(false);
    expect(validRegionPath('33', undefined, '330106')).toBe(false);
  });

  it('rejects unknown codes and codes at the wrong level', () => {
    expect(validRegionPath('99')).toBe(false);
    expect(validRegionPath('3301')).toBe(false);
    expect(validRegionPath('33', '330106')).toBe(false);
  });
});

describe('regionPathLabel', () => {
  it('writes a path as on an address', () => {
    expect(regionPathLabel('33', '3301', '330106')).toBe('浙江省杭州市西湖区');
    expect(regionPathLabel('33', '3301', '330106', ' / ')).toBe('浙江省 / 杭州市 / 西湖区');
  });

  it('does not repeat a municipality or name the 省直辖 group', () => {
    expect(regionPathLabel('11', '1101', '110105')).toBe('北京市朝阳区');
    expect(regionPathLabel('50', '5002', '500229')).toBe('重庆市城口县');
    expect(regionPathLabel('42', '4290', '429004')).toBe('湖北省仙桃市');
  });

  it('writes a partial path', () => {
    expect(regionPathLabel('33')).toBe('浙江省');
    expect(regionPathLabel()).toBe('');
  });
});

describe('matchRegion', () => {
  it.each(['浙江', '浙江省'])('recognises the province %s', (text) => {
    expect(matchRegion(text)).toEqual({ province: ZHEJIANG });
  });

  it.each(['杭州', '杭州市'])('recognises the city %s with its province', (text) => {
    expect(matchRegion(text)).toEqual({ province: ZHEJIANG, city: HANGZHOU });
  });

  it('recognises an autonomous region by its short name', () => {
    expect(matchRegion('广西')).toEqual({ province: { code: '45', name: '广西壮族自治区' } });
    expect(matchRegion('内蒙古')).toEqual({ province: { code: '15', name: '内蒙古自治区' } });
    expect(matchRegion('新疆').province?.code).toBe('65');
    expect(matchRegion('宁夏').province?.code).toBe('64');
  });

  it('recognises an autonomous prefecture by its short name', () => {
    expect(matchRegion('延边')).toEqual({ province: { code: '22', name: '吉林省' }, city: { code: '2224', name: '延边朝鲜族自治州' } });
  });

  it('parses the start of an address', () => {
    expect(matchRegion('浙江省杭州市西湖区文三路90号')).toEqual({ province: ZHEJIANG, city: HANGZHOU, district: XIHU });
    expect(matchRegion('中国浙江省杭州市西湖区文三路90号')).toEqual({ province: ZHEJIANG, city: HANGZHOU, district: XIHU });
  });

  it('parses short names and separators between levels', () => {
    expect(matchRegion('浙江杭州西湖区')).toEqual({ province: ZHEJIANG, city: HANGZHOU, district: XIHU });
    expect(matchRegion('浙江 杭州 西湖')).toEqual({ province: ZHEJIANG, city: HANGZHOU, district: XIHU });
    expect(matchRegion('浙江省/杭州市/西湖区')).toEqual({ province: ZHEJIANG, city: HANGZHOU, district: XIHU });
  });

  it('recognises a district whose name is unique without its city', () => {
    expect(matchRegion('余杭区')).toEqual({ province: ZHEJIANG, city: HANGZHOU, district: { code: '330110', name: '余杭区' } });
  });

  it('recognises a district shared by several cities only under its city or province', () => {
    // 西湖区 is in 杭州 and in 南昌; 朝阳区 in 北京 and in 长春.
    expect(matchRegion('西湖区')).toEqual({});
    expect(matchRegion('朝阳区')).toEqual({});
    expect(matchRegion('杭州西湖区')).toEqual({ province: ZHEJIANG, city: HANGZHOU, district: XIHU });
    expect(matchRegion('江西省南昌市西湖区').district).toEqual({ code: '360103', name: '西湖区' });
  });

  it('fills in the city level of a municipality', () => {
    expect(matchRegion('北京')).toEqual({ province: BEIJING, city: BEIJING_CITY });
    expect(matchRegion('北京市')).toEqual({ province: BEIJING, city: BEIJING_CITY });
    expect(matchRegion('北京市朝阳区')).toEqual({ province: BEIJING, city: BEIJING_CITY, district: CHAOYANG_BJ });
    expect(matchRegion('北京朝阳区建国路88号')).toEqual({ province: BEIJING, city: BEIJING_CITY, district: CHAOYANG_BJ });
  });

  it('reads a municipality written twice, as exports that join the levels write it', () => {
    expect(matchRegion('北京市北京市朝阳区')).toEqual({ province: BEIJING, city: BEIJING_CITY, district: CHAOYANG_BJ });
    expect(matchRegion('上海市市辖区浦东新区').district).toEqual({ code: '310115', name: '浦东新区' });
  });

  it("finds 重庆's county-level city from the district", () => {
    expect(matchRegion('重庆')).toEqual({ province: { code: '50', name: '重庆市' } });
    expect(matchRegion('重庆市城口县')).toEqual({
      province: { code: '50', name: '重庆市' },
      city: { code: '5002', name: '重庆市（县）' },
      district: { code: '500229', name: '城口县' },
    });
    expect(matchRegion('重庆市渝中区解放碑').city).toEqual({ code: '5001', name: '重庆市' });
  });

  it('finds a county-level city governed directly by its province', () => {
    expect(matchRegion('湖北省仙桃市')).toEqual({
      province: { code: '42', name: '湖北省' },
      city: { code: '4290', name: '省直辖县级行政区划' },
      district: { code: '429004', name: '仙桃市' },
    });
  });

  it('tells 吉林市 from 吉林省', () => {
    expect(matchRegion('吉林')).toEqual({ province: { code: '22', name: '吉林省' } });
    expect(matchRegion('吉林市').city).toEqual({ code: '2202', name: '吉林市' });
    expect(matchRegion('吉林省吉林市').city).toEqual({ code: '2202', name: '吉林市' });
  });

  it('does not read a street named after a city as that city', () => {
    expect(matchRegion('中山路88号')).toEqual({});
    expect(matchRegion('广州市中山路88号')).toEqual({ province: { code: '44', name: '广东省' }, city: { code: '4401', name: '广州市' } });
  });

  it('reads full-width and spaced input', () => {
    expect(matchRegion('  浙江省　杭州市')).toEqual({ province: ZHEJIANG, city: HANGZHOU });
  });

  it('gives nothing for text that names no region', () => {
    expect(matchRegion('')).toEqual({});
    expect(matchRegion('文三路90号')).toEqual({});
    expect(matchRegion('abc')).toEqual({});
  });
});
