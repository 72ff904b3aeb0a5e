import { eq, isNull, or, type SQL } from 'drizzle-orm';
import { AppError } from '../../../src-shared/errors';
import type { Db } from '../../db/connection';
import { customers } from '../../db/schema';
import { canAccess, isManagerLike, type Viewer } from '../customers/access';
import { getLiveRow, type CustomerRow } from '../customers/repository';

/**
 * Writing contacts, tasks and surveys: a salesperson only for customers they
 * own (not the pool: claim it first); managers and admins for any customer.
 */
export const canWriteFor = (viewer: Viewer, row: { ownerId: string | null }): boolean => isManagerLike(viewer) || row.ownerId === viewer.id;

/** The live customer, if the viewer may write records for it (NOT_FOUND / FORBIDDEN otherwise). */
export const writableCustomer = (db: Db, viewer: Viewer, customerId: string): CustomerRow => {
  const row = getLiveRow(db, customerId);
  if (!canWriteFor(viewer, row)) throw new AppError('FORBIDDEN');
  return row;
};

/** The live customer, if the viewer may read it (same rule as the customer card). */
export const readableCustomer = (db: Db, viewer: Viewer, customerId: string): CustomerRow => {
  const row = getLiveRow(db, customerId);
  if (!canAccess(viewer, row)) throw new AppError('FORBIDDEN');
  return row;
};

/** SQL over `customers` for the rows the viewer may read (undefined: everything). Same rule as canAccess. */
export const readableCondition = (viewer: Viewer): SQL | undefined =>
  isManagerLike(viewer) ? undefined : or(eq(customers.ownerId, viewer.id), isNull(customers.ownerId));
