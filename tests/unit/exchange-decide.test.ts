import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../src-main/services/customers/access';
import { decideRow, type Answers, type Decision, type LocalRow, type LocalStamp } from '../../src-main/services/exchange/decide';
import type { ExchangeType } from '../../src-main/services/exchange/declarations';
import type { ReadRow, Vv } from '../../src-main/services/exchange/workbook';

/**
 * decideRow with plain objects: a record type declared by hand, this PC's
 * version of a row and the workbook's. No database: what it needs to look
 * up it asks for, and the answers are given here.
 */

const manager: Viewer = { id: 'm1', role: 'manager' };
const sales: Viewer = { id: 's1', role: 'sales' };

const type = (over: Partial<ExchangeType> = {}, decl: Partial<ExchangeType['decl']> = {}): ExchangeType => ({
  decl: {
    table: undefined as never,
    sheet: 'Things',
    authority: { record: 'owner', columns: { tier: 'manager' } },
    merge: { last_contact_at: 'max' },
    ...decl,
  },
  name: 'things',
  sheet: 'Things',
  key: ['id'],
  columns: ['id', 'customer_id', 'name', 'tier', 'last_contact_at', 'deleted_at', 'updated_at', 'updated_by'],
  kinds: { id: 'text', customer_id: 'text', name: 'text', tier: 'text', last_contact_at: 'integer', deleted_at: 'integer', updated_at: 'integer', updated_by: 'text' },
  blankText: new Set(),
  customer: 'customer_id',
  user: undefined,
  partOf: undefined,
  ...over,
});

const t = type();

const values = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'r1',
  customer_id: 'c1',
  name: 'Alpha',
  tier: 'a',
  last_contact_at: 100,
  deleted_at: null,
  updated_at: 1000,
  updated_by: 'u1',
  ...over,
});

const remote = (vv: Vv, over: Record<string, unknown> = {}, row: Partial<ReadRow> = {}): ReadRow => {
  const v = values(over) as ReadRow['values'];
  return { id: 'r1', vv, hlc: 5, node: 'B', deleted: false, values: v, rowNumber: 2, intact: true, present: new Set(Object.keys(v)), ...row };
};

const stamp = (vv: Vv, over: Partial<LocalStamp> = {}): LocalStamp => ({ vv: JSON.stringify(vv), hlc: 4, node: 'A', seq: 1, deleted: 0, ...over });
const here = (vv: Vv, over: Record<string, unknown> = {}): LocalRow => ({ values: values(over), stamp: stamp(vv) });
const none: LocalRow = { values: undefined, stamp: undefined };

/** Everything a manager's import can be told, nothing waiting, everything present. */
const plain: Answers = { allowed: true, openConflict: null, customerExists: true, hold: null, partHeld: null };

describe('decideRow', () => {
  it('inserts a row never seen here with every column coerced to its type', () => {
    const d = decideRow(none, remote({ A: 1 }, { last_contact_at: '200' }), t, manager, plain);
    expect(d).toEqual({ kind: 'insert', values: values({ last_contact_at: 200 }) });
  });

  it('updates only the columns the workbook changed when its version descends from ours', () => {
    const d = decideRow(here({ A: 1 }), remote({ A: 1, B: 1 }, { name: 'Beta' }), t, manager, plain);
    expect(d).toEqual({ kind: 'update', patch: { name: 'Beta' }, followMerge: false, count: 'updated' });
  });

  it('counts a newer version that moves the row into the recycle bin as a deletion, and follows a changed customer', () => {
    expect(decideRow(here({ A: 1 }), remote({ A: 2 }, { deleted_at: 77 }), t, manager, plain)).toMatchObject({ kind: 'update', count: 'deleted' });
    expect(decideRow(here({ A: 1 }), remote({ A: 2 }, { customer_id: 'c2' }), t, manager, plain)).toMatchObject({ kind: 'update', followMerge: true });
  });

  it('deletes a row deleted there, and only remembers the deletion of a row never seen', () => {
    expect(decideRow(here({ A: 1 }), remote({ A: 2 }, {}, { deleted: true }), t, manager, plain)).toEqual({ kind: 'delete', remove: true });
    expect(decideRow(none, remote({ A: 2 }, {}, { deleted: true }), t, manager, {})).toEqual({ kind: 'delete', remove: false });
  });

  it('keeps this PC’s version when the workbook’s is the same or older', () => {
    expect(decideRow(here({ A: 2 }), remote({ A: 2 }, { name: 'Beta' }), t, manager, {})).toEqual({ kind: 'keep', count: 'unchanged' });
    expect(decideRow(here({ A: 3 }), remote({ A: 2 }, { name: 'Beta' }), t, manager, {})).toEqual({ kind: 'keep', count: 'older' });
  });

  it('makes a conflict of concurrent changes, with the columns that differ', () => {
    const d = decideRow(here({ A: 2 }, { name: 'Gamma' }), remote({ A: 1, B: 1 }, { name: 'Beta' }), t, manager, plain);
    expect(d).toEqual({ kind: 'conflict', reason: 'both_changed', columns: ['name'], otherId: null, replaces: null });
  });

  it('replaces a waiting conflict with another version, and leaves one with the same version alone', () => {
    const r = remote({ A: 1, B: 1 }, { name: 'Beta' });
    const older = { id: 'k1', remoteVv: '{"B":0}', reason: 'both_changed' };
    expect(decideRow(here({ A: 2 }, { name: 'Gamma' }), r, t, manager, { ...plain, openConflict: older })).toMatchObject({ kind: 'conflict', replaces: 'k1' });
    const same = { id: 'k1', remoteVv: '{"A":1,"B":1}', reason: 'both_changed' };
    expect(decideRow(here({ A: 2 }, { name: 'Gamma' }), r, t, manager, { ...plain, openConflict: same })).toEqual({
      kind: 'pending',
      reason: 'both_changed',
      columns: ['name'],
      conflictId: 'k1',
    });
  });

  it('settles concurrent versions that differ only in self-settling columns and who/when, without a conflict', () => {
    const d = decideRow(here({ A: 2 }), remote({ A: 1, B: 1 }, { last_contact_at: 300, updated_at: 2000, updated_by: 'u2' }), t, manager, {});
    expect(d).toEqual({ kind: 'settle', patch: { last_contact_at: 300, updated_at: 2000, updated_by: 'u2' }, vv: { A: 2, B: 1 }, hlc: 5, node: 'B', deleted: false });
  });

  it('supersedes a waiting conflict that the workbook’s version descends from', () => {
    const open = { id: 'k2', remoteVv: '{"B":1}', reason: 'both_changed' };
    const d = decideRow(here({ A: 1 }), remote({ A: 1, B: 1 }, { name: 'Beta' }), t, manager, { ...plain, openConflict: open });
    expect(d).toMatchObject({ kind: 'update', supersedes: 'k2' });
  });

  it('refuses what the viewer may not change, a row whose customer is missing, and a new row edited by hand', () => {
    expect(decideRow(here({ A: 1 }), remote({ A: 2 }, { name: 'Beta' }), t, sales, { ...plain, allowed: false })).toEqual({ kind: 'refuse', note: 'forbidden' });
    expect(decideRow(none, remote({ A: 1 }), t, manager, { ...plain, customerExists: false })).toEqual({ kind: 'refuse', note: 'parent_missing' });
    expect(decideRow(none, remote({ A: 1 }, {}, { intact: false }), t, manager, plain)).toEqual({ kind: 'refuse', note: 'hand_edited_new' });
  });

  it('turns a hand edit into a conflict, unless it changes a column the person may not set', () => {
    const edited = remote({ A: 1 }, { name: 'Beta' }, { intact: false });
    expect(decideRow(here({ A: 1 }), edited, t, sales, plain)).toEqual({ kind: 'conflict', reason: 'hand_edited', columns: ['name'], otherId: null, replaces: null });
    const tier = remote({ A: 1 }, { tier: 'b' }, { intact: false });
    expect(decideRow(here({ A: 1 }), tier, t, sales, plain)).toEqual({ kind: 'refuse', note: 'refused', reason: 'manager', column: 'tier' });
    expect(decideRow(here({ A: 1 }), remote({ A: 1 }, { updated_at: 5 }, { intact: false }), t, sales, {})).toEqual({ kind: 'keep', count: 'unchanged' });
  });

  it('holds a new record its type holds for a person (a duplicate) as a conflict', () => {
    const held = type({}, { holdNew: () => null });
    const d = decideRow(none, remote({ A: 1 }), held, manager, { ...plain, hold: { reason: 'name', otherId: 'r0' } });
    expect(d).toEqual({ kind: 'conflict', reason: 'duplicate', columns: ['name'], otherId: 'r0', replaces: null });
  });

  it('holds a part while its record waits in a conflict', () => {
    const part = type({ partOf: { column: 'customer_id', parent: 'customers' } });
    expect(decideRow(here({ A: 1 }), remote({ A: 2 }), part, manager, { ...plain, partHeld: 'k3' })).toEqual({ kind: 'hold', conflictId: 'k3' });
  });

  it('asks for what it must look up, one question at a time, only on the way that needs it', () => {
    const part = type({ partOf: { column: 'customer_id', parent: 'customers' } }, { holdNew: () => null });
    const asked: string[] = [];
    let known: Answers = {};
    let d: Decision = decideRow(none, remote({ A: 1 }), part, sales, known);
    while (d.kind === 'ask') {
      asked.push(d.question.ask);
      const q = d.question;
      known = { ...known, [q.ask]: q.ask === 'allowed' || q.ask === 'customerExists' ? true : null };
      d = decideRow(none, remote({ A: 1 }), part, sales, known);
    }
    expect(asked).toEqual(['partHeld', 'allowed', 'customerExists', 'hold']);
    expect(d.kind).toBe('insert');
    // Equal versions need nothing looked up.
    expect(decideRow(here({ A: 1 }), remote({ A: 1 }), t, sales, {})).toEqual({ kind: 'keep', count: 'unchanged' });
  });
});
