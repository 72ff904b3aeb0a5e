import type { CustomerCan, CustomerRowCan } from '../../../src-shared/customers/types';
import { actsFor, isAdmin, isManagerLike, seesEverything, type Viewer } from './roles';

/** What the customer rules look at: its owner (null: in the pool). */
export type Owned = { ownerId: string | null };

/** A customer's facts for the `can` flags: its owner, and whether it is in the recycle bin or merged away. */
export type CustomerFacts = Owned & { deletedAt: number | null; mergedInto: string | null };

export const isLive = (c: { deletedAt: number | null; mergedInto: string | null }): boolean => c.deletedAt === null && c.mergedInto === null;

/** Opening the card, its history, its contact log: sales their own customers and the pool's; managers and admins every one. */
export const canReadCustomer = (v: Viewer, c: Owned): boolean => seesEverything(v) || c.ownerId === null || c.ownerId === v.id;

/** The form's fields, status, tags, contacts, an earlier version: whoever may read it (the pool is everyone's to keep up to date). */
export const canEditCustomer = canReadCustomer;

/** Bank, account, tax number, credit standing: the owner, managers and admins (a pool customer's stay hidden from sales). */
export const canSeeFinancials = (v: Viewer, c: Owned): boolean => actsFor(v, c.ownerId);

/** To the recycle bin and back: the owner or a manager (not every salesperson for a pool customer). */
export const canDeleteCustomer = (v: Viewer, c: Owned): boolean => actsFor(v, c.ownerId);

/** Anyone may claim a customer from the pool; an owned one is not in the pool. */
export const canClaimCustomer = (c: Owned): boolean => c.ownerId === null;

/** Back to the pool: a customer somebody owns, by its owner or a manager. */
export const canReleaseCustomer = (v: Viewer, c: Owned): boolean => c.ownerId !== null && actsFor(v, c.ownerId);

/** Assigning, balancing and handing over customers, and following overdue first contacts: managers. */
export const canAssignCustomers = (v: Viewer): boolean => isManagerLike(v);

/** The owner of a new customer: a salesperson owns what they record; a manager may give it to anyone or the pool. */
export const canRecordFor = (v: Viewer, ownerId: string | null): boolean => isManagerLike(v) || ownerId === v.id;

/** The manual tier and VIP level: managers. */
export const canSetTier = (v: Viewer): boolean => isManagerLike(v);

/** Merging duplicates and undoing a merge: managers. */
export const canMergeCustomers = (v: Viewer): boolean => isManagerLike(v);

/** Deleting for good from the recycle bin: administrators. */
export const canPurgeCustomers = (v: Viewer): boolean => isAdmin(v);

/**
 * Records about a customer — contacts logged, tasks, surveys, visits, minutes, orders and payments —
 * and its sales figures: its owner, or a manager. Not a pool customer for sales: claim it first.
 */
export const canWriteFor = (v: Viewer, c: Owned): boolean => actsFor(v, c.ownerId);

/** Writing such records for any customer, not only one's own (pickers of the visit, minutes and order forms): managers. */
export const canWriteForAnyCustomer = (v: Viewer): boolean => isManagerLike(v);

/** Every action on a customer for the card; each flag is true exactly when its channel accepts the call. */
export const customerCan = (v: Viewer, c: CustomerFacts): CustomerCan => {
  const live = isLive(c);
  const binned = c.deletedAt !== null;
  const writes = live && canWriteFor(v, c);
  return {
    edit: live && canEditCustomer(v, c),
    delete: live && canDeleteCustomer(v, c),
    restore: binned && canDeleteCustomer(v, c),
    purge: binned && canPurgeCustomers(v),
    claim: live && canClaimCustomer(c),
    release: live && canReleaseCustomer(v, c),
    assign: live && canAssignCustomers(v),
    setTier: live && canSetTier(v) && canEditCustomer(v, c),
    merge: live && canMergeCustomers(v),
    logContact: writes,
    addTask: writes,
    addSurvey: writes,
    planVisit: writes,
    writeMinutes: writes,
    createOrder: writes,
    seeSales: writes,
  };
};

/** The row actions of the customer list and the recycle bin (columns every list row already has). */
export const customerRowCan = (v: Viewer, c: CustomerFacts): CustomerRowCan => {
  const { edit, delete: del, restore, purge, claim, release } = customerCan(v, c);
  return { edit, delete: del, restore, purge, claim, release };
};
