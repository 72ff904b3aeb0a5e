import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Exported files are named after the office's local date. Between 00:00 and
 * 08:00 in China the UTC date is still yesterday, so a name built from
 * toISOString() would carry yesterday's date: these run in Asia/Shanghai at
 * 00:30 on 2026-12-07 (2026-12-06 16:30 UTC).
 */
const zoneBefore = process.env.TZ;
process.env.TZ = 'Asia/Shanghai';

const { ADMIN, createTestWorkspace } = await import('../helpers/workspace');
type TestWorkspace = Awaited<ReturnType<typeof createTestWorkspace>>;

const HALF_PAST_MIDNIGHT = Date.UTC(2026, 11, 6, 16, 30);
let ws: TestWorkspace;
let admin: Awaited<ReturnType<TestWorkspace['loginAs']>>;

beforeAll(async () => {
  ws = await createTestWorkspace();
  admin = await ws.loginAs(ADMIN.username, ADMIN.password);
  ws.clock.set(HALF_PAST_MIDNIGHT);
});

afterAll(() => {
  ws?.dispose();
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

describe('export file names at 00:30 in Shanghai', () => {
  it('the zone really is Asia/Shanghai here (UTC is still on the day before)', () => {
    expect(new Date(HALF_PAST_MIDNIGHT).getDate()).toBe(7);
    expect(new Date(HALF_PAST_MIDNIGHT).toISOString().slice(0, 10)).toBe('2026-12-06');
  });

  it('customers and contacts', async () => {
    expect((await ws.call(admin, 'customers.export', {})).fileName).toBe('客户-2026-12-07.xlsx');
    expect((await ws.call(admin, 'contacts.export', {})).fileName).toMatch(/-2026-12-07\.xlsx$/);
  });

  it('orders', async () => {
    expect((await ws.call(admin, 'orders.export', {})).fileName).toMatch(/^成交记录-2026-12-07\.xlsx$/);
  });

  it('visits and minutes', async () => {
    const week = { from: HALF_PAST_MIDNIGHT, to: HALF_PAST_MIDNIGHT + 7 * 86_400_000 };
    expect((await ws.call(admin, 'visits.export', week)).fileName).toBe('拜访-2026-12-07.xlsx');
    expect((await ws.call(admin, 'minutes.export', {})).fileName).toMatch(/-2026-12-07\.xlsx$/);
  });

  it('the plain data export', async () => {
    expect((await ws.call(admin, 'exchange.exportPlain', {})).fileName).toMatch(/-2026-12-07\.xlsx$/);
  });
});
