import type { TFunction } from 'i18next';
import type { OrderFilter } from '../../../src-shared/orders/schemas';
import type { OrderLine, OrderListRow } from '../../../src-shared/orders/types';
import type { ReadDb } from '../../db/connection';
import type { Viewer } from '../customers/access';
import { writeXlsx, type ExportColumn } from '../export/xlsxWriter';
import { ordersForExport } from './orders';

const yuan = (fen: number): number => fen / 100;

/**
 * The order list as a workbook for people to read: one sheet of orders (the
 * filter's rows, newest first) and one of their lines. Sales get only what
 * they may see (the same visibility as the list).
 */
export const exportOrders = async (db: ReadDb, viewer: Viewer, filter: OrderFilter, file: string, t: TFunction): Promise<number> => {
  const { orders, lines } = ordersForExport(db, viewer, filter);
  // One row type for both sheets (writeXlsx takes one): an order, and on the lines sheet one of its lines.
  type Row = { order: OrderListRow; line?: OrderLine };
  const o = (f: (r: OrderListRow) => string | number | null): ((row: Row) => string | number | null) => (row) => f(row.order);
  const orderColumns: ExportColumn<Row>[] = [
    { header: t('orders.fields.orderDate'), type: 'date', value: o((r) => r.orderDate), width: 12 },
    { header: t('orders.fields.contractNo'), type: 'text', value: o((r) => r.contractNo), width: 16 },
    { header: t('orders.fields.customer'), type: 'text', value: o((r) => r.customerName), width: 30 },
    { header: t('orders.fields.products'), type: 'text', value: o((r) => r.products), width: 36 },
    { header: t('orders.fields.amount'), type: 'money', value: o((r) => yuan(r.amount)), width: 14 },
    { header: t('orders.fields.received'), type: 'money', value: o((r) => yuan(r.received)), width: 14 },
    { header: t('orders.fields.outstanding'), type: 'money', value: o((r) => yuan(r.outstanding)), width: 14 },
    { header: t('orders.fields.dueDate'), type: 'date', value: o((r) => r.dueDate), width: 12 },
    { header: t('orders.fields.overdueDays'), type: 'integer', value: o((r) => (r.overdueDays > 0 ? r.overdueDays : null)), width: 10 },
    { header: t('orders.fields.salesperson'), type: 'text', value: o((r) => r.salesperson?.displayName ?? ''), width: 10 },
    { header: t('orders.fields.notes'), type: 'text', value: o((r) => r.notes ?? ''), width: 30 },
  ];
  const lineRows = function* (): Generator<Row> {
    for (const order of orders) for (const line of lines.get(order.id) ?? []) yield { order, line };
  };
  const lineColumns: ExportColumn<Row>[] = [
    { header: t('orders.fields.orderDate'), type: 'date', value: (r) => r.order.orderDate, width: 12 },
    { header: t('orders.fields.contractNo'), type: 'text', value: (r) => r.order.contractNo, width: 16 },
    { header: t('orders.fields.customer'), type: 'text', value: (r) => r.order.customerName, width: 30 },
    { header: t('orders.fields.product'), type: 'text', value: (r) => r.line?.product, width: 30 },
    { header: t('orders.fields.quantity'), type: 'number', value: (r) => r.line?.quantity, width: 10 },
    { header: t('orders.fields.unitPrice'), type: 'money', value: (r) => (r.line ? yuan(r.line.unitPrice) : null), width: 14 },
    { header: t('orders.fields.lineAmount'), type: 'money', value: (r) => (r.line ? yuan(r.line.amount) : null), width: 14 },
  ];
  await writeXlsx(file, [
    { name: t('orders.export.ordersSheet'), columns: orderColumns, rows: orders.map((order) => ({ order })) },
    { name: t('orders.export.linesSheet'), columns: lineColumns, rows: lineRows() },
  ]);
  return orders.length;
};
