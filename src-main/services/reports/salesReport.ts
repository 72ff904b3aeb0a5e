import { and, desc, eq } from 'drizzle-orm';
import { AppError } from '../../../src-shared/errors';
import { periodContaining, periodRange, type Period } from '../../../src-shared/reports/period';
import type { SalesReportKind } from '../../../src-shared/reports/schemas';
import type { SalesFigures, SalesReport, SalesReportListItem } from '../../../src-shared/reports/types';
import type { Db, ReadDb } from '../../db/connection';
import { salesReports } from '../../db/schema';
import { canCommentSalesReports, canSeeFiguresOf, canWriteSalesReport, seesEverything, type Viewer } from '../policy/policy';
import { newId } from '../ids';
import { userNameMap } from './scope';

const all = <T>(db: ReadDb, sql: string, params: unknown[]): T[] => db.sqlite.prepare(sql).all(...params) as T[];

export type SalesReportKey = { kind: SalesReportKind; anchor: string; userId: string | null };

/** A salesperson reads their own reports; the team's and other people's are for managers. */
const assertMayRead = (viewer: Viewer, userId: string | null): void => {
  if (!canSeeFiguresOf(viewer, userId)) throw new AppError('FORBIDDEN');
};

const DETAIL_LIMIT = 200;

/**
 * The period's figures of one salesperson (or of everyone, `userId` null):
 * contact-log entries they made, customers created that they own, visits they
 * carried out, minutes they wrote for meetings in the period, orders credited
 * to them. Lists come with the first 200 of each.
 */
const collect = (db: ReadDb, period: Period, userId: string | null) => {
  const { start, end } = periodRange(period);
  const names = userNameMap(db);
  const who = (column: string) => (userId ? { sql: ` AND ${column} = ?`, params: [userId] } : { sql: '', params: [] as unknown[] });
  const live = 'c.deleted_at IS NULL AND c.merged_into IS NULL';

  const a = who('a.user_id');
  const activities = all<{ customer_id: string; name: string; occurred_at: number; type: string; summary: string; user_id: string }>(
    db,
    `SELECT a.customer_id, c.name, a.occurred_at, a.type, a.summary, a.user_id FROM activities a JOIN customers c ON c.id = a.customer_id
      WHERE a.deleted_at IS NULL AND a.occurred_at >= ? AND a.occurred_at < ? AND ${live}${a.sql} ORDER BY a.occurred_at`,
    [start, end, ...a.params],
  );
  const c = who('c.owner_id');
  const newCustomers = all<{ id: string; name: string; owner_id: string | null; created_at: number }>(
    db,
    `SELECT c.id, c.name, c.owner_id, c.created_at FROM customers c WHERE c.created_at >= ? AND c.created_at < ? AND ${live}${c.sql} ORDER BY c.created_at`,
    [start, end, ...c.params],
  );
  const v = who('v.salesperson_id');
  const visits = all<{ customer_id: string; name: string; done_at: number; purpose: string; salesperson_id: string }>(
    db,
    `SELECT v.customer_id, c.name, v.done_at, v.purpose, v.salesperson_id FROM visits v JOIN customers c ON c.id = v.customer_id
      WHERE v.status = 'done' AND v.done_at >= ? AND v.done_at < ? AND ${live}${v.sql} ORDER BY v.done_at`,
    [start, end, ...v.params],
  );
  const m = who('m.author_id');
  const minutes = all<{ author_id: string }>(
    db,
    `SELECT m.author_id FROM minutes m JOIN customers c ON c.id = m.customer_id
      WHERE m.meeting_date >= ? AND m.meeting_date <= ? AND ${live}${m.sql}`,
    [period.from, period.to, ...m.params],
  );
  const o = who('o.salesperson_id');
  const orders = all<{ customer_id: string; name: string; order_date: string; contract_no: string; amount: number; salesperson_id: string | null }>(
    db,
    `SELECT o.customer_id, c.name, o.order_date, o.contract_no, o.amount, o.salesperson_id FROM orders o JOIN customers c ON c.id = o.customer_id
      WHERE o.order_date >= ? AND o.order_date <= ? AND ${live}${o.sql} ORDER BY o.order_date, o.created_at`,
    [period.from, period.to, ...o.params],
  );
  const figuresOf = (uid: string | null): SalesFigures => {
    const mine = <T>(rows: T[], key: (r: T) => string | null) => (uid === null ? rows : rows.filter((r) => key(r) === uid));
    const ords = mine(orders, (r) => r.salesperson_id);
    return {
      activities: mine(activities, (r) => r.user_id).length,
      newCustomers: mine(newCustomers, (r) => r.owner_id).length,
      visits: mine(visits, (r) => r.salesperson_id).length,
      minutes: mine(minutes, (r) => r.author_id).length,
      orders: ords.length,
      orderAmount: ords.reduce((s, r) => s + r.amount, 0),
    };
  };
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  return {
    figures: figuresOf(null),
    figuresOf,
    names,
    newCustomers: newCustomers.slice(0, DETAIL_LIMIT).map((r) => ({ customerId: r.id, name: r.name, ownerName: nameOf(r.owner_id), createdAt: r.created_at })),
    orders: orders.slice(0, DETAIL_LIMIT).map((r) => ({
      customerId: r.customer_id,
      customerName: r.name,
      orderDate: r.order_date,
      contractNo: r.contract_no,
      amount: r.amount,
      salesName: nameOf(r.salesperson_id),
    })),
    visits: visits.slice(0, DETAIL_LIMIT).map((r) => ({
      customerId: r.customer_id,
      customerName: r.name,
      doneAt: r.done_at,
      purpose: r.purpose,
      salesName: nameOf(r.salesperson_id),
    })),
    activities: activities.slice(0, DETAIL_LIMIT).map((r) => ({
      customerId: r.customer_id,
      customerName: r.name,
      occurredAt: r.occurred_at,
      type: r.type,
      summary: r.summary,
      salesName: nameOf(r.user_id),
    })),
  };
};

/** 销售日报/周报/月报 of a salesperson (or the team) for the day/week/month containing `anchor`: generated figures and what was written. */
export const getSalesReport = (db: ReadDb, viewer: Viewer, key: SalesReportKey): SalesReport => {
  assertMayRead(viewer, key.userId);
  const period = periodContaining(key.kind, key.anchor);
  const data = collect(db, period, key.userId);
  const saved = key.userId
    ? db.orm
        .select()
        .from(salesReports)
        .where(and(eq(salesReports.userId, key.userId), eq(salesReports.kind, key.kind), eq(salesReports.periodStart, period.from)))
        .get()
    : undefined;
  // The team report: one row per person who did anything in the period, plus every active salesperson.
  const team = key.userId
    ? []
    : (
        db.sqlite.prepare(`SELECT id, display_name AS name, role, active FROM users WHERE role <> 'admin' ORDER BY display_name`).all() as {
          id: string;
          name: string;
          role: string;
          active: number;
        }[]
      )
        .map((u) => ({ userId: u.id, name: u.name, active: u.active, ...data.figuresOf(u.id) }))
        .filter((p) => p.active || p.activities + p.newCustomers + p.visits + p.minutes + p.orders > 0)
        .map(({ active: _active, ...p }) => p);
  return {
    id: saved?.id ?? null,
    kind: key.kind,
    period,
    userId: key.userId,
    userName: key.userId ? (data.names.get(key.userId) ?? null) : null,
    figures: data.figures,
    people: team,
    newCustomers: data.newCustomers,
    orders: data.orders,
    visits: data.visits,
    activities: data.activities,
    summary: saved?.summary ?? '',
    plan: saved?.plan ?? '',
    managerComment: saved?.managerComment ?? null,
    commentedBy: saved?.commentedBy ? (data.names.get(saved.commentedBy) ?? null) : null,
    commentedAt: saved?.commentedAt ?? null,
    savedAt: saved?.updatedAt ?? null,
    canEdit: canWriteSalesReport(viewer, key.userId),
    canComment: canCommentSalesReports(viewer) && !!saved,
  };
};

/** The salesperson writes (or rewrites) the summary and next-period plan of their own report; the figures shown then are kept with it. */
export const saveSalesReport = (
  db: Db,
  viewer: Viewer,
  input: { kind: SalesReportKind; anchor: string; summary: string; plan: string },
): SalesReport => {
  const period = periodContaining(input.kind, input.anchor);
  const figures = collect(db, period, viewer.id).figures;
  const now = db.clock.now();
  db.write(viewer.id, (tx) => {
    const existing = tx.orm
      .select({ id: salesReports.id })
      .from(salesReports)
      .where(and(eq(salesReports.userId, viewer.id), eq(salesReports.kind, input.kind), eq(salesReports.periodStart, period.from)))
      .get();
    if (existing) {
      tx.orm
        .update(salesReports)
        .set({ summary: input.summary, plan: input.plan, figures: JSON.stringify(figures), updatedAt: now, updatedBy: viewer.id })
        .where(eq(salesReports.id, existing.id))
        .run();
    } else {
      tx.orm
        .insert(salesReports)
        .values({
          id: newId(),
          createdAt: now,
          createdBy: viewer.id,
          updatedAt: now,
          updatedBy: viewer.id,
          userId: viewer.id,
          kind: input.kind,
          periodStart: period.from,
          periodEnd: period.to,
          summary: input.summary,
          plan: input.plan,
          figures: JSON.stringify(figures),
        })
        .run();
    }
  });
  return getSalesReport(db, viewer, { kind: input.kind, anchor: input.anchor, userId: viewer.id });
};

/** A manager's comment on a saved report. */
export const commentSalesReport = (db: Db, viewer: Viewer, id: string, comment: string): SalesReport => {
  if (!canCommentSalesReports(viewer)) throw new AppError('FORBIDDEN');
  const row = db.orm.select().from(salesReports).where(eq(salesReports.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND');
  db.write(viewer.id, (tx) => {
    const now = tx.clock.now();
    tx.orm
      .update(salesReports)
      .set({ managerComment: comment, commentedBy: viewer.id, commentedAt: now, updatedAt: now, updatedBy: viewer.id })
      .where(eq(salesReports.id, id))
      .run();
  });
  return getSalesReport(db, viewer, { kind: row.kind, anchor: row.periodStart, userId: row.userId });
};

/** Earlier reports, newest period first: a salesperson's own; a manager's choice of person or everyone's. */
export const listSalesReports = (db: ReadDb, viewer: Viewer, userId: string | null, limit: number): SalesReportListItem[] => {
  if (userId !== null && !canSeeFiguresOf(viewer, userId)) throw new AppError('FORBIDDEN');
  const who = seesEverything(viewer) ? userId : viewer.id;
  const names = userNameMap(db);
  const rows = db.orm
    .select()
    .from(salesReports)
    .where(who ? eq(salesReports.userId, who) : undefined)
    .orderBy(desc(salesReports.periodStart), desc(salesReports.updatedAt))
    .limit(limit)
    .all();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    period: { kind: r.kind, from: r.periodStart, to: r.periodEnd },
    userId: r.userId,
    userName: names.get(r.userId) ?? '',
    summary: r.summary,
    hasComment: !!r.managerComment,
    savedAt: r.updatedAt,
  }));
};
