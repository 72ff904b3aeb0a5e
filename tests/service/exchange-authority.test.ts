import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeSummary } from '../../src-shared/exchange/types';
import type { WriteDb } from '../../src-main/db/connection';
import { seedDemo } from '../../src-main/devtools/seedDemo';
import { isManagerLike, type Viewer } from '../../src-main/services/customers/access';
import { ruleOf } from '../../src-main/services/exchange/authority';
import { BOOKKEEPING, exchangeTypes, quoteIdent, type ExchangeType } from '../../src-main/services/exchange/declarations';
import { applyRows } from '../../src-main/services/exchange/merge';
import { mayChange } from '../../src-main/services/exchange/scope';
import { exchangeEnv, listConflicts, resolveConflicts } from '../../src-main/services/exchange/service';
import { readExchangeWorkbook } from '../../src-main/services/exchange/workbook';
import { columnOf, editInExcel, rowOfId, snapshotAll, twoPcs, type Pc } from './exchange-helpers';

/**
 * Every change that arrives by exchange as a person's own — a cell edited by hand in an exchange
 * workbook, a value taken in a conflict — obeys the same rules as the app's channels, column by
 * column, as each record type declares them (ExchangeDecl.authority). Generated from the
 * declarations: for every exchanged table × column × role, a hand-edited row and a resolution of
 * its conflict are either taken as the rule allows or refused with nothing written. Then the
 * concrete attacks a security review found, through the channels.
 */

type Role = 'admin' | 'manager' | 'sales';

let pcs: { a: Pc; b: Pc; dispose(): void };
let workbook = '';
let viewers: Record<Role, Viewer>;
let salespeople: Viewer[];

beforeAll(async () => {
  pcs = await twoPcs(async (a) => {
    await seedDemo(a.host.workspace, a.db, a.viewer.id, { customers: 50, seed: 11, chunk: 50 });
    // Tags, on every customer: the demo data has none.
    const ids = (a.db.sqlite.prepare('SELECT id FROM customers').all() as { id: string }[]).map((r) => r.id);
    const tags = [await a.call('tags.create', { name: '重点', color: 'red' }), await a.call('tags.create', { name: '展会', color: 'blue' })];
    await a.call('customers.bulkTag', { ids, add: [tags[0]!.id], remove: [] });
    await a.call('customers.bulkTag', { ids: ids.slice(0, 4), add: [tags[1]!.id], remove: [] });
  });
  const { a, b } = pcs;
  workbook = join(a.dir, 'all.xlsx');
  await a.exportTo(workbook);
  const users = b.db.sqlite.prepare(`SELECT id, role FROM users WHERE active = 1`).all() as Viewer[];
  salespeople = users.filter((u) => u.role === 'sales');
  // The salesperson of the concrete cases: one with a visit and a sales report.
  const withVisits = salespeople.find(
    (u) =>
      b.db.sqlite.prepare('SELECT 1 FROM visits v JOIN customers c ON c.id = v.customer_id WHERE c.owner_id = ?').get(u.id) &&
      b.db.sqlite.prepare('SELECT 1 FROM sales_reports WHERE user_id = ?').get(u.id),
  );
  viewers = { admin: b.viewer, manager: users.find((u) => u.role === 'manager')!, sales: withVisits ?? salespeople[0]! };
}, 120_000);

afterAll(() => pcs?.dispose());

/** The record of `t` the test edits and the salesperson in whose scope it is (their customer's, their own report, their sale). */
const targetOf = (b: Pc, t: ExchangeType, eligible: (row: Record<string, unknown>) => boolean): { row: Record<string, unknown>; sales: Viewer } | undefined => {
  const rows = (b.db.sqlite.prepare(`SELECT * FROM ${quoteIdent(t.name)}`).all() as Record<string, unknown>[]).filter(eligible);
  for (const sales of salespeople) {
    const row = inScope(b, t, sales, rows);
    if (row) return { row, sales };
  }
  return undefined;
};

const inScope = (b: Pc, t: ExchangeType, sales: Viewer, rows: Record<string, unknown>[]): Record<string, unknown> | undefined => {
  return rows.find((row) => {
    if (t.name === 'users') return row.role === 'sales';
    if (!t.customer && !t.user) return true;
    if (t.decl.authority.own && row[t.decl.authority.own] !== sales.id) return false;
    return mayChange(b.db.sqlite, t, sales, row, row);
  });
};

/** Columns with a unique index: another row's value would only be refused by the database. */
const uniqueColumns = (b: Pc, table: string): Set<string> => {
  const out = new Set<string>();
  for (const ix of b.db.sqlite.prepare(`PRAGMA index_list(${quoteIdent(table)})`).all() as { name: string; unique: number }[]) {
    if (!ix.unique) continue;
    const cols = b.db.sqlite.prepare(`PRAGMA index_info(${quoteIdent(ix.name)})`).all() as { name: string }[];
    if (cols.length === 1) out.add(cols[0]!.name);
  }
  return out;
};

/** Values the app keeps as they are set (a purchase stage would be derived again from the orders). */
const CHOSEN: Record<string, (string | number)[]> = { 'customers.status': ['lost', 'permanently_lost'] };

/** A different value the database accepts: another record's value of the column where there is one, else a changed one. */
const newValueOf = (b: Pc, t: ExchangeType, col: string, row: Record<string, unknown>, unique: Set<string>): string | number => {
  const chosen = CHOSEN[`${t.name}.${col}`]?.find((v) => v !== row[col]);
  if (chosen !== undefined) return chosen;
  const current = row[col];
  // A reference: another row of the table it refers to.
  const fk = (b.db.sqlite.prepare(`PRAGMA foreign_key_list(${quoteIdent(t.name)})`).all() as { from: string; table: string; to: string | null }[]).find((f) => f.from === col);
  if (fk) {
    const other = b.db.sqlite
      .prepare(`SELECT ${quoteIdent(fk.to ?? 'id')} AS v FROM ${quoteIdent(fk.table)} WHERE ${quoteIdent(fk.to ?? 'id')} IS NOT ? LIMIT 1`)
      .get(current) as { v: string | number } | undefined;
    if (other) return other.v;
  }
  if (!unique.has(col)) {
    const other = b.db.sqlite
      .prepare(`SELECT ${quoteIdent(col)} AS v FROM ${quoteIdent(t.name)} WHERE ${quoteIdent(col)} IS NOT NULL AND ${quoteIdent(col)} IS NOT ? LIMIT 1`)
      .get(current) as { v: string | number } | undefined;
    if (other) return other.v;
  }
  if (t.kinds[col] === 'text') return `${typeof current === 'string' ? current : ''}改`;
  return typeof current === 'number' ? (current === 0 || current === 1 ? 1 - current : current + 1) : 1;
};

/** Runs `fn` in a transaction that is always rolled back: each case starts from the same state. */
const inRollback = async <T>(b: Pc, fn: (tx: WriteDb) => Promise<T> | T): Promise<T> => {
  const open = b.db.begin(null);
  try {
    return await fn(open.tx);
  } finally {
    open.rollback();
  }
};

const roles: Role[] = ['admin', 'manager', 'sales'];

describe('changes by hand through an exchange workbook obey the declared rules', () => {
  it('for every exchanged table × column × role: a hand edit and a resolution are taken as allowed or refused, nothing else written', async () => {
    const { a, b } = pcs;
    const env = exchangeEnv(b.db, b.host.workspace.openKey(), b.host.workspace.keyring().workspaceId);
    const before = snapshotAll(b.db);
    const outcomes: string[] = [];
    let cases = 0;
    let refusedSome = 0;
    let allowedSome = 0;

    // Per table: the record edited, the salesperson in whose scope it is, and the columns to edit one at a time.
    type Target = { t: ExchangeType; row: Record<string, unknown>; id: string; actors: Record<Role, Viewer>; columns: string[]; unique: Set<string> };
    const targets: Target[] = [];
    for (const t of exchangeTypes()) {
      // A part (an order's line) of a record other than the one edited: parts wait and settle with their record's conflict.
      const parentTarget = t.partOf ? targets.find((x) => x.t.name === t.partOf!.parent)?.id : undefined;
      // A record with parts: preferably one without any, so that the part edited belongs to another record.
      const parts = exchangeTypes().filter((x) => x.partOf?.parent === t.name);
      const partless = (row: Record<string, unknown>): boolean =>
        parts.every((x) => !b.db.sqlite.prepare(`SELECT 1 FROM ${quoteIdent(x.name)} WHERE ${quoteIdent(x.partOf!.column)} = ?`).get(row.id));
      const found =
        (parts.length ? targetOf(b, t, partless) : undefined) ?? targetOf(b, t, (row) => !t.partOf || row[t.partOf.column] !== parentTarget);
      expect(found, `a ${t.name} row in a salesperson's scope`).toBeDefined();
      const { row, sales } = found!;
      targets.push({
        t,
        row,
        id: t.key.map((k) => String(row[k])).join('|'),
        actors: { ...viewers, sales },
        columns: t.columns.filter((col) => !t.key.includes(col) && !BOOKKEEPING.has(col)),
        unique: uniqueColumns(b, t.name),
      });
    }
    // The workbook as Excel opens it, once; each round edits the k-th column of every table's record (records of
    // different tables are independent), saves a copy and puts the cells back.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(workbook);
    const rounds = Math.max(...targets.map((x) => x.columns.length));
    for (let k = 0; k < rounds; k += 1) {
      const edits = targets.flatMap((x) => (k < x.columns.length ? [{ ...x, col: x.columns[k]! }] : []));
      const undo: (() => void)[] = [];
      for (const e of edits) {
        const ws = book.getWorksheet(e.t.sheet)!;
        const cell = ws.getRow(rowOfId(ws, e.id)).getCell(columnOf(ws, e.col));
        const old = cell.value;
        cell.value = newValueOf(b, e.t, e.col, e.row, e.unique);
        undo.push(() => void (cell.value = old));
      }
      const edited = join(a.dir, `edit-${k}.xlsx`);
      await book.xlsx.writeFile(edited);
      for (const u of undo) u();
      const parsed = await readExchangeWorkbook(edited, env, exchangeTypes());
      const cases_ = edits.map((e) => {
        const value = newValueOf(b, e.t, e.col, e.row, e.unique);
        const remote = { ...e.row, [e.col]: value };
        const rule = ruleOf(e.t, e.col);
        const own = e.t.decl.authority.own;
        const allowedFor = (v: Viewer): boolean =>
          (rule === 'owner' || (rule === 'manager' && isManagerLike(v)) || (rule === 'admin' && v.role === 'admin')) &&
          (isManagerLike(v) || (mayChange(b.db.sqlite, e.t, v, e.row, remote) && (!own || remote[own] === v.id)));
        return { ...e, value, allowedFor, shown: `${e.t.name}.${e.col}` };
      });
      const valueNow = (c: (typeof cases_)[number]): unknown => {
        const hit = b.db.sqlite
          .prepare(`SELECT ${quoteIdent(c.col)} AS v FROM ${quoteIdent(c.t.name)} WHERE ${c.t.key.map((key) => `${quoteIdent(key)} = ?`).join(' AND ')}`)
          .get(...c.t.key.map((key) => c.row[key])) as { v: unknown } | undefined;
        return hit ? hit.v : `(${c.shown}: no row)`;
      };

      // 1) Imported by each role: a conflict for a person where the role may make the change, else refused.
      for (const role of roles) {
        const actorsOf = (c: (typeof cases_)[number]): Viewer => c.actors[role];
        // A salesperson imports as the one in whose scope each record is: one import per distinct salesperson.
        const groups = new Map<string, typeof cases_>();
        for (const c of cases_) groups.set(actorsOf(c).id, [...(groups.get(actorsOf(c).id) ?? []), c]);
        for (const group of groups.values()) {
          const v = actorsOf(group[0]!);
          await inRollback(b, (tx) => {
            const plan = applyRows(tx, v, parsed, exchangeTypes(), 'test-import');
            for (const c of group) {
              cases += 1;
              const conflict = plan.conflicts.find((x) => x.table === c.t.name && x.recordId === c.id);
              const note = plan.notes.find((n) => (n.kind === 'refused' || n.kind === 'forbidden') && n.sheet === c.t.sheet && n.detail === c.id);
              const allowed = c.allowedFor(v);
              outcomes.push(`${c.shown} ${role} ${allowed ? 'taken' : `refused (${note?.reason ?? note?.kind})`}`);
              if (allowed) {
                expect(conflict, `${c.shown} by ${role}: a conflict`).toMatchObject({ reason: 'hand_edited', columns: [c.col] });
                expect(note, `${c.shown} by ${role}: nothing refused`).toBeUndefined();
                allowedSome += 1;
              } else {
                expect(conflict, `${c.shown} by ${role}: no conflict`).toBeUndefined();
                expect(note, `${c.shown} by ${role}: refused in the summary`).toBeDefined();
                refusedSome += 1;
              }
            }
            // Nothing of a refused row was written: the only rows written are the conflicts of the allowed ones.
            expect(b.db.sqlite.prepare('SELECT count(*) AS n FROM exchange_conflicts').get()).toEqual({ n: group.filter((c) => c.allowedFor(v)).length });
            // The person takes the workbook's value: it is written.
            for (const c of group.filter((x) => x.allowedFor(v))) {
              const conflictId = plan.conflicts.find((x) => x.table === c.t.name && x.recordId === c.id)!.conflictId!;
              try {
                resolveConflicts(b.db, v, [{ conflictId, fields: { [c.col]: 'remote' } }]);
              } catch (e) {
                throw new Error(`${c.shown} by ${role} = ${String(c.value)}: ${(e as Error).message}`);
              }
              expect(String(valueNow(c)), `${c.shown} by ${role}: taken`).toBe(String(c.value));
            }
          });
        }
      }

      // 2) The conflicts an admin's import left (where an admin may make the change), resolved by each role.
      const byAdmin = cases_.filter((c) => c.allowedFor(viewers.admin));
      await inRollback(b, (tx) => {
        const plan = applyRows(tx, viewers.admin, parsed, exchangeTypes(), 'test-import');
        for (const c of byAdmin) {
          const conflictId = plan.conflicts.find((x) => x.table === c.t.name && x.recordId === c.id)!.conflictId!;
          for (const role of roles) {
            const v = c.actors[role];
            cases += 1;
            tx.sqlite.exec('SAVEPOINT resolve');
            try {
              let error: { code?: string } | null = null;
              try {
                resolveConflicts(b.db, v, [{ conflictId, fields: { [c.col]: 'remote' } }]);
              } catch (e) {
                error = e as { code?: string };
              }
              if (c.allowedFor(v)) {
                expect(error, `${c.shown} resolved by ${role}`).toBeNull();
                expect(String(valueNow(c)), `${c.shown} resolved by ${role}: taken`).toBe(String(c.value));
              } else {
                expect(error?.code, `${c.shown} resolved by ${role}: refused`).toMatch(/^(EXCHANGE_REFUSED|FORBIDDEN)$/);
                expect(String(valueNow(c)), `${c.shown} resolved by ${role}: unchanged`).toBe(String(c.row[c.col]));
              }
            } finally {
              tx.sqlite.exec('ROLLBACK TO resolve');
              tx.sqlite.exec('RELEASE resolve');
            }
          }
        }
      });
    }
    // Nothing of it stayed; both kinds of outcome occurred.
    expect(snapshotAll(b.db)).toEqual(before);
    expect(cases).toBeGreaterThan(300);
    expect(refusedSome).toBeGreaterThan(50);
    expect(allowedSome).toBeGreaterThan(50);
    // Spot checks of the outcome table against the product's rules.
    for (const line of [
      'users.role admin taken',
      'users.role manager refused (admin)',
      'visits.status sales refused (system)',
      'visits.decided_by manager refused (system)',
      'customers.tier sales refused (manager)',
      'customers.tier manager taken',
      'customers.vip_level sales refused (manager)',
      'customers.assigned_at sales refused (manager)',
      'customers.phone sales taken',
      'sales_reports.manager_comment sales refused (manager)',
      'sales_reports.summary sales taken',
      'customers.deleted_at admin refused (system)',
    ])
      expect(outcomes, line).toContain(line);
  }, 600_000);
});

describe('the attacks a security review found are refused', () => {
  /** Edits one row of a fresh full export of A by hand and imports it on B as `viewer` through the channels. */
  const handEdit = async (viewer: Viewer, sheet: string, id: string, edit: (ws: ExcelJS.Worksheet, row: number) => void): Promise<ExchangeSummary> => {
    const { a, b } = pcs;
    const out = join(a.dir, `attack-${Date.now()}-${Math.random()}.xlsx`);
    await editInExcel(workbook, out, (wb) => {
      const ws = wb.getWorksheet(sheet)!;
      edit(ws, rowOfId(ws, id));
    });
    return b.importFrom(out, viewer);
  };

  it('a manager cannot make herself admin; a salesperson cannot approve his visit, set tiers, escape the first-contact rule, rewrite the manager’s comment, or hard-delete a customer', async () => {
    const { b } = pcs;
    const before = snapshotAll(b.db);
    const manager = viewers.manager;
    const s1 = await handEdit(manager, '用户', manager.id, (ws, r) => void (ws.getRow(r).getCell(columnOf(ws, 'role')).value = 'admin'));
    expect(s1.notes).toContainEqual(expect.objectContaining({ kind: 'refused', reason: 'admin', column: 'role' }));

    const sales = viewers.sales;
    const visit = b.db.sqlite.prepare(`SELECT v.id FROM visits v JOIN customers c ON c.id = v.customer_id WHERE c.owner_id = ? LIMIT 1`).get(sales.id) as { id: string };
    const s2 = await handEdit(sales, '客户走访单', visit.id, (ws, r) => {
      ws.getRow(r).getCell(columnOf(ws, 'status')).value = 'approved';
      ws.getRow(r).getCell(columnOf(ws, 'decided_by')).value = manager.id;
    });
    expect(s2.notes).toContainEqual(expect.objectContaining({ kind: 'refused', reason: 'system' }));

    const customer = b.db.sqlite.prepare(`SELECT id FROM customers WHERE owner_id = ? AND deleted_at IS NULL LIMIT 1`).get(sales.id) as { id: string };
    for (const [col, value] of [['tier', 'key'], ['vip_level', 5], ['assigned_at', b.clock.now()]] as const) {
      const s = await handEdit(sales, '客户', customer.id, (ws, r) => void (ws.getRow(r).getCell(columnOf(ws, col)).value = value));
      expect(s.notes, col).toContainEqual(expect.objectContaining({ kind: 'refused', reason: 'manager', column: col }));
    }
    const hardDelete = await handEdit(sales, '客户', customer.id, (ws, r) => void (ws.getRow(r).getCell(columnOf(ws, '_deleted')).value = 1));
    expect(hardDelete.notes).toContainEqual(expect.objectContaining({ kind: 'refused', reason: 'delete' }));

    const report = b.db.sqlite.prepare(`SELECT id FROM sales_reports WHERE user_id = ? LIMIT 1`).get(sales.id) as { id: string } | undefined;
    if (report) {
      const s = await handEdit(sales, '销售报告', report.id, (ws, r) => void (ws.getRow(r).getCell(columnOf(ws, 'manager_comment')).value = '很好'));
      expect(s.notes).toContainEqual(expect.objectContaining({ kind: 'refused', reason: 'manager', column: 'manager_comment' }));
    }
    // Nothing of any of it was written, and no conflict waits for anyone.
    expect(snapshotAll(b.db)).toEqual(before);
    expect(listConflicts(b.db, viewers.admin)).toEqual([]);
  });

  it('a both-sides conflict on a flow’s column is a manager’s to decide, with a localized refusal for the salesperson', async () => {
    const { a, b } = pcs;
    const sales = viewers.sales;
    const customer = b.db.sqlite.prepare(`SELECT id FROM customers WHERE owner_id = ? AND deleted_at IS NULL LIMIT 1`).get(sales.id) as { id: string };
    // The tier changed on A by a manager, the notes on B by the salesperson: one record, two versions.
    a.db.write(viewers.manager.id, (tx) => tx.sqlite.prepare(`UPDATE customers SET tier = 'key', updated_at = ?, updated_by = ? WHERE id = ?`).run(a.clock.now(), viewers.manager.id, customer.id));
    b.db.write(sales.id, (tx) => tx.sqlite.prepare(`UPDATE customers SET notes = '乙方改过', updated_at = ?, updated_by = ? WHERE id = ?`).run(b.clock.now(), sales.id, customer.id));
    const file = join(a.dir, 'both.xlsx');
    await a.exportTo(file);
    const s = await b.importFrom(file, viewers.admin);
    const c = s.conflicts.find((x) => x.recordId === customer.id)!;
    expect(c.reason).toBe('both_changed');
    expect(() => resolveConflicts(b.db, sales, [{ conflictId: c.conflictId!, fields: { tier: 'local', notes: 'local' } }])).toThrow(
      expect.objectContaining({ code: 'EXCHANGE_REFUSED', params: expect.objectContaining({ reason: 'manager', column: '“tier”' }) }),
    );
    resolveConflicts(b.db, viewers.manager, [{ conflictId: c.conflictId!, fields: { tier: 'remote', notes: 'local' } }]);
    expect(b.db.sqlite.prepare('SELECT tier, notes FROM customers WHERE id = ?').get(customer.id)).toEqual({ tier: 'key', notes: '乙方改过' });
  });
});
