import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceMigrationsFolder } from '../../src-main/db/migrate';
import { createHost, type Host } from '../../src-main/host';
import { isLoopback, startBridge, type Bridge } from '../../src-main/bridge/server';
import { testScrypt } from '../helpers/workspace';

let root: string;
let host: Host;
let bridge: Bridge;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tuoke-bridge-'));
  const renderer = join(root, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head><script type="module" src="./app.js"></script></head></html>');
  host = createHost({ dataDir: join(root, 'data'), migrationsFolder: sourceMigrationsFolder(), scrypt: testScrypt });
  bridge = await startBridge({ host, rendererDir: renderer });
});
afterAll(async () => {
  await bridge.close();
  host.close();
  rmSync(root, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${bridge.port}`;

describe('the test bridge', () => {
  it('refuses to bind anywhere but loopback', async () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    for (const h of ['0.0.0.0', '192.168.1.10', '10.0.0.1', 'example.com', '::']) expect(isLoopback(h)).toBe(false);
    await expect(startBridge({ host, rendererDir: root, hostname: '0.0.0.0' })).rejects.toThrow(/loopback only/);
  });

  it('answers nothing without the token, and everything with its cookie', async () => {
    expect((await fetch(`${base()}/`)).status).toBe(403);
    expect((await fetch(`${base()}/?token=wrong`)).status).toBe(403);
    const start = await fetch(bridge.url, { redirect: 'manual' });
    expect(start.status).toBe(303);
    const cookie = start.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
    const headers = { cookie: cookie.split(';')[0]! };
    const page = await fetch(`${base()}/`, { headers });
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('/__bridge/api.js');
    const invoke = (body: unknown, client = '00000000-0000-4000-8000-000000000000') =>
      fetch(`${base()}/__bridge/invoke`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'x-tuoke-client': client },
        body: JSON.stringify(body),
      });
    expect(await (await invoke({ channel: 'app.status', input: {} })).json()).toEqual({ ok: true, value: { initialized: false, session: null } });
    expect(((await (await invoke({ channel: 'users.list', input: {} })).json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    // A request that names another host (DNS rebinding) is refused.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: bridge.port, path: '/', headers: { ...headers, host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('pushes change notices (table names) as Server-Sent Events, only with the token; a call names its own tables', async () => {
    expect((await fetch(`${base()}/__bridge/changes`)).status).toBe(403);
    const start = await fetch(bridge.url, { redirect: 'manual' });
    const headers = { cookie: start.headers.get('set-cookie')!.split(';')[0]! };
    expect((await fetch(`${base()}/__bridge/changes`, { method: 'POST', headers })).status).toBe(405);
    const stream = new AbortController();
    const events = await fetch(`${base()}/__bridge/changes`, { headers, signal: stream.signal });
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = events.body!.getReader();
    const received: string[] = [];
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        received.push(Buffer.from(value!).toString('utf8'));
      }
    })();
    const created = await fetch(`${base()}/__bridge/invoke`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'x-tuoke-client': '00000000-0000-4000-8000-000000000001' },
      body: JSON.stringify({
        channel: 'setup.create',
        input: { companyName: '杭州桥接测试有限公司', adminUsername: 'admin', adminDisplayName: '王管理', password: 'admin-pass-1', locale: 'zh-CN' },
      }),
    });
    const result = (await created.json()) as { ok: boolean; changed?: string[] };
    expect(result.ok).toBe(true);
    expect(result.changed).toEqual(expect.arrayContaining(['users', 'settings']));
    await expect.poll(() => received.join('')).toMatch(/^data: \{"tables":\[.*"users".*\]\}$/m);
    const data = received.join('').split('\n').filter((l) => l.startsWith('data: '));
    // Only table names travel.
    for (const line of data) expect(Object.keys(JSON.parse(line.slice(6)) as object)).toEqual(['tables']);
    stream.abort();
    await reading;
  });
});
