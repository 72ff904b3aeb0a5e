import type { OrderCan } from '../../../src-shared/orders/types';
import { canWriteFor, type Owned } from './customers';
import { isManagerLike, seesEverything, type Viewer } from './roles';

/**
 * Sales records. Sales see the orders of the customers they own and the orders credited to them (a
 * customer handed over keeps showing the seller their own past sales); they write orders and payments
 * only for customers they own (not for pool customers) — canWriteFor. Managers and admins: all.
 */
export const canSeeOrder = (v: Viewer, order: { ownerId: string | null; salespersonId: string | null }): boolean =>
  seesEverything(v) || order.ownerId === v.id || order.salespersonId === v.id;

/**
 * Changing or removing the order itself (not its payments): besides writing for its customer, a salesperson only
 * for sales credited to them (or to nobody). Another salesperson's sale — e.g. the previous owner's orders of a
 * customer handed over — is a manager's to change: the new owner records its payments, but cannot rewrite, remove
 * or re-credit it (removing and entering it again would move the credit just the same).
 */
export const canChangeSale = (v: Viewer, order: { salespersonId: string | null }): boolean =>
  isManagerLike(v) || order.salespersonId === null || order.salespersonId === v.id;

/** An order's facts for its `can` flags: its customer's owner and liveness, the credited salesperson, the amounts. */
export type OrderFacts = { ownerId: string | null; customerLive: boolean; salespersonId: string | null; amount: number; received: number };

export const orderCan = (v: Viewer, o: OrderFacts): OrderCan => {
  const writes = o.customerLive && canWriteFor(v, { ownerId: o.ownerId } satisfies Owned);
  const changes = writes && canChangeSale(v, o);
  return { edit: changes, delete: changes, addPayment: writes && o.received < o.amount, removePayment: writes };
};
