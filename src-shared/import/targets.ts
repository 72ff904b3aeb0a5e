/**
 * Where an imported column can go: customer fields, the first contact's
 * fields, notes, or nowhere. The synonyms are the headers trade-directory
 * exports (工商名录), CRM exports and hand-made lists actually use, in Chinese
 * and English; matching ignores case, width, spaces, punctuation and a
 * trailing unit such as （万元）.
 */
export const importTargets = [
  'name',
  'shortName',
  'creditCode',
  'legalRep',
  'industry',
  'staffSize',
  'registeredCapital',
  'foundedOn',
  'description',
  'province',
  'city',
  'district',
  'address',
  'website',
  'phone',
  'email',
  'contactName',
  'contactTitle',
  'contactMobile',
  'contactEmail',
  'contactWechat',
  'notes',
] as const;
export type ImportTarget = (typeof importTargets)[number];

export const targetSynonyms: Record<ImportTarget, string[]> = {
  name: ['企业名称', '公司名称', '单位名称', '客户名称', '企业全称', '公司全称', '企业名', '公司名', '名称', '客户', 'company', 'company name', 'companyname', 'name', 'organization', 'enterprise name', 'customer', 'customer name', 'account name'],
  shortName: ['简称', '企业简称', '公司简称', 'short name', 'abbreviation'],
  creditCode: ['统一社会信用代码', '信用代码', '社会信用代码', '统一信用代码', '统一代码', '税号/信用代码', 'credit code', 'unified social credit code', 'uscc'],
  legalRep: ['法定代表人', '法人', '法人代表', '负责人', '法定代表人/负责人', '经营者', 'legal representative', 'legal rep', 'representative'],
  industry: ['所属行业', '行业', '行业类别', '国标行业', 'industry', 'sector'],
  staffSize: ['员工规模', '人员规模', '员工人数', '参保人数', 'staff size', 'employees', 'headcount'],
  registeredCapital: ['注册资本', '注册资金', '注册资本(万元)', 'registered capital', 'capital'],
  foundedOn: ['成立日期', '注册日期', '注册时间', '成立时间', '成立年份', '成立日', '核准日期', 'established', 'founded', 'date founded', 'registration date', 'incorporation date'],
  description: ['经营范围', '企业简介', '公司简介', '简介', '主营业务', '主营产品', 'business scope', 'description', 'profile'],
  province: ['省份', '省', '所属省份', '省/直辖市', '所在省份', '省份地区', 'province', 'state'],
  city: ['城市', '市', '所属城市', '所在城市', '地级市', 'city'],
  district: ['区县', '区/县', '所属区县', '所在区县', '区', '县', 'district', 'county'],
  address: ['地址', '注册地址', '通讯地址', '企业地址', '公司地址', '详细地址', '经营地址', '办公地址', '企业注册地址', '最新年报地址', 'address', 'street address', 'registered address'],
  website: ['网址', '官网', '网站', '企业官网', 'website', 'web', 'url', 'homepage'],
  phone: ['联系电话', '电话', '手机', '联系方式', '企业电话', '企业联系电话', '公司电话', '固定电话', '座机', '电话号码', '手机号', '手机号码', '更多电话', 'phone', 'telephone', 'tel', 'mobile', 'contact number', 'phone number'],
  email: ['邮箱', '电子邮箱', '企业邮箱', '邮件', 'email', 'e-mail', 'mail'],
  contactName: ['联系人', '联系人姓名', '姓名', 'contact', 'contact name', 'contact person'],
  contactTitle: ['职务', '职位', '联系人职务', 'title', 'position', 'job title'],
  contactMobile: ['联系人手机', '联系人电话', '联系人手机号'],
  contactEmail: ['联系人邮箱'],
  contactWechat: ['微信', '微信号', '联系人微信', 'wechat'],
  notes: ['备注', '说明', '其他', 'notes', 'remark', 'remarks', 'comment', 'comments'],
};

/** Header text as compared: NFKC, lower case, no spaces/punctuation, no trailing unit in brackets, no trailing '*'. */
export const headerKey = (header: string): string =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[(（[【][^)）\]】]*(万元|元|人民币|rmb|cny|个|人)[^)）\]】]*[)）\]】]\s*$/u, '')
    .replace(/[\s_\-–—:：*＊.。,，、/\\|'"“”‘’()（）[\]【】]/gu, '');

const synonymIndex: Map<string, ImportTarget> = (() => {
  const m = new Map<string, ImportTarget>();
  for (const target of importTargets) for (const s of targetSynonyms[target]) if (!m.has(headerKey(s))) m.set(headerKey(s), target);
  return m;
})();

/**
 * Maps headers to targets: an exact synonym first; then a header that ends
 * with a synonym (e.g. '企业基本信息/企业名称', '工商登记信息/成立日期'); each
 * target is used once (the leftmost column wins). Unmatched headers map to null.
 */
/** Targets several columns may go to: every phone column's numbers are kept, every notes column is added. */
export const repeatableTargets: ReadonlySet<ImportTarget> = new Set(['phone', 'notes']);

export const autoMap = (headers: string[]): (ImportTarget | null)[] => {
  const used = new Set<ImportTarget>();
  const result: (ImportTarget | null)[] = headers.map(() => null);
  const pass = (match: (key: string) => ImportTarget | undefined): void => {
    headers.forEach((h, i) => {
      if (result[i]) return;
      const target = match(headerKey(h));
      if (target && (!used.has(target) || repeatableTargets.has(target))) {
        used.add(target);
        result[i] = target;
      }
    });
  };
  pass((key) => synonymIndex.get(key));
  pass((key) => {
    let best: { target: ImportTarget; len: number } | undefined;
    for (const [syn, target] of synonymIndex) {
      if (syn.length >= 2 && key.endsWith(syn) && (!best || syn.length > best.len)) best = { target, len: syn.length };
    }
    return best?.target;
  });
  return result;
};
