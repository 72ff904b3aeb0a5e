import type { Role } from '../../../src-shared/roles';

/**
 * Who is asking. The registry hands services the logged-in user; the policy's rules are pure
 * functions of this and of the facts of a record, so they are tested without a database.
 */
export type Viewer = { id: string; role: Role };

/** Managers and admins: every customer and record of the office, and the manager's steps. */
export const isManagerLike = (v: Viewer): boolean => v.role === 'manager' || v.role === 'admin';

/** Administrators: users, settings, backups, the keys, deleting for good. */
export const isAdmin = (v: Viewer): boolean => v.role === 'admin';

/**
 * A thing in one person's name (a customer's owner, a sale's salesperson, a row of an exchange
 * workbook): that person, or a manager. Nobody's (null) is a manager's only.
 */
export const actsFor = (v: Viewer, personId: unknown): boolean => isManagerLike(v) || (typeof personId === 'string' && personId === v.id);

/**
 * Reading scope: managers and admins read the whole office's lists, figures and exports; a
 * salesperson their own (and, for customers, the pool's). Each list states its own "own".
 */
export const seesEverything = (v: Viewer): boolean => isManagerLike(v);

/** A person's figures and reports (null: the whole team's): their own, or a manager's view. */
export const canSeeFiguresOf = (v: Viewer, personId: string | null): boolean => isManagerLike(v) || personId === v.id;

/** Logging a contact, giving a task or crediting a sale in someone else's name: managers. */
export const canActForOthers = (v: Viewer): boolean => isManagerLike(v);
