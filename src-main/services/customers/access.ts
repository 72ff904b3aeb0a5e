import { AppError } from '../../../src-shared/errors';
import type { Role } from '../../../src-shared/roles';

/** Who is asking. The registry hands services the logged-in user; these rules are the ownership half of authorisation. */
export type Viewer = { id: string; role: Role };

type Owned = { ownerId: string | null };

export const isManagerLike = (v: Viewer): boolean => v.role === 'manager' || v.role === 'admin';

/** Sales see and edit their own customers and the pool; managers and admins everything. */
export const canAccess = (v: Viewer, row: Owned): boolean => isManagerLike(v) || row.ownerId === null || row.ownerId === v.id;

/** Financial fields: the owner, managers and admins. A pool customer's finances stay hidden from sales. */
export const canSeeFinancials = (v: Viewer, row: Owned): boolean => isManagerLike(v) || row.ownerId === v.id;

/** Deleting and restoring: the owner or a manager (not every salesperson for a pool customer). */
export const canDelete = (v: Viewer, row: Owned): boolean => isManagerLike(v) || row.ownerId === v.id;

export const assertAccess = (v: Viewer, row: Owned): void => {
  if (!canAccess(v, row)) throw new AppError('FORBIDDEN');
};
