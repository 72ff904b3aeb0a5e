import { AppError } from '../../../src-shared/errors';
import type { Db } from '../../db/connection';
import { isManagerLike, type Viewer } from '../customers/access';
import { getLiveRow, type CustomerRow } from '../customers/repository';

/**
 * Who may see and write sales records. Sales: the orders of customers they
 * own, plus orders credited to them (a customer handed over keeps showing
 * the seller their own past sales); they write orders and payments only for
 * customers they own (not for pool customers). Managers and admins: all.
 */
export const canWriteOrders = (v: Viewer, customer: { ownerId: string | null }): boolean =>
  isManagerLike(v) || (customer.ownerId !== null && customer.ownerId === v.id);

export const canSeeOrder = (v: Viewer, order: { ownerId: string | null; salespersonId: string | null }): boolean =>
  isManagerLike(v) || order.ownerId === v.id || order.salespersonId === v.id;

/**
 * Changing or removing the order itself (not its payments): besides writing for its customer, a salesperson only
 * for sales credited to them (or to nobody). Another salesperson's sale — e.g. the previous owner's orders of a
 * customer handed over — is a manager's to change: the new owner records its payments, but cannot rewrite, remove
 * or re-credit it (removing and entering it again would move the credit just the same).
 */
export const canChangeSale = (v: Viewer, order: { salespersonId: string | null }): boolean =>
  isManagerLike(v) || order.salespersonId === null || order.salespersonId === v.id;

/** A live customer the viewer may write orders for, or FORBIDDEN / NOT_FOUND. */
export const writableCustomer = (db: Db, v: Viewer, customerId: string): CustomerRow => {
  const row = getLiveRow(db, customerId);
  if (!canWriteOrders(v, row)) throw new AppError('FORBIDDEN');
  return row;
};
