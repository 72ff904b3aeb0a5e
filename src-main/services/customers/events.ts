import { desc, eq, inArray } from 'drizzle-orm';
import type { CustomerEvent, CustomerEventKind } from '../../../src-shared/customers/types';
import type { ReadDb, WriteDb } from '../../db/connection';
import { customerEvents, users } from '../../db/schema';
import { newId } from '../ids';

/** Appends an event to a customer's timeline (inside the caller's transaction). */
export const addEvent = (
  tx: WriteDb,
  actorId: string | null,
  customerId: string,
  kind: CustomerEventKind,
  data: Record<string, unknown> = {},
): void => {
  tx.orm
    .insert(customerEvents)
    .values({ id: newId(), customerId, at: tx.clock.now(), actorId, kind, data: JSON.stringify(data) })
    .run();
};

export const userNames = (db: ReadDb, ids: (string | null | undefined)[]): Map<string, string> => {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = db.orm.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted)).all();
  return new Map(rows.map((r) => [r.id, r.name]));
};

export const listEvents = (db: ReadDb, customerId: string, limit = 200): CustomerEvent[] => {
  const rows = db.orm
    .select()
    .from(customerEvents)
    .where(eq(customerEvents.customerId, customerId))
    .orderBy(desc(customerEvents.at), desc(customerEvents.id))
    .limit(limit)
    .all();
  const names = userNames(db, rows.map((r) => r.actorId));
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    at: r.at,
    actor: r.actorId ? { id: r.actorId, displayName: names.get(r.actorId) ?? '' } : null,
    kind: r.kind as CustomerEventKind,
    data: JSON.parse(r.data) as Record<string, unknown>,
  }));
};
