/** One spreadsheet row → the record an import saves: names, region columns with the address, directory headers. */
import { describe, expect, it } from 'vitest';
import { buildRecord, cleanCompanyName, type ImportMapping } from '../../src-shared/import/record';
import { autoMap } from '../../src-shared/import/targets';
import { normalizeCompanyName } from '../../src-shared/rules/companyName';

const record = (headers: string[], values: string[]) => {
  const mapping: ImportMapping = { headers, targets: autoMap(headers), unmappedToNotes: true };
  return buildRecord({ rowNumber: 2, hidden: false, values }, mapping);
};

describe('company names', () => {
  it('drop the spaces a directory puts between Chinese words, and keep Latin words apart', () => {
    expect(cleanCompanyName('上海 锦程华信 物流有限公司')).toBe('上海锦程华信物流有限公司');
    expect(cleanCompanyName('  杭州\u3000明远 （滨江） 机械有限公司 ')).toBe('杭州明远（滨江）机械有限公司');
    expect(cleanCompanyName('ABB  (中国) 有限公司')).toBe('ABB (中国) 有限公司');
    expect(cleanCompanyName('Acme Trading Co., Ltd.')).toBe('Acme Trading Co., Ltd.');
  });

  it('keep full-width brackets as written; only the duplicate key folds widths', () => {
    const r = record(['企业名称'], ['星辰东方贸易（杭州）有限公司']);
    expect(r.fields.name).toBe('星辰东方贸易（杭州）有限公司');
    expect(normalizeCompanyName('星辰东方贸易（杭州）有限公司')).toBe(normalizeCompanyName('星辰东方贸易(杭州)有限公司'));
  });
});

describe('the region', () => {
  it('is completed from the address when only a 省份 column is given', () => {
    const r = record(['企业名称', '省份', '地址'], ['杭州明远机械有限公司', '浙江省', '杭州市西湖区文三路 90 号']);
    expect(r.fields).toMatchObject({ provinceCode: '33', cityCode: '3301', districtCode: '330106' });
  });

  it('follows the columns when the address disagrees with them', () => {
    const r = record(['企业名称', '省份', '城市', '地址'], ['宁波海纳电子有限公司', '浙江省', '宁波市', '杭州市西湖区文三路 90 号']);
    expect(r.fields).toMatchObject({ provinceCode: '33', cityCode: '3302', districtCode: null });
  });

  it('comes from the address alone without region columns, as before', () => {
    const r = record(['企业名称', '地址'], ['杭州明远机械有限公司', '浙江省杭州市滨江区江南大道 1 号']);
    expect(r.fields).toMatchObject({ provinceCode: '33', cityCode: '3301', districtCode: '330108' });
  });
});

describe('trade-directory headers (企查查, 天眼查, 启信宝, 爱企查 exports)', () => {
  it('map to their fields', () => {
    const headers = ['企业名称', '登记状态', '法定代表人', '注册资本', '注册时间', '统一社会信用代码', '所属省份', '所属城市', '所属区县', '电话', '更多电话', '邮箱', '企业地址', '所属行业', '参保人数', '经营范围'];
    expect(autoMap(headers)).toEqual(['name', null, 'legalRep', 'registeredCapital', 'foundedOn', 'creditCode', 'province', 'city', 'district', 'phone', 'phone', 'email', 'address', 'industry', 'staffSize', 'description']);
    expect(autoMap(['公司名称', '成立日期', '最新年报地址', '企业联系电话'])).toEqual(['name', 'foundedOn', 'address', 'phone']);
  });
});

describe('every phone of a row stays findable', () => {
  it('a mobile after the switchboard in one cell becomes the legal representative’s, as a contact', () => {
    const r = record(['企业名称', '法定代表人', '联系方式'], ['杭州明远机械有限公司', '王建国', '0571-33479888 / 19852339240']);
    expect(r.fields.phone).toBe('057133479888');
    expect(r.contact).toEqual({ name: '王建国', title: '法定代表人', mobile: '19852339240', email: null, wechat: null });
    expect(r.fields.notes ?? '').not.toContain('19852339240');
  });

  it('a second phone column (更多电话) goes to the file’s contact when it has no mobile; landlines left over go to the notes', () => {
    const r = record(['企业名称', '联系人', '电话', '更多电话'], ['宁波海纳电子有限公司', '李海', '0574-87654321', '0574-87654322；13905740000']);
    expect(r.fields.phone).toBe('057487654321');
    expect(r.contact).toMatchObject({ name: '李海', mobile: '13905740000' });
    expect(r.fields.notes).toBe('057487654322');
  });

  it('without a person to give it to, a second number stays in the notes', () => {
    const r = record(['企业名称', '联系方式'], ['杭州明远机械有限公司', '0571-33479888 / 19852339240']);
    expect(r.contact).toBeNull();
    expect(r.fields.notes).toBe('19852339240');
  });
});
