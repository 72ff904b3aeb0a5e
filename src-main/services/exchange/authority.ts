import type { ExchangeRefusal } from '../../../src-shared/exchange/types';
import type { ColumnAuthority, ExchangeAuthority } from '../../db/columns';
import { actsFor, canDecideConflicts, exchangeRuleAllows, type Viewer } from '../policy/policy';
import type { ExchangeType } from './declarations';

/**
 * Who may make a change that arrives through an exchange workbook as a person's own: a row edited
 * by hand in Excel (its check no longer matches: whoever imports it is taken to have made the edit),
 * or a value chosen in a conflict. The same rules as the channels that make these changes in the app:
 * each record type states them next to its table (ExchangeDecl.authority), column by column.
 *
 * The roles behind each rule, and whose a record is, are the policy's (policy/office.ts
 * exchangeRuleAllows, policy/roles.ts actsFor). The ownership half (a salesperson only their own
 * customers' records) is scope.ts's `mayChange`, checked as well. Rows whose check is intact were made by the app on another PC under the same
 * rules and are applied as they are (see the README's security section for what that trusts).
 */

/** Columns every record type keeps this way: authorship and the recycle bin are the app's. */
const ALWAYS: Readonly<Record<string, ColumnAuthority>> = {
  created_at: 'system',
  created_by: 'system',
  deleted_at: 'system',
  deleted_by: 'system',
  // Bookkeeping: never compared (declarations.ts BOOKKEEPING), stamped by whoever settles a conflict.
  updated_at: 'system',
  updated_by: 'system',
};

/** Columns that look like workflow, authorship or authority: a declaration must name each one it has. */
const SENSITIVE = /(^|_)(status|role|active|tier|vip|owner|assigned|decided|decision|review|reviewed|comment|commented|approved|author|salesperson|assignee|done_by|by)(_|$)/;

/** Refuses a declaration that leaves a sensitive-looking column to the record's default rule (called when the types are built). */
export const checkAuthority = (table: string, columns: string[], authority: ExchangeAuthority | undefined): void => {
  if (!authority) throw new Error(`exchange table ${table} declares no authority`);
  for (const col of Object.keys(authority.columns ?? {}))
    if (!columns.includes(col)) throw new Error(`exchange authority ${table}.${col} is not an exchanged column`);
  if (authority.record === 'owner')
    for (const col of columns)
      if (SENSITIVE.test(col) && !(col in (authority.columns ?? {})) && !(col in ALWAYS))
        throw new Error(`exchange table ${table}: state who may change ${col} (ExchangeDecl.authority.columns)`);
};

export const ruleOf = (t: ExchangeType, column: string): ColumnAuthority => t.decl.authority.columns?.[column] ?? ALWAYS[column] ?? t.decl.authority.record;

/** Why a change was refused, for the import summary and the error a resolution gets. */
export type Refusal = {
  /** admin / manager: the column needs that role; system: only the app's own flows set it; delete: deletions are made in the app; own: another salesperson's record. */
  reason: ExchangeRefusal;
  column?: string;
};

/**
 * May `actor` make this change as their own? `columns`: the columns whose value changes (or, when
 * `deciding` between two versions in a conflict, the columns on which the versions differ);
 * `deleted`: the change deletes (or decides the deletion of) the record.
 */
export const refusalOf = (
  t: ExchangeType,
  actor: Viewer,
  change: { before: Record<string, unknown> | undefined; after: Record<string, unknown> | undefined; columns: Iterable<string>; deleted: boolean },
  deciding = false,
): Refusal | null => {
  // Deletions are made in the app; between two versions (a conflict), a manager has the final say.
  if (change.deleted && !(deciding && canDecideConflicts(actor))) return { reason: 'delete' };
  for (const col of change.columns) {
    const rule = ruleOf(t, col);
    if (!exchangeRuleAllows(actor, rule, deciding)) return { reason: rule === 'owner' ? 'system' : rule, column: col };
  }
  // A row in someone's name (their sale): that person's, before and after, or a manager's.
  const own = t.decl.authority.own;
  if (own) for (const row of [change.before, change.after]) if (row && own in row && !actsFor(actor, row[own])) return { reason: 'own', column: own };
  return null;
};
