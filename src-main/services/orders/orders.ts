import { AppError } from '../../../src-shared/errors';
import { lineAmount, localIsoDate, overdueDays, productKey } from '../../../src-shared/orders/logic';
import type { OrderCreate, OrderFilter, OrderUpdate, PaymentCreate } from '../../../src-shared/orders/schemas';
import type { Order, OrderLine, OrderListRow, OrderPage, Payment } from '../../../src-shared/orders/types';
import type { Db, ReadDb, WriteDb } from '../../db/connection';
import { addEvent, userNames } from '../customers/events';
import type { CustomerRow } from '../customers/repository';
import { newId } from '../ids';
import { canActForOthers, canChangeSale, canSeeOrder, orderCan, seesEverything, type Viewer } from '../policy/policy';
import { writableCustomer } from '../policy/guards';
import { afterOrdersChanged } from './derived';

type OrderRow = {
  id: string;
  customerId: string;
  customerName: string;
  ownerId: string | null;
  /** 1 while the customer is live (not in the recycle bin, not merged away). */
  customerLive: number;
  orderDate: string;
  contractNo: string;
  salespersonId: string | null;
  amount: number;
  received: number;
  dueDate: string;
  notes: string | null;
  createdAt: number;
  updatedAt: number;
};

const ORDER_COLUMNS = `o.id, o.customer_id AS customerId, c.name AS customerName, c.owner_id AS ownerId,
  (c.deleted_at IS NULL AND c.merged_into IS NULL) AS customerLive, o.order_date AS orderDate,
  o.contract_no AS contractNo, o.salesperson_id AS salespersonId, o.amount, o.received, o.due_date AS dueDate, o.notes,
  o.created_at AS createdAt, o.updated_at AS updatedAt`;

const findOrderRow = (db: ReadDb, id: string): OrderRow | undefined =>
  db.sqlite.prepare<[string], OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = ?`).get(id);

const today = (db: ReadDb): string => localIsoDate(db.clock.now());

const toListRows = (db: ReadDb, viewer: Viewer, rows: (OrderRow & { products?: string; lineCount?: number })[]): OrderListRow[] => {
  const names = userNames(db, rows.map((r) => r.salespersonId));
  const t = today(db);
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    customerName: r.customerName,
    customerOwnerId: r.ownerId,
    orderDate: r.orderDate,
    contractNo: r.contractNo,
    salesperson: r.salespersonId ? { id: r.salespersonId, displayName: names.get(r.salespersonId) ?? '' } : null,
    amount: r.amount,
    received: r.received,
    outstanding: r.amount - r.received,
    dueDate: r.dueDate,
    overdueDays: r.amount > r.received ? overdueDays(r.dueDate, t) : 0,
    notes: r.notes,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    products: r.products ?? '',
    lineCount: r.lineCount ?? 0,
    can: orderCan(viewer, { ...r, customerLive: r.customerLive === 1 }),
  }));
};

const linesOf = (db: ReadDb, orderId: string): OrderLine[] =>
  db.sqlite
    .prepare<[string], OrderLine>(
      'SELECT id, line_no AS lineNo, product, quantity, unit_price AS unitPrice, amount FROM order_lines WHERE order_id = ? ORDER BY line_no',
    )
    .all(orderId);

const paymentsOf = (db: ReadDb, orderId: string): Payment[] => {
  const rows = db.sqlite
    .prepare<[string], Omit<Payment, 'createdBy'> & { createdById: string | null }>(
      'SELECT id, order_id AS orderId, paid_on AS paidOn, amount, notes, created_by AS createdById FROM payments WHERE order_id = ? ORDER BY paid_on, id',
    )
    .all(orderId);
  const names = userNames(db, rows.map((r) => r.createdById));
  return rows.map(({ createdById, ...p }) => ({ ...p, createdBy: createdById ? { id: createdById, displayName: names.get(createdById) ?? '' } : null }));
};

const toOrder = (db: ReadDb, viewer: Viewer, row: OrderRow): Order => {
  const [base] = toListRows(db, viewer, [row]);
  const { products: _p, lineCount: _n, ...rest } = base!;
  return { ...rest, lines: linesOf(db, row.id), payments: paymentsOf(db, row.id) };
};

/** One order with its lines and payments, if the viewer may see it. */
export const getOrder = (db: ReadDb, viewer: Viewer, id: string): Order => {
  const row = findOrderRow(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (!canSeeOrder(viewer, row)) throw new AppError('FORBIDDEN');
  return toOrder(db, viewer, row);
};

/** The salesperson credited: sales credit themselves; managers anyone active; default the customer's owner. */
const resolveSalesperson = (db: ReadDb, viewer: Viewer, customer: CustomerRow, wanted: string | null | undefined): string => {
  const id = wanted ?? customer.ownerId ?? viewer.id;
  if (id !== viewer.id && !canActForOthers(viewer)) throw new AppError('FORBIDDEN');
  const u = db.sqlite.prepare<[string], { active: number }>('SELECT active FROM users WHERE id = ?').get(id);
  if (!u || !u.active) throw new AppError('INVALID_OWNER');
  return id;
};

/** The order amount: the sum of its lines' amounts. */
const totalOf = (lines: OrderCreate['lines']): number => {
  const total = lines.reduce((sum, l) => sum + lineAmount(l.quantity, l.unitPrice), 0);
  if (total > 1e13) throw new AppError('VALIDATION', { fields: 'amount' });
  return total;
};

const insertLines = (tx: WriteDb, orderId: string, lines: OrderCreate['lines']): void => {
  const insert = tx.sqlite.prepare(
    'INSERT INTO order_lines (id, order_id, line_no, product, product_key, quantity, unit_price, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  lines.forEach((l, i) => insert.run(newId(), orderId, i + 1, l.product, productKey(l.product), l.quantity, l.unitPrice, lineAmount(l.quantity, l.unitPrice)));
};

const yuan = (fen: number): string => (fen / 100).toFixed(2);

export const createOrder = (db: Db, viewer: Viewer, input: OrderCreate): Order => {
  const id = db.write(viewer.id, (tx) => {
    const customer = writableCustomer(tx, viewer, input.customerId);
    const salespersonId = resolveSalesperson(tx, viewer, customer, input.salespersonId);
    const id = newId();
    const now = tx.clock.now();
    const amount = totalOf(input.lines);
    tx.sqlite
      .prepare(
        `INSERT INTO orders (id, created_at, created_by, updated_at, updated_by, customer_id, order_date, contract_no, salesperson_id,
           amount, received, due_date, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
      )
      .run(id, now, viewer.id, now, viewer.id, customer.id, input.orderDate, input.contractNo, salespersonId, amount, input.dueDate, input.notes ?? null);
    insertLines(tx, id, input.lines);
    addEvent(tx, viewer.id, customer.id, 'order_added', { orderId: id, contractNo: input.contractNo, amount });
    afterOrdersChanged(tx, viewer.id, [customer.id]);
    return id;
  });
  return getOrder(db, viewer, id);
};

/** Writable order: exists, its customer is live and the viewer may write for it. */
const writableOrder = (db: ReadDb, viewer: Viewer, id: string): OrderRow => {
  const row = findOrderRow(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  writableCustomer(db, viewer, row.customerId);
  return row;
};

/** Edits an order (not its customer): the lines are replaced; the amount may not fall below what was already received. */
export const updateOrder = (db: Db, viewer: Viewer, input: OrderUpdate): Order => {
  db.write(viewer.id, (tx) => {
    const row = writableOrder(tx, viewer, input.id);
    const customer = writableCustomer(tx, viewer, row.customerId);
    if (!canChangeSale(viewer, row)) throw new AppError('FORBIDDEN');
    // The credit stays unless it is really moved (the form sends the credited salesperson back unchanged).
    const keepsCredit = row.salespersonId !== null && (input.salespersonId === undefined || input.salespersonId === row.salespersonId);
    const salespersonId = keepsCredit ? row.salespersonId! : resolveSalesperson(tx, viewer, customer, input.salespersonId);
    const amount = totalOf(input.lines);
    if (amount < row.received) throw new AppError('ORDER_BELOW_RECEIVED', { received: yuan(row.received) });
    tx.sqlite
      .prepare(
        `UPDATE orders SET order_date = ?, contract_no = ?, salesperson_id = ?, amount = ?, due_date = ?, notes = ?, updated_at = ?, updated_by = ?
         WHERE id = ?`,
      )
      .run(input.orderDate, input.contractNo, salespersonId, amount, input.dueDate, input.notes ?? null, tx.clock.now(), viewer.id, row.id);
    tx.sqlite.prepare('DELETE FROM order_lines WHERE order_id = ?').run(row.id);
    insertLines(tx, row.id, input.lines);
    addEvent(tx, viewer.id, row.customerId, 'order_updated', { orderId: row.id, contractNo: input.contractNo, amount });
    afterOrdersChanged(tx, viewer.id, [row.customerId]);
  });
  return getOrder(db, viewer, input.id);
};

export const deleteOrder = (db: Db, viewer: Viewer, id: string): null => {
  db.write(viewer.id, (tx) => {
    const row = writableOrder(tx, viewer, id);
    if (!canChangeSale(viewer, row)) throw new AppError('FORBIDDEN');
    // Children first and one by one, so the change log records each of them.
    tx.sqlite.prepare('DELETE FROM payments WHERE order_id = ?').run(id);
    tx.sqlite.prepare('DELETE FROM order_lines WHERE order_id = ?').run(id);
    tx.sqlite.prepare('DELETE FROM orders WHERE id = ?').run(id);
    addEvent(tx, viewer.id, row.customerId, 'order_removed', { orderId: id, contractNo: row.contractNo, amount: row.amount });
    afterOrdersChanged(tx, viewer.id, [row.customerId]);
  });
  return null;
};

const setReceived = (tx: WriteDb, viewer: Viewer, orderId: string): void => {
  tx.sqlite
    .prepare('UPDATE orders SET received = (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE order_id = @id), updated_at = @now, updated_by = @by WHERE id = @id')
    .run({ id: orderId, now: tx.clock.now(), by: viewer.id });
};

/** Records a payment against an order; more than the order still has open is refused. */
export const addPayment = (db: Db, viewer: Viewer, input: PaymentCreate): Order => {
  db.write(viewer.id, (tx) => {
    const row = writableOrder(tx, viewer, input.orderId);
    const outstanding = row.amount - row.received;
    if (input.amount > outstanding) throw new AppError('OVERPAYMENT', { outstanding: yuan(outstanding) });
    const now = tx.clock.now();
    tx.sqlite
      .prepare(
        `INSERT INTO payments (id, created_at, created_by, updated_at, updated_by, order_id, customer_id, paid_on, amount, notes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(newId(), now, viewer.id, now, viewer.id, row.id, row.customerId, input.paidOn, input.amount, input.notes ?? null);
    setReceived(tx, viewer, row.id);
    addEvent(tx, viewer.id, row.customerId, 'payment_received', { orderId: row.id, contractNo: row.contractNo, amount: input.amount });
    afterOrdersChanged(tx, viewer.id, [row.customerId]);
  });
  return getOrder(db, viewer, input.orderId);
};

export const removePayment = (db: Db, viewer: Viewer, paymentId: string): Order => {
  const orderId = db.write(viewer.id, (tx) => {
    const p = tx.sqlite.prepare<[string], { orderId: string }>('SELECT order_id AS orderId FROM payments WHERE id = ?').get(paymentId);
    if (!p) throw new AppError('NOT_FOUND');
    const row = writableOrder(tx, viewer, p.orderId);
    tx.sqlite.prepare('DELETE FROM payments WHERE id = ?').run(paymentId);
    setReceived(tx, viewer, row.id);
    afterOrdersChanged(tx, viewer.id, [row.customerId]);
    return row.id;
  });
  return getOrder(db, viewer, orderId);
};

/**
 * "Orders of someone": of the customers they own, or credited to them. On
 * the orders' own columns (no join). `walk`: with unary + the terms cannot
 * drive an index, so a page in date order walks orders_date and stops after
 * the page instead of collecting every such order (a MULTI-INDEX OR) and sorting.
 */
export const ordersOfSql = (param: string, walk: boolean): string =>
  walk
    ? `(+o.customer_id IN (SELECT id FROM customers WHERE owner_id = @${param}) OR +o.salesperson_id = @${param})`
    : `(o.customer_id IN (SELECT id FROM customers WHERE owner_id = @${param}) OR o.salesperson_id = @${param})`;

/** WHERE clause for a filter and the viewer's visibility. */
const whereOf = (viewer: Viewer, f: OrderFilter, walk = false): { sql: string; params: Record<string, string> } => {
  const c: string[] = [];
  const params: Record<string, string> = {};
  // Sales: the orders they may see (canSeeOrder); managers everyone's.
  if (!seesEverything(viewer)) {
    c.push(ordersOfSql('me', walk));
    params.me = viewer.id;
  }
  if (f.ownerId) {
    c.push(ordersOfSql('owner', walk));
    params.owner = f.ownerId;
  }
  if (f.customerId) {
    c.push('o.customer_id = @customer');
    params.customer = f.customerId;
  }
  if (f.from) {
    c.push('o.order_date >= @from');
    params.from = f.from;
  }
  if (f.to) {
    c.push('o.order_date <= @to');
    params.to = f.to;
  }
  if (f.query) {
    c.push(`(o.contract_no LIKE @q ESCAPE '\\' OR EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.product LIKE @q ESCAPE '\\'))`);
    params.q = `%${f.query.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  }
  return { sql: c.length ? `WHERE ${c.join(' AND ')}` : '', params };
};

const LIST_SELECT = `SELECT ${ORDER_COLUMNS},
  (SELECT group_concat(product, '、') FROM (SELECT product FROM order_lines l WHERE l.order_id = o.id ORDER BY line_no)) AS products,
  (SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id) AS lineCount
  FROM orders o JOIN customers c ON c.id = o.customer_id`;

/** The order list: newest first, with the filter's count and sums. */
export const listOrders = (db: ReadDb, viewer: Viewer, filter: OrderFilter, limit: number, offset: number): OrderPage => {
  const w = whereOf(viewer, filter);
  // One customer: its index; otherwise walk the date index to fill the page.
  const page = filter.customerId ? w : whereOf(viewer, filter, true);
  const rows = db.sqlite
    .prepare<Record<string, string | number>, OrderRow & { products: string; lineCount: number }>(
      `${LIST_SELECT} ${page.sql} ORDER BY o.order_date DESC, o.rowid DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...page.params, limit, offset });
  type Agg = { n: number | null; amount: number | null; received: number | null };
  const onlyVisibility = !filter.customerId && !filter.from && !filter.to && !filter.query && !filter.ownerId;
  let agg: Agg;
  if (onlyVisibility && seesEverything(viewer)) {
    // Everything: the per-customer totals already hold the sums (one row per buying customer instead of every order).
    agg = db.sqlite
      .prepare<[], Agg>('SELECT SUM(order_count) AS n, SUM(total_amount) AS amount, SUM(received_amount) AS received FROM customer_sales')
      .get()!;
  } else if (onlyVisibility) {
    // A salesperson's all: the totals of the customers they own, plus orders credited to them for customers they do not own.
    const owned = db.sqlite
      .prepare<[string], Agg>(
        `SELECT SUM(order_count) AS n, SUM(total_amount) AS amount, SUM(received_amount) AS received FROM customer_sales
         WHERE customer_id IN (SELECT id FROM customers WHERE owner_id = ?)`,
      )
      .get(viewer.id)!;
    const credited = db.sqlite
      .prepare<[string, string], Agg>(
        `SELECT COUNT(*) AS n, SUM(amount) AS amount, SUM(received) AS received FROM orders
         WHERE salesperson_id = ? AND customer_id NOT IN (SELECT id FROM customers WHERE owner_id = ?)`,
      )
      .get(viewer.id, viewer.id)!;
    agg = { n: (owned.n ?? 0) + (credited.n ?? 0), amount: (owned.amount ?? 0) + (credited.amount ?? 0), received: (owned.received ?? 0) + (credited.received ?? 0) };
  } else {
    // A date range: walk it in orders_date; otherwise collect through the visibility indexes.
    const a = filter.from || filter.to ? whereOf(viewer, filter, true) : w;
    agg = db.sqlite
      .prepare<Record<string, string>, Agg>(`SELECT COUNT(*) AS n, SUM(o.amount) AS amount, SUM(o.received) AS received FROM orders o ${a.sql}`)
      .get(a.params)!;
  }
  return { rows: toListRows(db, viewer, rows), total: agg.n ?? 0, sumAmount: agg.amount ?? 0, sumReceived: agg.received ?? 0 };
};

/** Every order of the filter with its lines (for the export), in list order. */
export const ordersForExport = (db: ReadDb, viewer: Viewer, filter: OrderFilter): { orders: OrderListRow[]; lines: Map<string, OrderLine[]> } => {
  const w = whereOf(viewer, filter, !filter.customerId);
  const rows = db.sqlite
    .prepare<Record<string, string>, OrderRow & { products: string; lineCount: number }>(`${LIST_SELECT} ${w.sql} ORDER BY o.order_date DESC, o.rowid DESC`)
    .all(w.params);
  const lines = new Map<string, OrderLine[]>();
  const lineRows = db.sqlite
    .prepare<Record<string, string>, OrderLine & { orderId: string }>(
      `SELECT l.order_id AS orderId, l.id, l.line_no AS lineNo, l.product, l.quantity, l.unit_price AS unitPrice, l.amount
       FROM order_lines l JOIN orders o ON o.id = l.order_id ${w.sql} ORDER BY l.order_id, l.line_no`,
    )
    .all(w.params);
  for (const { orderId, ...l } of lineRows) {
    const list = lines.get(orderId);
    if (list) list.push(l);
    else lines.set(orderId, [l]);
  }
  return { orders: toListRows(db, viewer, rows), lines };
};

/** How many of the latest order lines product suggestions look at: the products an office sells now, in bounded time at 1,000,000 lines. */
const SUGGESTION_WINDOW = 20_000;

/**
 * Product suggestions from earlier orders (no inventory): distinct names
 * among the latest order lines containing the typed text, most used first,
 * with the unit price of the latest line. Sales see what they may see.
 */
export const productSuggestions = (db: ReadDb, viewer: Viewer, prefix: string): { product: string; count: number; lastUnitPrice: number }[] => {
  const key = productKey(prefix);
  const mine = seesEverything(viewer)
    ? ''
    : 'AND l.order_id IN (SELECT o.id FROM orders o WHERE o.customer_id IN (SELECT id FROM customers WHERE owner_id = @me) OR o.salesperson_id = @me)';
  // SQLite: with MAX() the bare columns come from the row holding the maximum, i.e. the latest line of each product.
  return db.sqlite
    .prepare<Record<string, string | number>, { product: string; count: number; lastUnitPrice: number }>(
      `SELECT l.product, COUNT(*) AS count, l.unit_price AS lastUnitPrice, MAX(l.rowid) AS latest
       FROM order_lines l
       WHERE l.rowid > (SELECT COALESCE(MAX(rowid), 0) FROM order_lines) - @window AND l.product_key LIKE @key ESCAPE '\\' ${mine}
       GROUP BY l.product_key ORDER BY count DESC, l.product LIMIT 20`,
    )
    .all({ key: `%${key.replace(/[\\%_]/g, (m) => `\\${m}`)}%`, window: SUGGESTION_WINDOW, ...(seesEverything(viewer) ? {} : { me: viewer.id }) })
    .map(({ product, count, lastUnitPrice }) => ({ product, count, lastUnitPrice }));
};
