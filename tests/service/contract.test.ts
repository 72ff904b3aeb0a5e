import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, type Access, type Channel } from '../../src-shared/contract';
import { roles } from '../../src-shared/roles';
import { allows } from '../../src-main/ipc/registry';
import type { Session } from '../../src-main/ipc/session';
import { workspaceFingerprint } from '../helpers/rawDb';
import { ADMIN, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

/**
 * These tests iterate over the contract itself, so a channel added later is
 * covered by them without anyone editing this file.
 */
const entries = Object.entries(contract) as [Channel, { input: z.ZodType; access: Access }][];

const nonPublic = entries.filter(([, def]) => def.access !== 'public');

/** The fields an object schema requires (those that do not accept a missing value). */
const requiredFields = (schema: z.ZodType): string[] =>
  schema instanceof z.ZodObject
    ? Object.entries(schema.shape as Record<string, z.ZodType>)
        .filter(([, field]) => !field.safeParse(undefined).success)
        .map(([key]) => key)
    : [];

const isStrict = (schema: z.ZodType): boolean =>
  schema instanceof z.ZodObject && schema.def.catchall instanceof z.ZodNever;

/** A value of the wrong type for a field: a number where a string is expected, else a string. */
const wrongTypeFor = (field: z.ZodType): unknown =>
  [42, 'not-the-right-type', true, null, [], {}].find((candidate) => !field.safeParse(candidate).success);

/** One malformed input per case that must fail validation, generated from each channel's schema. */
const malformedInputs = (schema: z.ZodType): { label: string; input: unknown; field?: string }[] => {
  const cases: { label: string; input: unknown; field?: string }[] = [];
  if (!schema.safeParse(42).success) cases.push({ label: 'the number 42', input: 42 });
  if (!schema.safeParse('text').success) cases.push({ label: 'a string', input: 'text' });
  if (!schema.safeParse([]).success) cases.push({ label: 'an array', input: [] });
  if (isStrict(schema) || requiredFields(schema).length > 0) {
    cases.push({ label: '{ unexpected: true }', input: { unexpected: true } });
  }
  if (schema instanceof z.ZodObject) {
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const wrong = wrongTypeFor(field);
      if (wrong !== undefined) cases.push({ label: `${key}: ${JSON.stringify(wrong)}`, input: { [key]: wrong }, field: key });
    }
  }
  return cases;
};

let ws: TestWorkspace;
afterEach(() => ws?.dispose());

describe('the IPC contract', () => {
  it('has channels of every kind of access to test', () => {
    expect(entries.some(([, d]) => d.access === 'public')).toBe(true);
    expect(entries.some(([, d]) => d.access === 'user')).toBe(true);
    expect(entries.some(([, d]) => Array.isArray(d.access))).toBe(true);
  });

  it('only names roles that exist in its access lists', () => {
    for (const [name, def] of entries) {
      if (Array.isArray(def.access)) for (const role of def.access) expect(roles, name).toContain(role);
    }
  });
});

describe('calling a channel without logging in', () => {
  beforeEach(async () => {
    ws = await createTestWorkspace();
  });

  it.each(nonPublic.map(([name]) => name))('refuses %s with UNAUTHENTICATED while nobody is logged in', async (name) => {
    const session = ws.host.session();
    const result = await ws.host.registry.invoke(session, name, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
    expect(ws.host.workspace.db).toBeNull();
  });

  it('refuses every non-public channel with UNAUTHENTICATED even while another window has the database open', async () => {
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    const sqlite = ws.host.workspace.db!.sqlite;
    const before = workspaceFingerprint(sqlite, ws.dir);
    const stranger = ws.host.session();
    for (const [name] of nonPublic) {
      const result = await ws.host.registry.invoke(stranger, name, {});
      expect(result, name).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    expect(workspaceFingerprint(sqlite, ws.dir)).toBe(before);
    expect(admin.user?.username).toBe(ADMIN.username);
  });

  it('answers public channels without a login', async () => {
    const result = await ws.host.registry.invoke(ws.host.session(), 'app.status', {});
    expect(result).toEqual({ ok: true, value: { initialized: true, session: null } });
  });
});

describe('malformed input', () => {
  let admin: Session;
  beforeEach(async () => {
    ws = await createTestWorkspace();
    admin = await ws.loginAs(ADMIN.username, ADMIN.password);
  });

  const cases = entries.flatMap(([name, def]) => malformedInputs(def.input).map((c) => ({ name, ...c })));

  it('covers every channel with at least one malformed input', () => {
    const covered = new Set(cases.map((c) => c.name));
    for (const [name] of entries) expect(covered.has(name), name).toBe(true);
  });

  it.each(cases)('refuses $name with $label as VALIDATION and changes nothing', async ({ name, input, field }) => {
    const sqlite = ws.host.workspace.db!.sqlite;
    const before = workspaceFingerprint(sqlite, ws.dir);
    const result = await ws.host.registry.invoke(admin, name, input);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!result.ok && field) {
      expect(result.error.issues?.some((i) => i.path[0] === field), JSON.stringify(result.error.issues)).toBe(true);
      expect(result.error.params?.fields).toContain(field);
    }
    expect(workspaceFingerprint(sqlite, ws.dir)).toBe(before);
    // Still logged in as the same admin: a malformed auth call does not end the session.
    expect(admin.user?.username).toBe(ADMIN.username);
    expect(ws.host.workspace.db?.sqlite).toBe(sqlite);
  });

  it('treats a missing input as an empty object', async () => {
    const result = await ws.host.registry.invoke(admin, 'settings.get', undefined);
    expect(result).toMatchObject({ ok: true, value: { companyName: '杭州测试贸易有限公司' } });
  });

  it('reports which field failed and why, as an i18n key', async () => {
    const result = await ws.host.registry.invoke(admin, 'users.create', {
      username: 'x',
      displayName: '李四',
      role: 'sales',
      password: 'long-enough-1',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: ['username'], message: 'validation.usernameLength' }] },
    });
  });
});

describe('role-based access', () => {
  const arrayAccess = entries.filter(([, def]) => Array.isArray(def.access));

  it.each(roles.filter((r) => r !== 'admin'))(
    'refuses a logged-in %s every channel reserved for other roles with FORBIDDEN, and changes nothing',
    async (role) => {
      ws = await createTestWorkspace();
      const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
      await ws.addUser(admin, `user-${role}`, role, 'role-pass-123');
      const session = await ws.loginAs(`user-${role}`, 'role-pass-123');
      const sqlite = ws.host.workspace.db!.sqlite;
      const before = workspaceFingerprint(sqlite, ws.dir);
      const denied = arrayAccess.filter(([, def]) => !allows(def.access, session.user));
      expect(denied.length).toBeGreaterThan(0);
      for (const [name] of denied) {
        // A well-formed-looking input: refused for the role, not for its shape.
        const result = await ws.host.registry.invoke(session, name, {});
        expect(result, name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '您没有权限执行此操作' } });
      }
      expect(workspaceFingerprint(sqlite, ws.dir)).toBe(before);
      expect(session.user?.role).toBe(role);
    },
  );

  it.each(roles)('lets a logged-in %s past the access check of every channel it may use', async (role) => {
    ws = await createTestWorkspace();
    let session: Session;
    if (role === 'admin') {
      session = await ws.loginAs(ADMIN.username, ADMIN.password);
    } else {
      const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
      await ws.addUser(admin, `user-${role}`, role, 'role-pass-123');
      session = await ws.loginAs(`user-${role}`, 'role-pass-123');
    }
    // 42 is no channel's valid input, so an allowed call stops at validation and runs no handler.
    for (const [name, def] of entries.filter(([, d]) => allows(d.access, session.user))) {
      if (def.input.safeParse(42).success) continue;
      const result = await ws.host.registry.invoke(session, name, 42);
      expect(result, name).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });
});

describe('unknown channels', () => {
  beforeEach(async () => {
    ws = await createTestWorkspace();
  });

  it.each(['nope.nothing', 'users.drop', '__proto__', 'constructor', 'toString', 'hasOwnProperty', ''])(
    'refuses %j with UNKNOWN_CHANNEL',
    async (name) => {
      const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
      const result = await ws.host.registry.invoke(admin, name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    },
  );

  it('refuses a channel name that is not a string, logged in or not', async () => {
    for (const name of [42, null, undefined, { toString: () => 'users.list' }, ['users.list']]) {
      const result = await ws.host.registry.invoke(ws.host.session(), name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('cuts a very long unknown name short in the message', async () => {
    const result = await ws.host.registry.invoke(ws.host.session(), 'x'.repeat(10_000), {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(String(result.error.params?.channel).length).toBeLessThanOrEqual(80);
  });
});
