// The ownership and role policy (src-main/services/policy) as tables: role × ownership × record state → allowed.
// Each table states the office's rules (PRODUCT.md §1, §3, §5, §6, §8) literally; the policy must give exactly them.
import { describe, expect, it } from 'vitest';
import type { ComplaintStatus } from '../../src-shared/activities/enums';
import { contract, type Channel } from '../../src-shared/contract';
import type { Role } from '../../src-shared/roles';
import type { UserCan } from '../../src-shared/types';
import type { MinutesStatus, VisitStatus } from '../../src-shared/visits/enums';
import {
  activityCan,
  canSeeFiguresOf,
  canSeeOrder,
  customerCan,
  exchangeRuleAllows,
  minutesCan,
  orderCan,
  taskCan,
  userCan,
  visitCan,
  type Viewer,
} from '../../src-main/services/policy/policy';

const admin: Viewer = { id: 'a', role: 'admin' };
const manager: Viewer = { id: 'm', role: 'manager' };
const sales: Viewer = { id: 's', role: 'sales' };
const viewers = { admin, manager, sales } as const;

/** Whose: the viewer's own, another salesperson's ('o'), nobody's (the pool). */
type Whose = 'mine' | 'other' | 'pool';
const ownerOf = (v: Viewer, whose: Whose): string | null => (whose === 'mine' ? v.id : whose === 'other' ? 'o' : null);

/** The flags that are true; every other flag of the object must be false. */
const onlyTrue = <T extends Record<string, boolean>>(flags: T): string =>
  Object.entries(flags)
    .filter(([, v]) => v)
    .map(([k]) => k)
    .sort()
    .join(' ');

const WRITES = 'addSurvey addTask createOrder logContact planVisit seeSales writeMinutes';
const MANAGE = 'assign merge setTier';

describe('customers: role × owner × state', () => {
  type State = 'live' | 'binned' | 'merged';
  const facts = (v: Viewer, whose: Whose, state: State) => ({
    ownerId: ownerOf(v, whose),
    deletedAt: state === 'binned' ? 1 : null,
    mergedInto: state === 'merged' ? 'x' : null,
  });
  const table: [keyof typeof viewers, Whose, State, string][] = [
    // A salesperson: their own customers fully; the pool's to edit and claim; another's not at all.
    ['sales', 'mine', 'live', `delete edit release ${WRITES}`],
    ['sales', 'pool', 'live', 'claim edit'],
    ['sales', 'other', 'live', ''],
    ['sales', 'mine', 'binned', 'restore'],
    ['sales', 'pool', 'binned', ''],
    ['sales', 'other', 'binned', ''],
    ['sales', 'mine', 'merged', ''],
    // A manager: every customer; not purge.
    ['manager', 'other', 'live', `delete edit release ${MANAGE} ${WRITES}`],
    ['manager', 'mine', 'live', `delete edit release ${MANAGE} ${WRITES}`],
    ['manager', 'pool', 'live', `claim delete edit ${MANAGE} ${WRITES}`],
    ['manager', 'other', 'binned', 'restore'],
    ['manager', 'pool', 'binned', 'restore'],
    ['manager', 'other', 'merged', ''],
    // An administrator: a manager's rights, and deleting for good from the recycle bin.
    ['admin', 'other', 'live', `delete edit release ${MANAGE} ${WRITES}`],
    ['admin', 'pool', 'live', `claim delete edit ${MANAGE} ${WRITES}`],
    ['admin', 'other', 'binned', 'purge restore'],
    ['admin', 'other', 'merged', ''],
  ];
  it.each(table)('%s, %s customer, %s: %s', (role, whose, state, expected) => {
    const v = viewers[role];
    expect(onlyTrue(customerCan(v, facts(v, whose, state)))).toBe(expected.split(' ').filter(Boolean).sort().join(' '));
  });
});

describe('contact log and tasks', () => {
  const entry = (over: Partial<{ sourceType: string | null; complaint: boolean; complaintStatus: ComplaintStatus | null }> = {}) => ({
    sourceType: null,
    complaint: false,
    complaintStatus: null,
    ...over,
  });
  const table: [keyof typeof viewers, Whose, ReturnType<typeof entry>, string][] = [
    ['sales', 'mine', entry(), 'delete edit'],
    ['sales', 'pool', entry(), ''],
    ['sales', 'other', entry({ complaint: true, complaintStatus: 'open' }), ''],
    ['sales', 'mine', entry({ complaint: true, complaintStatus: 'open' }), 'delete edit moveComplaint'],
    ['sales', 'mine', entry({ complaint: true, complaintStatus: 'handling' }), 'delete edit moveComplaint'],
    ['sales', 'mine', entry({ complaint: true, complaintStatus: 'resolved' }), 'delete edit'],
    // A carried-out visit's entry is the visit's.
    ['sales', 'mine', entry({ sourceType: 'visit' }), ''],
    ['manager', 'other', entry({ sourceType: 'visit' }), ''],
    ['manager', 'other', entry({ complaint: true, complaintStatus: 'open' }), 'delete edit moveComplaint'],
    ['admin', 'pool', entry(), 'delete edit'],
  ];
  it.each(table)('%s on a %s customer’s entry %o: %s', (role, whose, a, expected) => {
    const v = viewers[role];
    expect(onlyTrue(activityCan(v, a, { ownerId: ownerOf(v, whose) }))).toBe(expected);
  });

  const tasks: [keyof typeof viewers, 'me' | 'other', Whose, string, string][] = [
    // Its assignee, or whoever writes for its customer; only while open.
    ['sales', 'me', 'other', 'open', 'complete snooze'],
    ['sales', 'other', 'mine', 'open', 'complete snooze'],
    ['sales', 'other', 'pool', 'open', ''],
    ['sales', 'other', 'other', 'open', ''],
    ['sales', 'me', 'mine', 'done', ''],
    ['manager', 'other', 'other', 'open', 'complete snooze'],
    ['manager', 'other', 'other', 'done', ''],
  ];
  it.each(tasks)('%s, task assigned to %s, %s customer, %s: %s', (role, assignee, whose, status, expected) => {
    const v = viewers[role];
    expect(onlyTrue(taskCan(v, { assigneeId: assignee === 'me' ? v.id : 'o', status }, { ownerId: ownerOf(v, whose) }))).toBe(expected);
  });
});

describe('visits and minutes: who made it × whose customer × status', () => {
  const live = { deletedAt: null, mergedInto: null };
  type Made = 'me' | 'other' | 'me, created by other';
  const work = (v: Viewer, made: Made) =>
    made === 'me' ? { personId: v.id, createdBy: v.id } : made === 'other' ? { personId: 'o', createdBy: 'o' } : { personId: v.id, createdBy: 'o' };
  // [role, made by, whose customer, visit or minutes in this status, the flags that are true]
  const table: [keyof typeof viewers, Made, Whose, `visit ${VisitStatus}` | `minutes ${MinutesStatus}`, string][] = [
    // The salesperson on their own customer: the plan's steps, never its decision.
    ['sales', 'me', 'mine', 'visit draft', 'cancel edit submit'],
    ['sales', 'me', 'mine', 'visit rejected', 'cancel edit submit'],
    ['sales', 'me', 'mine', 'visit submitted', ''],
    ['sales', 'me', 'mine', 'visit approved', 'cancel record'],
    ['sales', 'me', 'mine', 'visit done', 'writeMinutes'],
    ['sales', 'me', 'mine', 'visit cancelled', ''],
    ['sales', 'me', 'mine', 'minutes draft', 'edit submit'],
    ['sales', 'me', 'mine', 'minutes returned', 'edit submit'],
    ['sales', 'me', 'mine', 'minutes submitted', ''],
    ['sales', 'me', 'mine', 'minutes approved', 'send'],
    ['sales', 'me', 'mine', 'minutes sent', 'confirm'],
    ['sales', 'me', 'mine', 'minutes confirmed', ''],
    // Their plan or minutes on a customer handed to someone else: no longer theirs to change.
    ['sales', 'me', 'other', 'visit draft', ''],
    ['sales', 'me', 'other', 'visit done', ''],
    ['sales', 'me', 'other', 'minutes draft', ''],
    // Another salesperson's visit on their customer: minutes of it, nothing else.
    ['sales', 'other', 'mine', 'visit draft', ''],
    ['sales', 'other', 'mine', 'visit done', 'writeMinutes'],
    ['sales', 'other', 'mine', 'minutes draft', ''],
    // Managers decide others' plans and minutes, never their own (nor ones they created for someone).
    ['manager', 'other', 'other', 'visit submitted', 'approve reject'],
    ['manager', 'me', 'pool', 'visit submitted', ''],
    ['manager', 'me, created by other', 'other', 'visit submitted', ''],
    ['manager', 'other', 'other', 'visit draft', 'cancel edit submit'],
    ['manager', 'other', 'other', 'visit done', 'writeMinutes'],
    ['manager', 'other', 'other', 'minutes submitted', 'approve return'],
    ['manager', 'me', 'other', 'minutes submitted', ''],
    ['manager', 'me, created by other', 'other', 'minutes submitted', ''],
    ['manager', 'other', 'other', 'minutes approved', 'send'],
    ['admin', 'other', 'pool', 'visit submitted', 'approve reject'],
    ['admin', 'other', 'mine', 'minutes submitted', 'approve return'],
  ];
  it.each(table)('%s, made by %s, %s customer, %s: %s', (role, made, whose, record, expected) => {
    const v = viewers[role];
    const [kind, status] = record.split(' ') as ['visit' | 'minutes', string];
    const customer = { ownerId: ownerOf(v, whose), ...live };
    const can =
      kind === 'visit'
        ? visitCan(v, { ...work(v, made), status: status as VisitStatus }, customer)
        : minutesCan(v, { ...work(v, made), status: status as MinutesStatus }, customer);
    expect(onlyTrue(can)).toBe(expected);
  });

  it('changes nothing of a visit or minutes whose customer is in the recycle bin or merged away', () => {
    for (const gone of [{ deletedAt: 1, mergedInto: null }, { deletedAt: null, mergedInto: 'x' }]) {
      expect(onlyTrue(visitCan(manager, { personId: 'o', createdBy: 'o', status: 'draft' }, { ownerId: 'o', ...gone }))).toBe('');
      expect(onlyTrue(visitCan(manager, { personId: 'o', createdBy: 'o', status: 'done' }, { ownerId: 'o', ...gone }))).toBe('');
      expect(onlyTrue(minutesCan(sales, { personId: 's', createdBy: 's', status: 'approved' }, { ownerId: 's', ...gone }))).toBe('');
      // The decision does not depend on the customer.
      expect(onlyTrue(visitCan(manager, { personId: 'o', createdBy: 'o', status: 'submitted' }, { ownerId: 'o', ...gone }))).toBe('approve reject');
    }
  });
});

describe('orders: whose customer × whose sale × customer state × what is owed', () => {
  type Sale = 'mine' | 'other' | 'nobody';
  const table: [keyof typeof viewers, Whose, Sale, boolean, boolean, string][] = [
    // [role, customer, sale credited to, customer live, something outstanding, flags]
    ['sales', 'mine', 'mine', true, true, 'addPayment delete edit removePayment'],
    ['sales', 'mine', 'nobody', true, false, 'delete edit removePayment'],
    // The previous owner's sale on a customer handed over: its payments, not the sale itself.
    ['sales', 'mine', 'other', true, true, 'addPayment removePayment'],
    // Their old sale on a customer handed to someone else: seen, not written.
    ['sales', 'other', 'mine', true, true, ''],
    ['sales', 'pool', 'mine', true, true, ''],
    ['sales', 'mine', 'mine', false, true, ''],
    ['manager', 'other', 'other', true, true, 'addPayment delete edit removePayment'],
    ['manager', 'pool', 'nobody', true, false, 'delete edit removePayment'],
    ['manager', 'other', 'other', false, true, ''],
    ['admin', 'other', 'other', true, true, 'addPayment delete edit removePayment'],
  ];
  it.each(table)('%s, %s customer, sale of %s, live %s, owed %s: %s', (role, whose, sale, customerLive, owed, expected) => {
    const v = viewers[role];
    const salespersonId = sale === 'mine' ? v.id : sale === 'other' ? 'o' : null;
    expect(onlyTrue(orderCan(v, { ownerId: ownerOf(v, whose), customerLive, salespersonId, amount: 100, received: owed ? 40 : 100 }))).toBe(expected);
  });

  it('lets a salesperson see the orders of their customers and their own sales, managers all', () => {
    expect(canSeeOrder(sales, { ownerId: 's', salespersonId: 'o' })).toBe(true);
    expect(canSeeOrder(sales, { ownerId: 'o', salespersonId: 's' })).toBe(true);
    expect(canSeeOrder(sales, { ownerId: null, salespersonId: null })).toBe(false);
    expect(canSeeOrder(sales, { ownerId: 'o', salespersonId: 'o' })).toBe(false);
    expect(canSeeOrder(manager, { ownerId: 'o', salespersonId: 'o' })).toBe(true);
  });
});

describe('reports, the exchange and the session', () => {
  it('shows a salesperson their own figures only; managers anyone’s and the team’s', () => {
    expect([canSeeFiguresOf(sales, 's'), canSeeFiguresOf(sales, 'o'), canSeeFiguresOf(sales, null)]).toEqual([true, false, false]);
    expect([canSeeFiguresOf(manager, 'o'), canSeeFiguresOf(manager, null), canSeeFiguresOf(admin, null)]).toEqual([true, true, true]);
  });

  it('takes a change by exchange workbook under its column’s rule, per role, by hand or deciding a conflict', () => {
    const rules = ['owner', 'manager', 'admin', 'system'] as const;
    const allowed = (v: Viewer, deciding: boolean) => rules.filter((r) => exchangeRuleAllows(v, r, deciding)).join(' ');
    expect(allowed(sales, false)).toBe('owner');
    expect(allowed(sales, true)).toBe('owner');
    expect(allowed(manager, false)).toBe('owner manager');
    expect(allowed(manager, true)).toBe('owner manager system');
    expect(allowed(admin, false)).toBe('owner manager admin');
    expect(allowed(admin, true)).toBe('owner manager admin system');
  });

  const expected: Record<Role, string> = {
    sales: '',
    manager:
      'actForOthers assignCustomers commentSalesReports exportAllData importLeads manageTags mergeCustomers reviewWork seeTeam setOfficeRules setTier workForAnyCustomer',
    admin:
      'actForOthers assignCustomers commentSalesReports exportAllData importLeads manageSystem manageTags manageUsers mergeCustomers purgeCustomers reviewWork seeTeam setOfficeRules setTier workForAnyCustomer',
  };
  it.each(Object.entries(expected))('gives a %s these screen rights: %s', (role, flags) => {
    expect(onlyTrue(userCan({ id: 'x', role: role as Role }))).toBe(flags);
  });

  // A screen right and the channels behind it: the registry lets a role call them exactly when the right says so.
  const behind: Partial<Record<keyof UserCan, Channel[]>> = {
    assignCustomers: ['customers.assign', 'customers.balance', 'customers.handover', 'customers.overdueFirstContact'],
    setTier: ['customers.setTier'],
    mergeCustomers: ['customers.merge', 'customers.undoMerge', 'customers.merges'],
    purgeCustomers: ['customers.purge'],
    manageTags: ['tags.create', 'tags.update', 'tags.delete'],
    importLeads: ['import.upload', 'import.commit', 'import.batches', 'import.undo'],
    reviewWork: ['visits.approve', 'visits.reject', 'visits.approvalQueue', 'minutes.approve', 'minutes.return', 'minutes.reviewQueue'],
    setOfficeRules: ['visits.updateSettings', 'orders.rules', 'orders.saveRules', 'activities.updateGreetingSettings'],
    commentSalesReports: ['reports.salesReport.comment'],
    exportAllData: ['exchange.exportPlain'],
    manageUsers: ['users.list', 'users.create', 'users.update', 'users.deactivate', 'users.resetPassword', 'loginHistory.list'],
    manageSystem: ['settings.update', 'system.check', 'backup.create', 'backup.restore', 'backup.updateSettings', 'system.rotateRecoveryKey'],
  };
  it.each(Object.entries(behind))('%s agrees with the access of its channels', (right, channels) => {
    for (const role of ['admin', 'manager', 'sales'] as const) {
      const can = userCan({ id: 'x', role })[right as keyof UserCan];
      for (const ch of channels!) {
        const access = contract[ch].access;
        const open = access === 'user' || access === 'public' || access.includes(role);
        expect({ role, channel: ch, open }).toEqual({ role, channel: ch, open: can });
      }
    }
  });
});
