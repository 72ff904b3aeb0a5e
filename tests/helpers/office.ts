import { test } from 'vitest';
import type { Session } from '../../src-main/ipc/session';
import { ADMIN, OFFICE, createTestWorkspace, type TestWorkspace } from './workspace';

/** The people of OFFICE (王经理, 张三, 李四) an office can hold besides the administrator. */
export type OfficeMember = keyof typeof OFFICE;

/**
 * The office most service tests work in: a fresh workspace in a temp folder,
 * the administrator logged in, and the members added by the administrator and
 * then logged in, in OFFICE's order. The session or id of someone who is not
 * a member throws when it is read.
 */
export type Office = {
  ws: TestWorkspace;
  admin: Session;
  manager: Session; // manager 王经理 (OFFICE.wang)
  zhang: Session; // sales 张三
  li: Session; // sales 李四
  ids: { manager: string; zhang: string; li: string };
};

/** The field of Office (and of its ids) that holds each member. */
const fieldOf = { wang: 'manager', zhang: 'zhang', li: 'li' } as const satisfies Record<OfficeMember, keyof Office['ids']>;

/** The members' values under their fields, as getters: a non-member's throws (the test asked for someone its office does not have). */
const byField = <T>(values: Partial<Record<OfficeMember, T>>, what: string): Record<keyof Office['ids'], T> => {
  const out = {} as Record<keyof Office['ids'], T>;
  for (const member of Object.keys(fieldOf) as OfficeMember[]) {
    Object.defineProperty(out, fieldOf[member], {
      enumerable: true,
      get: () => {
        if (values[member] === undefined) throw new Error(`${OFFICE[member].displayName} is not in this office (officeMembers), so has no ${what}`);
        return values[member];
      },
    });
  }
  return out;
};

const openOffice = async (ws: TestWorkspace, members: readonly OfficeMember[]): Promise<Office> => {
  const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
  const ids: Partial<Record<OfficeMember, string>> = {};
  for (const m of members) ids[m] = (await ws.call(admin, 'users.create', OFFICE[m])).id;
  const sessions: Partial<Record<OfficeMember, Session>> = {};
  for (const m of members) sessions[m] = await ws.loginAs(OFFICE[m].username, OFFICE[m].password);
  // Copied as getters (a spread would read them, and a non-member's throws).
  return Object.defineProperties({ ws, admin, ids: byField(ids, 'id') }, Object.getOwnPropertyDescriptors(byField(sessions, 'session'))) as Office;
};

/**
 * `it` with the office as a fixture: `it.beforeEach(({ office }) => …)` or
 * `it('…', ({ office }) => …)` gets a new one for each test, disposed after
 * it. Everyone of OFFICE is a member unless the file says otherwise with
 * `it.override({ officeMembers: ['wang', 'zhang'] })`.
 */
export const it = test.extend<{ officeMembers: readonly OfficeMember[]; office: Office }>({
  officeMembers: [['wang', 'zhang', 'li'], { injected: false }],
  office: async ({ officeMembers }, use) => {
    const ws = await createTestWorkspace();
    try {
      await use(await openOffice(ws, officeMembers));
    } finally {
      ws.dispose();
    }
  },
});
