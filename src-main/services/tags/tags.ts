import { asc, eq } from 'drizzle-orm';
import type { Tag } from '../../../src-shared/customers/types';
import { AppError } from '../../../src-shared/errors';
import type { Db, ReadDb } from '../../db/connection';
import { tags } from '../../db/schema';
import { newId } from '../ids';

const toTag = (r: typeof tags.$inferSelect): Tag => ({ id: r.id, name: r.name, color: r.color });

const nameTaken = (db: ReadDb, name: string, exceptId?: string): boolean => {
  const row = db.orm.select().from(tags).where(eq(tags.name, name)).get();
  return !!row && row.id !== exceptId;
};

export const listTags = (db: ReadDb): Tag[] => db.orm.select().from(tags).orderBy(asc(tags.name)).all().map(toTag);

export const createTag = (db: Db, actorId: string, input: { name: string; color: string }): Tag =>
  db.write(actorId, (tx) => {
    if (nameTaken(tx, input.name)) throw new AppError('TAG_EXISTS', { name: input.name });
    const now = tx.clock.now();
    const row = { id: newId(), name: input.name, color: input.color, createdAt: now, createdBy: actorId, updatedAt: now, updatedBy: actorId };
    tx.orm.insert(tags).values(row).run();
    return toTag(row);
  });

export const updateTag = (db: Db, actorId: string, input: { id: string; name: string; color: string }): Tag =>
  db.write(actorId, (tx) => {
    const row = tx.orm.select().from(tags).where(eq(tags.id, input.id)).get();
    if (!row) throw new AppError('NOT_FOUND');
    if (nameTaken(tx, input.name, input.id)) throw new AppError('TAG_EXISTS', { name: input.name });
    if (row.name === input.name && row.color === input.color) return toTag(row);
    tx.orm.update(tags).set({ name: input.name, color: input.color, updatedAt: tx.clock.now(), updatedBy: actorId }).where(eq(tags.id, input.id)).run();
    return { id: row.id, name: input.name, color: input.color };
  });

/** Deleting a tag takes it off every customer (ON DELETE CASCADE on customer_tags). */
export const deleteTag = (db: Db, actorId: string, id: string): void =>
  db.write(actorId, (tx) => {
    const gone = tx.orm.delete(tags).where(eq(tags.id, id)).run();
    if (gone.changes === 0) throw new AppError('NOT_FOUND');
  });
