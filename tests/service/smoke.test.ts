import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

let ws: TestWorkspace;
afterEach(() => ws?.dispose());

describe('workspace set-up', () => {
  it('lets the administrator log in and see the company name', async () => {
    ws = await createTestWorkspace({ company: '北京星辰科技有限公司' });
    const session = ws.host.session();
    const info = await ws.call(session, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(info.companyName).toBe('北京星辰科技有限公司');
    expect(info.user.role).toBe('admin');
  });
});
