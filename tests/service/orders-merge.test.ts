import { describe, expect } from 'vitest';
import type { Session } from '../../src-main/ipc/session';
import { addDays, localIsoDate } from '../../src-shared/orders/logic';
import { companyFields } from '../helpers/customers';
import { it } from '../helpers/office';
import type { TestWorkspace } from '../helpers/workspace';

let ws: TestWorkspace;
let manager: Session;
let zhang: Session;
let today: string;

it.override({ officeMembers: ['wang', 'zhang'] });
it.beforeEach(({ office }) => {
  ({ ws, manager, zhang } = office);
  today = localIsoDate(ws.clock.now());
});

const totals = (id: string) =>
  ws.host.workspace
    .db!.sqlite.prepare<[string], { orderCount: number; totalAmount: number }>(
      'SELECT order_count AS orderCount, total_amount AS totalAmount FROM customer_sales WHERE customer_id = ?',
    )
    .get(id) ?? { orderCount: 0, totalAmount: 0 };

const buy = (customerId: string, yuan: number, daysAgo: number) =>
  ws.call(zhang, 'orders.create', {
    customerId,
    orderDate: addDays(today, -daysAgo),
    dueDate: addDays(today, -daysAgo + 30),
    contractNo: `HT-${yuan}`,
    lines: [{ product: '阀门', quantity: 1, unitPrice: yuan * 100 }],
  });

const grade = (id: string) =>
  (ws.host.workspace.db!.sqlite.prepare<[string], { grade: string | null }>('SELECT grade FROM customers WHERE id = ?').get(id) ?? { grade: null }).grade;

describe('the recycle bin and the ABC grading', () => {
  it('a customer in the recycle bin leaves the grading (its totals stay) and rejoins it when restored', async () => {
    const big = (await ws.call(zhang, 'customers.create', { fields: companyFields('杭州东方机械有限公司'), confirmDuplicates: false })).id;
    const small = (await ws.call(zhang, 'customers.create', { fields: companyFields('宁波海纳电子有限公司'), confirmDuplicates: false })).id;
    await buy(big, 1000, 10);
    await buy(small, 100, 10);
    expect([grade(big), grade(small)]).toEqual(['A', 'B']);

    await ws.call(zhang, 'customers.delete', { ids: [big] });
    expect(grade(small)).toBe('A');
    expect(grade(big)).toBeNull();
    expect(totals(big)).toEqual({ orderCount: 1, totalAmount: 100_000 });

    await ws.call(zhang, 'customers.restore', { ids: [big] });
    expect([grade(big), grade(small)]).toEqual(['A', 'B']);
  });
});

describe('a customer merge carries the sales figures along', () => {
  it('the survivor holds both customers’ orders in its totals, and undoing the merge splits them again', async () => {
    const a = (await ws.call(zhang, 'customers.create', { fields: companyFields('杭州东方机械有限公司'), confirmDuplicates: false })).id;
    const b = (await ws.call(zhang, 'customers.create', { fields: companyFields('杭州东方机械厂'), confirmDuplicates: true })).id;
    await buy(a, 1000, 40);
    await buy(b, 500, 20);
    await buy(b, 300, 5);
    expect(totals(a)).toEqual({ orderCount: 1, totalAmount: 100_000 });
    expect(totals(b)).toEqual({ orderCount: 2, totalAmount: 80_000 });

    const merge = await ws.call(manager, 'customers.merge', { survivorId: a, mergedId: b, choices: {} });
    expect(totals(a)).toEqual({ orderCount: 3, totalAmount: 180_000 });
    expect(totals(b)).toEqual({ orderCount: 0, totalAmount: 0 });
    expect((await ws.call(manager, 'orders.summary', { id: a })).orderCount).toBe(3);

    await ws.call(manager, 'customers.undoMerge', { id: merge.id });
    expect(totals(a)).toEqual({ orderCount: 1, totalAmount: 100_000 });
    expect(totals(b)).toEqual({ orderCount: 2, totalAmount: 80_000 });
  });
});
