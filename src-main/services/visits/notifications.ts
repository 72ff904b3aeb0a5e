import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { NotificationKind } from '../../../src-shared/visits/enums';
import type { VisitNotification } from '../../../src-shared/visits/types';
import type { Db, ReadDb, WriteDb } from '../../db/connection';
import { customers, minutes, visitNotifications, visits } from '../../db/schema';
import { newId } from '../ids';
import { ref, userNames, type Viewer } from './common';

/** Tells `userId` in the app that something happened to their visit or minutes (inside the caller's transaction). */
export const notify = (
  tx: WriteDb,
  actorId: string,
  userId: string,
  kind: NotificationKind,
  about: { visitId?: string; minutesId?: string; customerId: string; comment: string | null },
): void => {
  tx.orm
    .insert(visitNotifications)
    .values({
      id: newId(),
      userId,
      at: tx.clock.now(),
      actorId,
      kind,
      visitId: about.visitId ?? null,
      minutesId: about.minutesId ?? null,
      customerId: about.customerId,
      comment: about.comment,
    })
    .run();
};

/** The viewer's own notifications, newest first. */
export const listNotifications = (db: ReadDb, viewer: Viewer, q: { unreadOnly: boolean; limit: number }): VisitNotification[] => {
  const rows = db.orm
    .select({
      n: visitNotifications,
      customerName: customers.name,
      visitNo: visits.formNo,
      minutesNo: minutes.formNo,
    })
    .from(visitNotifications)
    .leftJoin(customers, eq(customers.id, visitNotifications.customerId))
    .leftJoin(visits, eq(visits.id, visitNotifications.visitId))
    .leftJoin(minutes, eq(minutes.id, visitNotifications.minutesId))
    .where(and(eq(visitNotifications.userId, viewer.id), q.unreadOnly ? isNull(visitNotifications.readAt) : undefined))
    .orderBy(desc(visitNotifications.at), desc(visitNotifications.id))
    .limit(q.limit)
    .all();
  const names = userNames(db, rows.map((r) => r.n.actorId));
  return rows.map(({ n, customerName, visitNo, minutesNo }) => ({
    id: n.id,
    at: n.at,
    kind: n.kind as NotificationKind,
    actor: ref(names, n.actorId),
    visitId: n.visitId,
    minutesId: n.minutesId,
    customerName,
    formNo: visitNo ?? minutesNo ?? null,
    comment: n.comment,
    readAt: n.readAt,
  }));
};

/** Marks the viewer's notifications read (the listed ones, or all); someone else's ids are ignored. */
export const markNotificationsRead = (db: Db, viewer: Viewer, q: { ids?: string[]; all: boolean }): { count: number } =>
  db.write(viewer.id, (tx) => {
    if (!q.all && !q.ids?.length) return { count: 0 };
    const result = tx.orm
      .update(visitNotifications)
      .set({ readAt: tx.clock.now() })
      .where(
        and(
          eq(visitNotifications.userId, viewer.id),
          isNull(visitNotifications.readAt),
          q.all ? undefined : inArray(visitNotifications.id, q.ids ?? []),
        ),
      )
      .run();
    return { count: result.changes };
  });
