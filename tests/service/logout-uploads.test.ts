import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADMIN, OFFICE, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

/** An import upload is a copy of a customer list in a temp folder: it goes when its user logs out. */

let ws: TestWorkspace;
afterEach(() => ws?.dispose());

const folders = (): string[] => readdirSync(tmpdir()).filter((n) => n.startsWith(`tuoke-import-${process.pid}-`));

describe('logging out', () => {
  it('removes the user’s import uploads', async () => {
    ws = await createTestWorkspace();
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    await ws.call(admin, 'users.create', OFFICE.wang);
    const wang = await ws.loginAs(OFFICE.wang.username, OFFICE.wang.password);
    const before = folders();
    const csv = Buffer.from('企业名称,电话\n杭州登出测试有限公司,13800138000\n', 'utf8');
    await ws.call(wang, 'import.upload', { fileName: '名单.csv', offset: 0, chunkBase64: csv.toString('base64'), final: true });
    const made = folders().filter((f) => !before.includes(f));
    expect(made).toHaveLength(1);
    await ws.call(wang, 'auth.logout', {});
    await vi.waitFor(() => expect(folders().filter((f) => made.includes(f))).toEqual([]));
  });
});
