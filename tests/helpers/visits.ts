import type { Session } from '../../src-main/ipc/session';
import type { VisitFieldsInput } from '../../src-shared/visits/schemas';
import { ADMIN, createTestWorkspace, DEFAULT_TEST_NOW, type TestWorkspace } from './workspace';

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

/** Wednesday of the tests' week (the manual clock starts on Monday 2026-11-23 01:00 UTC): when visits are planned. */
export const WED = Date.UTC(2026, 10, 25, 2, 0);
/** When a planned visit was carried out: before the clock's start (a contact cannot be recorded in the future). */
export const DONE = Date.UTC(2026, 10, 23, 0, 30);

/** A team (admin, two managers, two salespeople) and customers: 张三 owns 星辰 (with a decision-maker) and 海运; 李四 owns 远东; 东方 is in the pool. */
export type VisitWorld = {
  ws: TestWorkspace;
  admin: Session;
  wang: Session; // manager 王经理
  zhao: Session; // manager 赵经理
  zhang: Session; // sales 张三
  li: Session; // sales 李四
  ids: { wang: string; zhao: string; zhang: string; li: string };
  star: { id: string; boss: string; clerk: string };
  sea: string;
  far: string;
  pool: string;
};

export const createVisitWorld = async (): Promise<VisitWorld> => {
  // The visit and minutes tests are written against Monday 2026-11-23 (literal dates): pinned there, whatever TUOKE_TEST_NOW says.
  const ws = await createTestWorkspace({ now: DEFAULT_TEST_NOW });
  const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
  const add = (username: string, displayName: string, role: 'manager' | 'sales') =>
    ws.call(admin, 'users.create', { username, displayName, role, password: `${username}-pass-1` });
  const ids = {
    wang: (await add('wang', '王经理', 'manager')).id,
    zhao: (await add('zhao', '赵经理', 'manager')).id,
    zhang: (await add('zhang', '张三', 'sales')).id,
    li: (await add('li', '李四', 'sales')).id,
  };
  const login = (u: string) => ws.loginAs(u, `${u}-pass-1`);
  const [wang, zhao, zhang, li] = [await login('wang'), await login('zhao'), await login('zhang'), await login('li')];
  const create = async (s: Session, name: string, ownerId?: string | null) =>
    (await ws.call(s, 'customers.create', { fields: { name }, confirmDuplicates: false, ...(ownerId !== undefined ? { ownerId } : {}) })).id;
  const starId = await create(zhang, '杭州星辰信息科技有限公司');
  const boss = (await ws.call(zhang, 'contacts.create', { customerId: starId, fields: { name: '陈总', title: '总经理', isDecisionMaker: true } })).id;
  const clerk = (await ws.call(zhang, 'contacts.create', { customerId: starId, fields: { name: '刘采购', title: '采购主管' } })).id;
  return {
    ws,
    admin,
    wang,
    zhao,
    zhang,
    li,
    ids,
    star: { id: starId, boss, clerk },
    sea: await create(zhang, '宁波海运物流有限公司'),
    far: await create(li, '上海远东机械有限公司'),
    pool: await create(wang, '苏州东方纺织有限公司', null),
  };
};

export const planFields = (customerId: string, at: number, extra: Partial<VisitFieldsInput> = {}): VisitFieldsInput => ({
  customerId,
  plannedAt: at,
  durationMinutes: 90,
  place: '杭州市西湖区文三路 90 号',
  contactIds: [],
  purpose: '介绍新产品，了解采购计划',
  objectives: '约定样品试用',
  materials: ['companyBrochure', 'productCatalog'],
  materialsOther: '样品两件',
  chkAppointment: true,
  chkAttire: true,
  ...extra,
});
