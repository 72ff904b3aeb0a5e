import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, localIsoDate } from '../../src-shared/orders/logic';
import { createVisitWorld, planFields, type VisitWorld } from '../helpers/visits';

let w: VisitWorld;
beforeEach(async () => {
  w = await createVisitWorld();
});
afterEach(() => w.ws.dispose());

const count = (sql: string, id: string): number => (w.ws.host.workspace.db!.sqlite.prepare(sql).get(id) as { n: number }).n;

describe('purging a customer from the recycle bin', () => {
  it('removes the customer with its contact log, visits, their steps and notifications', async () => {
    const at = w.ws.clock.now() + 2 * 86_400_000;
    const visit = await w.ws.call(w.zhang, 'visits.create', { fields: planFields(w.star.id, at), submit: true });
    await w.ws.call(w.wang, 'visits.approve', { id: visit.id, comment: '同意' });
    await w.ws.call(w.zhang, 'visits.recordResult', { id: visit.id, doneAt: w.ws.clock.now(), contactId: w.star.boss, summary: '介绍了新产品' });
    expect(count('SELECT count(*) AS n FROM visit_notifications WHERE customer_id = ?', w.star.id)).toBeGreaterThan(0);
    expect(count('SELECT count(*) AS n FROM activities WHERE customer_id = ?', w.star.id)).toBe(1);

    await w.ws.call(w.zhang, 'customers.delete', { ids: [w.star.id] });
    const result = await w.ws.call(w.admin, 'customers.purge', { ids: [w.star.id] });
    expect(result).toEqual({ changed: 1, skipped: [] });
    for (const table of ['customers WHERE id = ?', 'contacts WHERE customer_id = ?', 'visits WHERE customer_id = ?', 'activities WHERE customer_id = ?', 'visit_notifications WHERE customer_id = ?'])
      expect(count(`SELECT count(*) AS n FROM ${table}`, w.star.id)).toBe(0);
    expect(count('SELECT count(*) AS n FROM visit_steps WHERE visit_id = ?', visit.id)).toBe(0);
  });

  it('keeps a customer that has orders (financial records) and says why; nothing of it is removed', async () => {
    const today = localIsoDate(w.ws.clock.now());
    await w.ws.call(w.zhang, 'orders.create', {
      customerId: w.sea,
      orderDate: today,
      dueDate: addDays(today, 30),
      contractNo: 'HT-1',
      lines: [{ product: '阀门', quantity: 2, unitPrice: 50_000 }],
    });
    await w.ws.call(w.zhang, 'customers.delete', { ids: [w.sea] });
    const result = await w.ws.call(w.admin, 'customers.purge', { ids: [w.sea] });
    expect(result).toEqual({ changed: 0, skipped: [{ id: w.sea, reason: 'HAS_ORDERS' }] });
    expect(count('SELECT count(*) AS n FROM customers WHERE id = ?', w.sea)).toBe(1);
    expect(count('SELECT count(*) AS n FROM orders WHERE customer_id = ?', w.sea)).toBe(1);
    expect(count('SELECT count(*) AS n FROM customer_sales WHERE customer_id = ?', w.sea)).toBe(1);
  });
});
