import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { surveyInputSchema, type SurveyInput } from '../../../src-shared/activities/schemas';
import type { Survey } from '../../../src-shared/activities/types';
import { AppError } from '../../../src-shared/errors';
import type { Db, ReadDb } from '../../db/connection';
import { contacts, satisfactionSurveys } from '../../db/schema';
import type { Viewer } from '../policy/policy';
import { readableCustomer, writableCustomer } from '../policy/guards';
import { addEvent, userNames } from '../customers/events';
import { newId } from '../ids';
import { parseInput } from './validate';

type SurveyRow = typeof satisfactionSurveys.$inferSelect;

/** Mean of the four scores, rounded to one decimal. */
export const surveyAverage = (r: { quality: number; delivery: number; service: number; brand: number }): number =>
  Math.round(((r.quality + r.delivery + r.service + r.brand) / 4) * 10) / 10;

const toSurveys = (db: ReadDb, rows: SurveyRow[]): Survey[] => {
  const names = userNames(db, rows.map((r) => r.createdBy));
  const contactIds = [...new Set(rows.map((r) => r.contactId).filter((x): x is string => !!x))];
  const cons = contactIds.length ? db.orm.select({ id: contacts.id, name: contacts.name }).from(contacts).where(inArray(contacts.id, contactIds)).all() : [];
  const contactName = new Map(cons.map((c) => [c.id, c.name]));
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    contactId: r.contactId,
    contactName: r.contactId ? (contactName.get(r.contactId) ?? null) : null,
    surveyedAt: r.surveyedAt,
    quality: r.quality,
    delivery: r.delivery,
    service: r.service,
    brand: r.brand,
    average: surveyAverage(r),
    comments: r.comments,
    createdBy: r.createdBy ? { id: r.createdBy, displayName: names.get(r.createdBy) ?? '' } : null,
    createdAt: r.createdAt,
  }));
};

/** Records a satisfaction survey (满意度调查) for a customer; adds 'survey_recorded' to its timeline. */
export const createSurvey = (db: Db, viewer: Viewer, input: SurveyInput): Survey => {
  const v = parseInput(surveyInputSchema, input);
  return db.write(viewer.id, (tx) => {
    writableCustomer(tx, viewer, v.customerId);
    if (v.contactId) {
      const c = tx.orm.select({ customerId: contacts.customerId, deletedAt: contacts.deletedAt }).from(contacts).where(eq(contacts.id, v.contactId)).get();
      if (!c || c.customerId !== v.customerId || c.deletedAt !== null) throw new AppError('VALIDATION', { fields: 'contactId' });
    }
    const now = tx.clock.now();
    const row: SurveyRow = {
      id: newId(),
      createdAt: now,
      createdBy: viewer.id,
      updatedAt: now,
      updatedBy: viewer.id,
      customerId: v.customerId,
      contactId: v.contactId,
      surveyedAt: v.surveyedAt,
      quality: v.quality,
      delivery: v.delivery,
      service: v.service,
      brand: v.brand,
      comments: v.comments,
      deletedAt: null,
    };
    tx.orm.insert(satisfactionSurveys).values(row).run();
    addEvent(tx, viewer.id, v.customerId, 'survey_recorded', { surveyId: row.id, average: surveyAverage(row) });
    return toSurveys(tx, [row])[0]!;
  });
};

/** A customer's surveys, newest first. */
export const listSurveys = (db: ReadDb, viewer: Viewer, customerId: string): Survey[] => {
  readableCustomer(db, viewer, customerId);
  const rows = db.orm
    .select()
    .from(satisfactionSurveys)
    .where(and(eq(satisfactionSurveys.customerId, customerId), isNull(satisfactionSurveys.deletedAt)))
    .orderBy(desc(satisfactionSurveys.surveyedAt))
    .all();
  return toSurveys(db, rows);
};
