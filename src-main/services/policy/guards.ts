import { AppError } from '../../../src-shared/errors';
import type { ReadDb } from '../../db/connection';
import { getLiveRow, type CustomerRow } from '../customers/repository';
import { canEditCustomer, canReadCustomer, canWriteFor, type Owned } from './customers';
import type { Viewer } from './roles';

/**
 * The customer rules of policy.ts as the lookups services start from: the live customer, or
 * NOT_FOUND (missing, in the recycle bin, merged away), or FORBIDDEN.
 */

export const assertReadable = (viewer: Viewer, row: Owned): void => {
  if (!canReadCustomer(viewer, row)) throw new AppError('FORBIDDEN');
};

/** The live customer, if the viewer may read it (the card, its history, its contact log, tasks and surveys). */
export const readableCustomer = (db: ReadDb, viewer: Viewer, customerId: string): CustomerRow => {
  const row = getLiveRow(db, customerId);
  assertReadable(viewer, row);
  return row;
};

/** The live customer, if the viewer may edit it: its fields, status, tags, contacts. */
export const editableCustomer = (db: ReadDb, viewer: Viewer, customerId: string): CustomerRow => {
  const row = getLiveRow(db, customerId);
  if (!canEditCustomer(viewer, row)) throw new AppError('FORBIDDEN');
  return row;
};

/** The live customer, if the viewer may write records for it: contacts logged, tasks, surveys, visits, minutes, orders, its sales figures. */
export const writableCustomer = (db: ReadDb, viewer: Viewer, customerId: string): CustomerRow => {
  const row = getLiveRow(db, customerId);
  if (!canWriteFor(viewer, row)) throw new AppError('FORBIDDEN');
  return row;
};
