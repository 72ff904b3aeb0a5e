#!/usr/bin/env node
/**
 * Demo data: realistic Chinese companies, their contacts, a manager and a
 * sales team, for trying the app and for benchmarks.
 *
 *   npm run seed:demo -- --data-dir DIR --customers N [--seed S]
 *
 * A missing workspace is created (admin `admin`, password TUOKE_PASSWORD or
 * demo-pass-2026, company 演示贸易有限公司) and its recovery key printed; an
 * existing one is opened with TUOKE_USER / TUOKE_PASSWORD. The demo users get
 * the same password as the admin.
 *
 * Output is deterministic for a seed (a small seeded PRNG; ids and the clock
 * aside). Rows are inserted with prepared statements, 5,000 customers per
 * transaction, through the same triggers as every other write (change log and
 * search index).
 */
import { getTableColumns } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import {
  customerSources,
  staffSizes,
  type CustomerStatus,
  type CustomerGrade,
  type CustomerTier,
} from '../../src-shared/customers/enums';
import type { Channel, ChannelInput, ChannelOutput } from '../../src-shared/contract';
import type { Result } from '../../src-shared/errors';
import { normalizeCompanyName } from '../../src-shared/rules/companyName';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '../../src-shared/rules/creditCode';
import { districtsOf, regionName, regionPathLabel } from '../../src-shared/regions';
import type { Role } from '../../src-shared/roles';
import type { Db, WriteDb } from '../db/connection';
import { sourceMigrationsFolder } from '../db/migrate';
import { contacts, customers } from '../db/schema';
import { createHost } from '../host';
import { newId } from '../services/ids';
import { personPinyinKeys, pinyinKeys } from '../db/pinyin';
import { createUser, findUserByName } from '../services/users/users';
import type { Workspace } from '../services/workspace/workspace';
import type { ModuleSeeder } from './seed/context';
import { seedActivities } from './seed/activities';
import { seedVisits } from './seed/visits';
import { seedOrders } from './seed/orders';
import { seedReports } from './seed/reports';

export const DEMO_PASSWORD = 'demo-pass-2026';
export const DEMO_COMPANY = '演示贸易有限公司';

// ---------------------------------------------------------------- PRNG

/** mulberry32: tiny, fast, good enough for demo data, and the same on every platform. */
export type Rng = {
  next(): number;
  int(n: number): number;
  between(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
};

export const createRng = (seed: number): Rng => {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    between: (lo, hi) => lo + int(hi - lo + 1),
    pick: <T>(items: readonly T[]): T => items[int(items.length)]!,
    chance: (p) => next() < p,
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return items[items.length - 1]![0];
    },
  };
};

// ---------------------------------------------------------------- word lists

/** City code (GB/T 2260), telephone area code, weight (bigger cities more customers). */
const CITIES: readonly (readonly [string, string, number])[] = [
  ['1101', '010', 9], ['3101', '021', 9], ['4401', '020', 7], ['4403', '0755', 8], ['3301', '0571', 8],
  ['3201', '025', 6], ['3205', '0512', 6], ['5101', '028', 6], ['4201', '027', 5], ['1201', '022', 4],
  ['5001', '023', 5], ['6101', '029', 4], ['4301', '0731', 4], ['4101', '0371', 4], ['3701', '0531', 3],
  ['3702', '0532', 4], ['3401', '0551', 3], ['3501', '0591', 3], ['3502', '0592', 3], ['3302', '0574', 4],
  ['3303', '0577', 3], ['3202', '0510', 3], ['3204', '0519', 2], ['4406', '0757', 3], ['2101', '024', 2],
  ['2102', '0411', 2], ['2301', '0451', 2], ['2201', '0431', 1], ['1301', '0311', 2], ['1401', '0351', 1],
  ['5301', '0871', 2], ['4501', '0771', 1], ['3601', '0791', 2], ['5201', '0851', 1], ['6201', '0931', 1],
  ['3304', '0573', 2], ['3306', '0575', 2], ['3307', '0579', 2], ['3310', '0576', 1], ['3505', '0595', 2],
  ['3706', '0535', 1], ['3203', '0516', 1], ['6501', '0991', 1], ['4601', '0898', 1],
];

const PROVINCE_SHORT: Record<string, string> = { '45': '广西', '65': '新疆' };

/** 所属行业 and the words a company of that trade puts in its name. */
const INDUSTRIES: readonly (readonly [string, readonly string[], number])[] = [
  ['软件和信息技术服务业', ['信息科技', '软件', '网络科技', '数据科技', '信息技术', '智能科技'], 14],
  ['制造业', ['机械', '精密机械', '电子', '新材料', '机电设备', '自动化设备', '模具', '塑胶制品'], 16],
  ['批发和零售业', ['贸易', '商贸', '供应链管理', '进出口', '实业'], 14],
  ['建筑业', ['建筑工程', '建设工程', '装饰工程', '建材'], 7],
  ['交通运输、仓储和邮政业', ['物流', '国际货运代理', '运输', '仓储服务'], 6],
  ['医药制造业', ['医药', '生物科技', '医疗器械', '健康科技'], 6],
  ['文化、体育和娱乐业', ['文化传媒', '广告', '文化发展', '影视传媒'], 5],
  ['教育', ['教育科技', '培训', '教育咨询'], 3],
  ['生态保护和环境治理业', ['环保科技', '环境工程', '节能科技'], 4],
  ['电力、热力、燃气及水生产和供应业', ['新能源', '电力设备', '能源科技', '光伏科技'], 4],
  ['纺织服装、服饰业', ['纺织', '服饰', '家纺'], 4],
  ['化学原料和化学制品制造业', ['化工', '新材料科技', '涂料'], 4],
  ['农、林、牧、渔业', ['农业科技', '农业发展', '生态农业'], 3],
  ['租赁和商务服务业', ['企业管理咨询', '商务咨询', '人力资源', '会展服务'], 6],
  ['住宿和餐饮业', ['餐饮管理', '酒店管理', '食品'], 3],
  ['金融业', ['投资管理', '融资租赁', '资产管理'], 2],
];

const BRAND_FIRST = Array.from('星华恒鼎瑞金汇博天中宏新正明嘉德永盛东信安泰海云顺鸿创联智卓远方合诚益优达光通润佳锦');
const BRAND_SECOND = Array.from('辰宇通盛丰桥智远成科达源泰信华邦润祥瑞腾越航诺威拓锐峰隆辉创凯捷晟睿航');

const ROADS = [
  '人民路', '解放路', '中山路', '建国路', '长江路', '黄河路', '文三路', '学院路', '科技路', '创业大道', '高新大道',
  '工业园路', '金融街', '世纪大道', '滨江大道', '东风路', '新华路', '和平路', '光明路', '朝阳路', '望江路', '湖滨路',
];
const BUILDINGS = ['国际大厦', '科技园', '创业园', '商务中心', '金融中心', '产业园', '广场', '大厦'];

const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72], ['李', 70], ['张', 68], ['刘', 54], ['陈', 46], ['杨', 32], ['黄', 24], ['赵', 22], ['吴', 20], ['周', 19],
  ['徐', 14], ['孙', 13], ['马', 12], ['朱', 12], ['胡', 11], ['郭', 11], ['何', 10], ['高', 10], ['林', 10], ['罗', 9],
  ['郑', 9], ['梁', 8], ['谢', 7], ['宋', 7], ['唐', 6], ['许', 6], ['韩', 6], ['冯', 6], ['邓', 6], ['曹', 5],
  ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['袁', 4], ['潘', 4], ['于', 4], ['蒋', 4], ['蔡', 4],
  ['余', 4], ['杜', 4], ['叶', 4], ['程', 4], ['苏', 3], ['魏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['沈', 3],
  ['姚', 3], ['卢', 3], ['姜', 3], ['崔', 3], ['钟', 3], ['谭', 3], ['陆', 3], ['汪', 3], ['范', 3], ['金', 3],
  ['石', 2], ['廖', 2], ['贾', 2], ['夏', 2], ['韦', 2], ['方', 2], ['白', 2], ['邹', 2], ['孟', 2], ['熊', 2],
  ['秦', 2], ['邱', 2], ['江', 2], ['尹', 2], ['薛', 2], ['段', 2], ['雷', 2], ['侯', 2], ['龙', 2], ['史', 2],
  ['单', 1], ['欧阳', 1], ['司马', 1], ['诸葛', 1],
];
const GIVEN = Array.from('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华建国文辉力鹏飞斌宇浩凯晨婷雪琳欣怡佳俊峰林海波亮红梅兰玉萍燕慧颖鑫昊然轩博思雨梓涵诺嘉志');

const TITLES = ['采购经理', '采购主管', '采购专员', '技术总监', '财务经理', '行政主管', '生产经理', '项目经理', '工程师', '办公室主任', '运营经理', '市场经理'];
const DECISION_TITLES = ['总经理', '董事长', '副总经理', '采购总监'];
const INFLUENCE_ROLES = ['技术评估', '采购执行', '使用部门', '财务审批', '影响者'];
const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '166', '177', '180', '181', '182', '185', '186', '187', '188', '189', '191', '198', '199'];
const LOST_REASONS = ['价格不合适', '选择了竞争对手', '项目取消', '公司倒闭', '联系不上', '需求变化'];
const HOBBIES = ['钓鱼', '羽毛球', '登山', '茶道', '书法', '高尔夫', '摄影', '跑步', '围棋', '旅游'];

const STATUSES: readonly (readonly [CustomerStatus, number])[] = [
  ['potential', 34], ['target', 20], ['first_purchase', 14], ['repeat', 12], ['loyal', 8], ['lost', 8], ['permanently_lost', 4],
];

/** The demo team: username, display name, role. */
export const DEMO_USERS: readonly (readonly [string, string, Role])[] = [
  ['chenjing', '陈静', 'manager'],
  ['zhangwei', '张伟', 'sales'],
  ['lina', '李娜', 'sales'],
  ['wangqiang', '王强', 'sales'],
  ['liuyang', '刘洋', 'sales'],
  ['zhaomin', '赵敏', 'sales'],
];

// ---------------------------------------------------------------- generators

const DAY = 86_400_000;

const digits = (rng: Rng, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i += 1) s += String(rng.int(10));
  return s;
};

export const mobile = (rng: Rng): string => rng.pick(MOBILE_PREFIXES) + digits(rng, 8);

export const landline = (rng: Rng, areaCode: string): string => {
  const localLength = areaCode.length === 3 || rng.chance(0.7) ? 8 : 7;
  return areaCode + String(rng.between(2, 8)) + digits(rng, localLength - 1);
};

/** A valid 统一社会信用代码 for a company registered in `districtCode`: 9 (market regulation), 1 (enterprise). */
export const creditCode = (rng: Rng, districtCode: string): string => {
  let body = '';
  for (let i = 0; i < 9; i += 1) {
    // Organisation codes are mostly digits; newer ones carry letters.
    body += i < 2 && rng.chance(0.3) ? rng.pick(Array.from(CREDIT_CODE_ALPHABET.slice(10))) : String(rng.int(10));
  }
  const first17 = `91${districtCode}${body}`;
  return first17 + creditCodeCheckChar(first17)!;
};

export const personName = (rng: Rng): string => {
  const surname = rng.weighted(SURNAMES);
  const given = rng.chance(0.55) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
  return surname + given;
};

type Place = { provinceCode: string; cityCode: string; districtCode: string; areaCode: string; cityShort: string; provinceShort: string; district: string };

const placeOf = (rng: Rng): Place => {
  const [cityCode, areaCode] = rng.weighted(CITIES.map(([code, area, w]) => [[code, area] as const, w] as const));
  const provinceCode = cityCode.slice(0, 2);
  const cityName = regionName(cityCode) ?? '';
  const provinceName = regionName(provinceCode) ?? '';
  const districts = districtsOf(cityCode).filter((d) => d.name !== cityName);
  const district = districts.length > 0 ? rng.pick(districts) : { code: `${cityCode}00`, name: '' };
  return {
    provinceCode,
    cityCode,
    districtCode: district.code,
    areaCode,
    cityShort: cityName.replace(/市$/, ''),
    provinceShort: PROVINCE_SHORT[provinceCode] ?? provinceName.replace(/(省|市)$/, ''),
    district: district.name,
  };
};

const companyName = (rng: Rng, place: Place, brand: string, trade: string): string => {
  switch (rng.weighted([['city', 62], ['bracket', 12], ['province', 8], ['llc', 10], ['branch', 5], ['group', 3]] as const)) {
    case 'city':
      return `${place.cityShort}${brand}${trade}有限公司`;
    case 'bracket':
      return `${brand}${trade}（${place.cityShort}）有限公司`;
    case 'province':
      return `${place.provinceShort}${brand}${trade}股份有限公司`;
    case 'llc':
      return `${place.cityShort}${brand}${trade}有限责任公司`;
    case 'branch':
      return `${brand}${trade}有限公司${place.cityShort}分公司`;
    case 'group':
      return `${place.provinceShort}${brand}集团有限公司`;
  }
};

type CustomerRow = typeof customers.$inferSelect;
type ContactRow = typeof contacts.$inferSelect;

export type DemoTeam = { id: string; role: Role }[];

/** One customer and its contacts; everything but the ids comes from `rng`. */
const generateCustomer = (
  rng: Rng,
  now: number,
  actorId: string,
  team: DemoTeam,
  usedNames: Set<string>,
  contactCount: number,
): { customer: CustomerRow; contacts: ContactRow[] } => {
  const place = placeOf(rng);
  const [industry, words] = rng.weighted(INDUSTRIES.map(([name, w, weight]) => [[name, w] as const, weight] as const));
  let name = '';
  let brand = '';
  let trade = '';
  for (let attempt = 0; attempt < 50; attempt += 1) {
    brand = rng.pick(BRAND_FIRST) + rng.pick(BRAND_SECOND);
    if (brand[0] === brand[1]) continue;
    trade = rng.pick(words);
    name = companyName(rng, place, brand, trade);
    if (!usedNames.has(name)) break;
  }
  usedNames.add(name);

  const createdAt = now - rng.int(3 * 365) * DAY - rng.int(DAY);
  const updatedAt = createdAt + Math.floor(rng.next() * (now - createdAt));
  const owner = rng.chance(0.15) ? null : rng.pick(team);
  const status = rng.weighted(STATUSES);
  const lost = status === 'lost' || status === 'permanently_lost';
  const phone = rng.chance(0.75) ? landline(rng, place.areaCode) : mobile(rng);
  const street = `${rng.pick(ROADS)}${rng.between(1, 999)}号`;
  const building = rng.chance(0.5) ? `${rng.pick(BUILDINGS)}${rng.between(1, 30)}${String(rng.between(1, 20)).padStart(2, '0')}室` : '';
  const address = `${regionPathLabel(place.provinceCode, place.cityCode, place.districtCode)}${street}${building}`;
  const contacted = status !== 'potential' || rng.chance(0.4);
  const lastContactAt = contacted ? updatedAt - rng.int(60) * DAY : null;
  const grade: CustomerGrade | null = ['first_purchase', 'repeat', 'loyal'].includes(status)
    ? rng.weighted([['A', 2], ['B', 3], ['C', 5]] as const)
    : null;
  const tier: CustomerTier | null = rng.chance(0.2) ? rng.pick(['key', 'major', 'normal', 'small'] as const) : null;
  const id = newId();
  const domain = rng.chance(0.5) ? `${pinyinKeys(brand).full}${rng.between(1, 999)}.com.cn` : null;

  const customer: CustomerRow = {
    id,
    createdAt,
    createdBy: owner?.id ?? actorId,
    updatedAt,
    updatedBy: owner?.id ?? actorId,
    name,
    nameKey: normalizeCompanyName(name),
    shortName: rng.chance(0.4) ? `${brand}${trade.slice(0, 2)}` : null,
    creditCode: rng.chance(0.85) ? creditCode(rng, place.districtCode) : null,
    legalRep: personName(rng),
    industry,
    staffSize: rng.pick(staffSizes),
    registeredCapital: rng.pick([50, 100, 200, 300, 500, 1000, 2000, 5000, 10000]) * 10_000,
    registeredCapitalCurrency: 'CNY',
    foundedOn: new Date(createdAt - rng.between(1, 25) * 365 * DAY).toISOString().slice(0, 10),
    description: null,
    creditRating: rng.chance(0.3) ? rng.pick(['AAA', 'AA', 'A', 'BBB']) : null,
    source: rng.pick(customerSources),
    ownerId: owner?.id ?? null,
    provinceCode: place.provinceCode,
    cityCode: place.cityCode,
    districtCode: place.districtCode.endsWith('00') ? null : place.districtCode,
    address,
    website: domain ? `https://www.${domain}` : null,
    phone,
    email: domain && rng.chance(0.7) ? `${rng.pick(['info', 'sales', 'service', 'hr'])}@${domain}` : null,
    bankName: rng.chance(0.3) ? `${rng.pick(['中国工商银行', '中国建设银行', '招商银行', '中国银行'])}${place.cityShort}分行` : null,
    bankAccount: rng.chance(0.3) ? digits(rng, 19) : null,
    taxId: null,
    creditStatus: null,
    purchaseHabits: null,
    purchaseCycle: rng.chance(0.3) ? rng.pick(['每月', '每季度', '每半年', '每年']) : null,
    preferences: null,
    interests: null,
    notes: null,
    status,
    lostReason: lost ? rng.pick(LOST_REASONS) : null,
    lostAt: lost ? updatedAt : null,
    grade,
    tier,
    vipLevel: tier === 'key' ? rng.between(1, 5) : null,
    assignedAt: owner ? createdAt + rng.int(30) * DAY : null,
    firstContactAt: contacted ? createdAt + rng.int(10) * DAY : null,
    lastContactAt,
    nextFollowUpAt: lost ? null : rng.chance(0.5) ? now + rng.between(-10, 30) * DAY : null,
    importBatchId: null,
    deletedAt: null,
    deletedBy: null,
    mergedInto: null,
  };

  const decider = rng.int(contactCount);
  const people: ContactRow[] = [];
  for (let i = 0; i < contactCount; i += 1) {
    const isDecisionMaker = i === decider;
    const personCreated = createdAt + rng.int(5) * DAY;
    const name = personName(rng);
    people.push({
      id: newId(),
      createdAt: personCreated,
      createdBy: customer.createdBy,
      updatedAt: personCreated,
      updatedBy: customer.createdBy,
      customerId: id,
      name,
      title: isDecisionMaker ? rng.pick(DECISION_TITLES) : rng.pick(TITLES),
      isDecisionMaker,
      decisionRole: isDecisionMaker ? '最终决策' : rng.pick(INFLUENCE_ROLES),
      mobile: mobile(rng),
      phone: rng.chance(0.3) ? landline(rng, place.areaCode) : null,
      email: domain && rng.chance(0.5) ? `${personPinyinKeys(name).full}@${domain}` : null,
      wechat: rng.chance(0.5) ? `wx_${rng.int(10_000_000)}` : null,
      birthday: rng.chance(0.3) ? `19${rng.between(60, 99)}-${String(rng.between(1, 12)).padStart(2, '0')}-${String(rng.between(1, 28)).padStart(2, '0')}` : null,
      birthdayLunar: rng.chance(0.1),
      homeAddress: null,
      hobbies: rng.chance(0.3) ? rng.pick(HOBBIES) : null,
      personality: null,
      education: rng.chance(0.3) ? rng.pick(['本科', '硕士', '大专', 'MBA']) : null,
      family: null,
      notes: null,
      deletedAt: null,
    });
  }
  return { customer, contacts: people };
};

// ---------------------------------------------------------------- insertion

type Insert<T> = (row: T) => void;

/** A prepared INSERT over every column of the table, from a row as Drizzle types it. */
const preparedInsert = <T extends Record<string, unknown>>(tx: WriteDb, table: SQLiteTable, tableName: string): Insert<T> => {
  const columns = Object.entries(getTableColumns(table));
  const stmt = tx.sqlite.prepare(
    `INSERT INTO ${tableName} (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  return (row) => {
    stmt.run(
      columns.map(([key]) => {
        const v = row[key];
        return typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null);
      }),
    );
  };
};

export type SeedOptions = {
  customers: number;
  seed?: number;
  /** Password of demo users created now (default demo-pass-2026). */
  userPassword?: string;
  /** Customers per transaction. */
  chunk?: number;
  /** Also seed the capabilities' records (activities, visits, orders, …); default true. */
  modules?: boolean;
  onProgress?: (done: number, total: number) => void;
};

export type SeedResult = {
  customers: number;
  /** Rows the capabilities' seeders added (activities, visits, orders, …). */
  moduleRows: number;
  contacts: number;
  users: { id: string; username: string; role: Role }[];
  ms: number;
  rowsPerSecond: number;
};

/** The demo team, created if missing (their key slots need the workspace). */
export const ensureDemoUsers = async (ws: Workspace, db: Db, actorId: string, password: string): Promise<SeedResult['users']> => {
  const out: SeedResult['users'] = [];
  for (const [username, displayName, role] of DEMO_USERS) {
    const existing = findUserByName(db, username);
    const id = existing ? existing.id : (await createUser(ws, db, actorId, { username, displayName, role, password })).id;
    out.push({ id, username, role });
  }
  return out;
};

/**
 * Adds `options.customers` demo customers with about two contacts each
 * (exactly two per customer on average: pairs of customers share four).
 */
export const seedDemo = async (ws: Workspace, db: Db, actorId: string, options: SeedOptions): Promise<SeedResult> => {
  const users = await ensureDemoUsers(ws, db, actorId, options.userPassword ?? DEMO_PASSWORD);
  const start = performance.now();
  const rng = createRng(options.seed ?? 1);
  const team: DemoTeam = users.map((u) => ({ id: u.id, role: u.role }));
  const usedNames = new Set<string>();
  const now = db.clock.now();
  const chunk = options.chunk ?? 5_000;
  let contactTotal = 0;
  let pairSplit = 2;
  for (let done = 0; done < options.customers; ) {
    const n = Math.min(chunk, options.customers - done);
    db.write(actorId, (tx) => {
      const insertCustomer = preparedInsert<CustomerRow>(tx, customers, 'customers');
      const insertContact = preparedInsert<ContactRow>(tx, contacts, 'contacts');
      for (let i = 0; i < n; i += 1) {
        const index = done + i;
        if (index % 2 === 0) pairSplit = rng.pick([1, 2, 3]);
        const count = index % 2 === 0 ? pairSplit : 4 - pairSplit;
        const { customer, contacts: people } = generateCustomer(rng, now, actorId, team, usedNames, count);
        insertCustomer(customer);
        for (const p of people) insertContact(p);
        contactTotal += people.length;
      }
    });
    done += n;
    options.onProgress?.(done, options.customers);
  }
  // Then each capability's records, each from its own random stream so adding one does not change the others.
  const seeders: ModuleSeeder[] = [seedActivities, seedVisits, seedOrders, seedReports];
  let moduleRows = 0;
  if (options.modules !== false) seeders.forEach((seeder, i) => {
    moduleRows += seeder({ db, rng: createRng((options.seed ?? 1) * 1000 + i + 1), now, actorId, users });
  });
  const ms = performance.now() - start;
  return {
    moduleRows,
    customers: options.customers,
    contacts: contactTotal,
    users,
    ms,
    rowsPerSecond: ((options.customers + contactTotal) / ms) * 1000,
  };
};

// ---------------------------------------------------------------- command line

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      'data-dir': { type: 'string' },
      customers: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const dataDir = values['data-dir'];
  const count = Number(values.customers);
  if (!dataDir || !Number.isInteger(count) || count < 0) {
    process.stderr.write('usage: npm run seed:demo -- --data-dir DIR --customers N [--seed S]\n');
    process.exitCode = 2;
    return;
  }
  const host = createHost({ dataDir: resolve(dataDir), migrationsFolder: sourceMigrationsFolder() });
  const session = host.session('zh-CN');
  const call = async <K extends Channel>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> => {
    const result = (await host.registry.invoke(session, channel, input)) as Result<ChannelOutput<K>>;
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  try {
    const password = process.env.TUOKE_PASSWORD || DEMO_PASSWORD;
    let username = process.env.TUOKE_USER || 'admin';
    if (!host.workspace.isInitialized()) {
      username = 'admin';
      const setup = await call('setup.create', {
        companyName: DEMO_COMPANY,
        adminUsername: username,
        adminDisplayName: '系统管理员',
        password,
        locale: 'zh-CN',
      });
      process.stdout.write(`created workspace ${host.workspace.dataDir}\nadmin: ${username}\nrecovery key (keep it safe):\n\n    ${setup.recoveryKey}\n\n`);
    }
    const sessionInfo = await call('auth.login', { username, password });
    const db = host.workspace.db;
    if (!db) throw new Error('database not open after login');
    let lastReport = 0;
    const result = await seedDemo(host.workspace, db, sessionInfo.user.id, {
      customers: count,
      seed: values.seed === undefined ? 1 : Number(values.seed),
      userPassword: password,
      onProgress: (done, total) => {
        const t = performance.now();
        if (t - lastReport > 2000 || done === total) {
          lastReport = t;
          process.stdout.write(`  ${done} / ${total} customers\n`);
        }
      },
    });
    process.stdout.write(
      `seeded ${result.customers} customers, ${result.contacts} contacts and ${result.moduleRows} other records in ${(result.ms / 1000).toFixed(1)} s ` +
        `(${Math.round(result.rowsPerSecond)} rows/s); users: ${result.users.map((u) => `${u.username} (${u.role})`).join(', ')}\n`,
    );
    await call('auth.logout', {});
  } finally {
    host.close();
  }
};

const isMain = process.argv[1] !== undefined && /seedDemo\.(ts|js|mjs)$/.test(process.argv[1]);
if (isMain) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
