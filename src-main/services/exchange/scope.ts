import type { ReadSqlite } from '../../db/connection';
import { actsFor, canWriteFor, isManagerLike, seesEverything, type Viewer } from '../policy/policy';
import { quoteIdent, type ExchangeType } from './declarations';

/**
 * What a salesperson may exchange: records of the customers they own (and
 * what hangs on them), and records that belong to them as a user. Managers
 * and admins: everything. Shared records (tags, users) are in everyone's
 * export; only managers' imports change them.
 */

/** SQL condition over the row alias `r` for a salesperson's export (`?` = the viewer id). */
export const scopeSql = (t: ExchangeType, viewer: Viewer): { sql: string; params: unknown[] } => {
  if (seesEverything(viewer)) return { sql: '1', params: [] };
  if (t.user) return { sql: `r.${quoteIdent(t.user)} = ?`, params: [viewer.id] };
  const c = t.customer;
  if (!c) return { sql: '1', params: [] };
  if (c === 'self') return { sql: 'r.owner_id = ?', params: [viewer.id] };
  if (typeof c === 'string') return { sql: `r.${quoteIdent(c)} IN (SELECT id FROM customers WHERE owner_id = ?)`, params: [viewer.id] };
  return {
    sql: `r.${quoteIdent(c.via)} IN (SELECT p.id FROM ${quoteIdent(c.parent)} p JOIN customers k ON k.id = p.customer_id WHERE k.owner_id = ?)`,
    params: [viewer.id],
  };
};

/** Whether `viewer` may change this record here: its version here (if any) and the incoming one must both be theirs. */
export const mayChange = (
  sqlite: ReadSqlite,
  t: ExchangeType,
  viewer: Viewer,
  local: Record<string, unknown> | undefined,
  remote: Record<string, unknown>,
  remoteDeleted = false,
): boolean => {
  // The policy's rules: managers change everything; a salesperson records in their own name (actsFor) and those of the customers they own (canWriteFor).
  if (isManagerLike(viewer)) return true;
  if (t.user) return (!local || actsFor(viewer, local[t.user])) && (remoteDeleted || remote[t.user] === undefined || actsFor(viewer, remote[t.user]));
  const c = t.customer;
  if (!c) return false;
  if (c === 'self') return (!local || actsFor(viewer, local.owner_id)) && (remoteDeleted || remote.owner_id === undefined || actsFor(viewer, remote.owner_id));
  const customerIds = (row: Record<string, unknown> | undefined): unknown[] => {
    if (!row) return [];
    if (typeof c === 'string') return [row[c]];
    const parent = row[c.via];
    if (typeof parent !== 'string') return [];
    const hit = sqlite.prepare(`SELECT customer_id AS c FROM ${quoteIdent(c.parent)} WHERE id = ?`).get(parent) as { c: unknown } | undefined;
    return [hit?.c];
  };
  const ids = [...customerIds(local), ...customerIds(remote)].filter((v): v is string => typeof v === 'string');
  if (!ids.length) return false;
  const owner = sqlite.prepare('SELECT owner_id AS o FROM customers WHERE id = ?');
  return ids.every((id) => {
    const hit = owner.get(id) as { o: string | null } | undefined;
    return !!hit && canWriteFor(viewer, { ownerId: hit.o });
  });
};
