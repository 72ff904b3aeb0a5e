/** The demo workspace the benchmarks build: set-up by the registry as the app does it, and logins with the demo password. */
import type { Host } from '../src-main/host';
import type { Session } from '../src-main/ipc/session';
import { DEMO_PASSWORD } from '../src-main/devtools/seedDemo';
import type { Role } from '../src-shared/roles';

export type DemoUser = { session: Session; id: string; role: Role };

export const loginDemo = async (host: Host, username: string): Promise<DemoUser> => {
  const session = host.session('zh-CN');
  const r = await host.registry.invoke(session, 'auth.login', { username, password: DEMO_PASSWORD });
  if (!r.ok) throw new Error(`login ${username}: ${r.error.code}`);
  const { user } = r.value as { user: { id: string; role: Role } };
  return { session, id: user.id, role: user.role };
};

/** Creates the workspace (company 演示贸易有限公司, administrator "admin") and logs the administrator in. */
export const setUpDemo = async (host: Host): Promise<DemoUser> => {
  const setup = await host.registry.invoke(host.session(), 'setup.create', {
    companyName: '演示贸易有限公司',
    adminUsername: 'admin',
    adminDisplayName: '系统管理员',
    password: DEMO_PASSWORD,
    locale: 'zh-CN',
  });
  if (!setup.ok) throw new Error(`setup: ${setup.error.code}`);
  return loginDemo(host, 'admin');
};
