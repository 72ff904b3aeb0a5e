/**
 * `npm run seed:demo` for the e2e tests: the same demo data (seedDemo), but
 * dated by the test's clock (TUOKE_TEST_NOW, running forward) instead of the
 * system clock, so the data sits around the bridge's "today".
 *   TUOKE_TEST_NOW=… TUOKE_PASSWORD=… tsx tests/e2e/seed-pinned.ts --data-dir DIR --customers N
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runningClock, testNowFromEnv } from '../../src-main/bridge/testClock';
import { sourceMigrationsFolder } from '../../src-main/db/migrate';
import { DEMO_COMPANY, seedDemo } from '../../src-main/devtools/seedDemo';
import { createHost } from '../../src-main/host';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, customers: { type: 'string' } } });
const pinned = testNowFromEnv();
const password = process.env.TUOKE_PASSWORD;
if (!values['data-dir'] || !values.customers || pinned === undefined || !password) {
  process.stderr.write('usage: TUOKE_TEST_NOW=… TUOKE_PASSWORD=… tsx tests/e2e/seed-pinned.ts --data-dir DIR --customers N\n');
  process.exit(2);
}
const host = createHost({ dataDir: resolve(values['data-dir']), migrationsFolder: sourceMigrationsFolder(), clock: runningClock(pinned) });
try {
  const session = host.session('zh-CN');
  const call = async (channel: string, input: unknown) => {
    const result = await host.registry.invoke(session, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  if (!host.workspace.isInitialized()) {
    await call('setup.create', { companyName: DEMO_COMPANY, adminUsername: 'admin', adminDisplayName: '系统管理员', password, locale: 'zh-CN' });
  }
  const info = (await call('auth.login', { username: 'admin', password })) as { user: { id: string } };
  await seedDemo(host.workspace, host.workspace.db!, info.user.id, { customers: Number(values.customers), seed: 1, userPassword: password });
  await call('auth.logout', {});
} finally {
  host.close();
}
