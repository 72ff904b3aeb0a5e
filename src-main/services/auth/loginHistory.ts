import { desc, eq, sql, count } from 'drizzle-orm';
import type { LoginEvent, LoginEventKind, Page } from '../../../src-shared/types';
import type { Db, ReadDb, WriteDb } from '../../db/connection';
import { loginHistory, users } from '../../db/schema';
import { slotId, type Keyring } from '../../keyring/keyring';
import type { PendingEvent } from '../../keyring/authState';

export const recordLoginEvent = (
  tx: WriteDb,
  event: { at: number; kind: LoginEventKind; userId: string | null; username: string | null },
): void => {
  tx.orm.insert(loginHistory).values(event).run();
};

/** Moves events recorded while the database was closed into the login history, naming their users where known. */
export const flushPendingEvents = (db: Db, keyring: Keyring, pending: PendingEvent[]): void => {
  if (pending.length === 0) return;
  const bySlot = new Map<string, { id: string; username: string }>();
  for (const u of db.orm.select({ id: users.id, username: users.username, key: users.usernameKey }).from(users).all()) {
    bySlot.set(slotId(keyring, u.key), { id: u.id, username: u.username });
  }
  db.write(null, (tx) => {
    for (const e of pending) {
      const user = bySlot.get(e.slot);
      recordLoginEvent(tx, { at: e.at, kind: e.kind, userId: user?.id ?? null, username: user?.username ?? null });
    }
  });
};

export const listLoginHistory = (db: ReadDb, page: { limit: number; offset: number }): Page<LoginEvent> => {
  const rows = db.orm
    .select()
    .from(loginHistory)
    .orderBy(desc(loginHistory.at), desc(loginHistory.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const total = db.orm.select({ n: count() }).from(loginHistory).get()?.n ?? 0;
  return { rows, total };
};

export const loginsOfUser = (db: ReadDb, userId: string, limit = 10): LoginEvent[] =>
  db.orm
    .select()
    .from(loginHistory)
    .where(eq(loginHistory.userId, userId))
    .orderBy(desc(loginHistory.at), desc(loginHistory.id))
    .limit(limit)
    .all();

/** Last successful login per user id. */
export const lastLogins = (db: ReadDb): Map<string, number> => {
  const rows = db.orm
    .select({ userId: loginHistory.userId, at: sql<number>`max(${loginHistory.at})` })
    .from(loginHistory)
    .where(sql`${loginHistory.kind} IN ('success', 'recovery') AND ${loginHistory.userId} IS NOT NULL`)
    .groupBy(loginHistory.userId)
    .all();
  return new Map(rows.map((r) => [r.userId as string, r.at]));
};
