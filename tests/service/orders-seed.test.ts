import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src-main/devtools/seedDemo';
import { abcStateMatchesFull } from '../../src-main/services/orders/derived';
import { getOrderRules } from '../../src-main/services/orders/rules';
import { addDays, localIsoDate } from '../../src-shared/orders/logic';
import { ADMIN, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

let ws: TestWorkspace;
afterEach(() => ws.dispose());

describe('demo orders', () => {
  it('fit the demo customers: statuses, two years of dates, payments within amounts, some overdue, every grade', async () => {
    ws = await createTestWorkspace();
    const session = await ws.loginAs(ADMIN.username, ADMIN.password);
    const db = ws.host.workspace.db!;
    await seedDemo(ws.host.workspace, db, session.user!.id, { customers: 400, seed: 7, chunk: 100 });
    const today = localIsoDate(ws.clock.now());
    const q = <T>(sql: string, ...p: unknown[]) => db.sqlite.prepare(sql).get(...p) as T;
    const orders = q<{ n: number; first: string; last: string }>('SELECT COUNT(*) AS n, MIN(order_date) AS first, MAX(order_date) AS last FROM orders');
    expect(orders.n).toBeGreaterThan(100);
    expect(orders.first >= addDays(today, -731)).toBe(true);
    expect(orders.last <= today).toBe(true);
    // Amounts are the sums of lines; received the sums of payments, never above the amount.
    expect(q<{ n: number }>('SELECT COUNT(*) AS n FROM orders o WHERE amount != (SELECT SUM(amount) FROM order_lines l WHERE l.order_id = o.id)').n).toBe(0);
    expect(q<{ n: number }>('SELECT COUNT(*) AS n FROM orders o WHERE received != (SELECT COALESCE(SUM(amount), 0) FROM payments p WHERE p.order_id = o.id) OR received > amount').n).toBe(0);
    expect(q<{ n: number }>('SELECT COUNT(*) AS n FROM orders WHERE received < amount AND due_date < ?', today).n).toBeGreaterThan(0);
    // Buying customers' statuses agree with their orders (lost ones stay lost).
    const statuses = db.sqlite
      .prepare('SELECT c.status, COUNT(*) AS n FROM customer_sales s JOIN customers c ON c.id = s.customer_id WHERE s.order_count > 0 GROUP BY c.status')
      .all() as { status: string; n: number }[];
    expect(statuses.map((s) => s.status).sort()).toEqual(expect.arrayContaining(['first_purchase', 'loyal', 'repeat']));
    expect(statuses.some((s) => s.status === 'potential' || s.status === 'target')).toBe(false);
    const grades = (db.sqlite.prepare('SELECT DISTINCT grade FROM customer_sales WHERE grade IS NOT NULL ORDER BY grade').all() as { grade: string }[]).map((r) => r.grade);
    expect(grades).toEqual(['A', 'B', 'C']);
    expect(q<{ n: number }>('SELECT COUNT(*) AS n FROM customer_sales s JOIN customers c ON c.id = s.customer_id WHERE c.grade IS NOT s.grade').n).toBe(0);
    expect(db.write(null, (tx) => abcStateMatchesFull(tx, getOrderRules(tx)))).toBe(true);
  });
});
