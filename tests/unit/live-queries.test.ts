import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../../src-main/db/schema';
import { channels, contract, type Channel } from '../../src-shared/contract';
import { readsAny, tablesRead, type ReadChannel } from '../../src-shared/contract/reads';
import { tableNames } from '../../src-shared/tables';

/**
 * The windows' side of the change notices: which channels are reads (ChannelDef.reads), that the
 * table names they declare are the schema's, and the invalidation predicate on a real QueryClient.
 */

describe('table names', () => {
  it('are exactly the tables of the schema', () => {
    const inSchema = Object.values(schema as Record<string, unknown>)
      .filter((v): v is SQLiteTable => is(v, SQLiteTable))
      .map((t) => getTableConfig(t).name);
    expect([...tableNames].sort()).toEqual([...new Set(inSchema)].sort());
  });

  it('exchange.conflicts reads every table whose records travel (a conflict shows this PC’s values of any of them)', () => {
    expect(tablesRead(['exchange.conflicts'])).toEqual(expect.arrayContaining(schema.exchangedTables().map((d) => getTableConfig(d.table).name)));
  });
});

/**
 * Every channel that is not a read, and why: it changes something, makes a file, or acts (an
 * integrity check, the printer). Every other channel is a read and declares what it reads; a new
 * channel lands in one list or the other here, on purpose.
 */
const notReads = [
  'setup.create', 'setup.joinUpload', 'setup.join',
  'auth.login', 'auth.recover', 'auth.logout', 'auth.changePassword',
  'users.create', 'users.update', 'users.deactivate', 'users.activate', 'users.resetPassword',
  'settings.update', 'settings.setLogo',
  'system.check', 'backup.create', 'backup.restore', 'backup.updateSettings',
  'keys.rekey', 'system.rotateRecoveryKey',
  'prefs.set',
  'customers.create', 'customers.update', 'customers.delete', 'customers.restore', 'customers.purge', 'customers.claim', 'customers.release',
  'customers.assign', 'customers.balance', 'customers.handover', 'customers.setStatus', 'customers.setTier', 'customers.bulkTag',
  'customers.restoreVersion', 'customers.merge', 'customers.undoMerge', 'customers.export',
  'contacts.create', 'contacts.update', 'contacts.delete', 'contacts.export',
  'tags.create', 'tags.update', 'tags.delete',
  'import.upload', 'import.analyze', 'import.commit', 'import.cancel', 'import.errorWorkbook', 'import.discard', 'import.undo',
  'activities.create', 'activities.update', 'activities.delete', 'activities.transitionComplaint', 'activities.createTask',
  'activities.completeTask', 'activities.snoozeTask', 'activities.createSurvey', 'activities.exportGreetings', 'activities.updateGreetingSettings',
  'visits.export', 'visits.create', 'visits.update', 'visits.submit', 'visits.cancel', 'visits.approve', 'visits.reject', 'visits.recordResult',
  'visits.updateSettings', 'visits.markRead',
  'minutes.export', 'minutes.create', 'minutes.update', 'minutes.submit', 'minutes.approve', 'minutes.return', 'minutes.markSent', 'minutes.confirmReceipt',
  'orders.create', 'orders.update', 'orders.delete', 'orders.export', 'orders.addPayment', 'orders.removePayment', 'orders.saveRules',
  'reports.export', 'reports.salesReport.save', 'reports.salesReport.comment',
  'exchange.export', 'exchange.exportPlain', 'exchange.analyze', 'exchange.commit', 'exchange.cancel', 'exchange.resolve',
  'print.output',
] as const satisfies readonly Channel[];

describe('read channels', () => {
  it('every channel but the listed writes and actions declares the tables it reads', () => {
    const undeclared = channels.filter((c) => !(contract[c] as { reads?: unknown }).reads);
    expect(undeclared.sort()).toEqual([...notReads].sort());
  });

  it('only reads can be cached (useChannelQuery takes a ReadChannel)', () => {
    const read: ReadChannel = 'orders.list';
    // @ts-expect-error a write is not a ReadChannel
    const write: ReadChannel = 'orders.create';
    expect([read, write]).toHaveLength(2);
  });
});

describe('the invalidation predicate', () => {
  it('matches a cached answer whose channel reads a changed table, and nothing else', () => {
    expect(readsAny(['orders.list', { filter: {} }], new Set(['payments']))).toBe(true);
    expect(readsAny(['orders.list', { filter: {} }], new Set(['visits', 'minutes']))).toBe(false);
    expect(readsAny(['customers.get', { id: 'x' }], new Set(['customer_events']))).toBe(true);
    // Tables no channel declares (the change log behind most writes, the search index) refresh only what reads them.
    expect(readsAny(['customers.list', {}], new Set(['change_log', 'exchange_stamps', 'search_docs']))).toBe(false);
    expect(readsAny(['customers.history', { id: 'x' }], new Set(['change_log']))).toBe(true);
    // Not a channel, a channel that reads no table, a write's key, no tables.
    expect(readsAny(['something-local'], new Set(['customers']))).toBe(false);
    expect(readsAny(['print.capabilities', {}], new Set(['settings']))).toBe(false);
    expect(readsAny(['orders.create', {}], new Set(['orders']))).toBe(false);
    expect(readsAny(['orders.list', {}], new Set())).toBe(false);
  });

  it('on a QueryClient: the answers on screen that read a changed table refetch, the others go stale, the rest stay', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
    const fetched: string[] = [];
    const fetcher = (name: string) => async () => {
      fetched.push(name);
      return name;
    };
    // On screen (an observer): the orders list and the customer's card.
    const orders = new QueryObserver(client, { queryKey: ['orders.list', { filter: {} }], queryFn: fetcher('orders.list') });
    const card = new QueryObserver(client, { queryKey: ['customers.get', { id: 'c1' }], queryFn: fetcher('customers.get') });
    const stops = [orders.subscribe(() => undefined), card.subscribe(() => undefined)];
    // Cached but not shown: the visits list and the tags.
    await client.prefetchQuery({ queryKey: ['visits.list', { from: 0, to: 1 }], queryFn: fetcher('visits.list') });
    await client.prefetchQuery({ queryKey: ['tags.list', {}], queryFn: fetcher('tags.list') });
    await expect.poll(() => [...fetched].sort()).toEqual(['customers.get', 'orders.list', 'tags.list', 'visits.list']);
    fetched.length = 0;

    const refresh = (tables: string[]) => client.invalidateQueries({ predicate: (q) => readsAny(q.queryKey, new Set(tables)) });
    const stale = () =>
      client
        .getQueryCache()
        .getAll()
        .filter((q) => q.isStale())
        .map((q) => q.queryKey[0] as string)
        .sort();

    // An order was paid (another window): the orders list refetches, nothing else moves.
    await refresh(['payments', 'change_log']);
    expect(fetched).toEqual(['orders.list']);
    expect(stale()).toEqual([]);
    fetched.length = 0;

    // A visit was planned: the visits list is not on screen, so it goes stale and waits.
    await refresh(['visits', 'visit_steps']);
    expect(fetched).toEqual([]);
    expect(stale()).toEqual(['visits.list']);

    // A customer renamed: both answers on screen that show customers refetch, the hidden visits list stays stale, the tags are untouched.
    await refresh(['customers']);
    expect([...fetched].sort()).toEqual(['customers.get', 'orders.list']);
    expect(stale()).toEqual(['visits.list']);
    expect(client.getQueryData(['orders.list', { filter: {} }])).toBe('orders.list');

    for (const stop of stops) stop();
    client.clear();
  });
});
