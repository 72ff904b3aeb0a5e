import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { ContactFields } from '../../../src-shared/customers/schemas';
import type { Contact } from '../../../src-shared/customers/types';
import { AppError } from '../../../src-shared/errors';
import type { Db, ReadDb } from '../../db/connection';
import { contacts } from '../../db/schema';
import { newId } from '../ids';
import type { Viewer } from '../policy/policy';
import { editableCustomer } from '../policy/guards';
import { addEvent } from './events';
import { touch } from './repository';

type ContactRow = typeof contacts.$inferSelect;

const toContact = (r: ContactRow): Contact => ({
  id: r.id,
  customerId: r.customerId,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  name: r.name,
  title: r.title,
  isDecisionMaker: r.isDecisionMaker,
  decisionRole: r.decisionRole,
  mobile: r.mobile,
  phone: r.phone,
  email: r.email,
  wechat: r.wechat,
  birthday: r.birthday,
  birthdayLunar: r.birthdayLunar,
  homeAddress: r.homeAddress,
  hobbies: r.hobbies,
  personality: r.personality,
  education: r.education,
  family: r.family,
  notes: r.notes,
});

/** Decision-makers first, then in the order they were added. */
export const listContacts = (db: ReadDb, customerId: string): Contact[] =>
  db.orm
    .select()
    .from(contacts)
    .where(and(eq(contacts.customerId, customerId), isNull(contacts.deletedAt)))
    .orderBy(desc(contacts.isDecisionMaker), asc(contacts.createdAt), asc(contacts.id))
    .all()
    .map(toContact);

const liveContact = (db: ReadDb, id: string): ContactRow => {
  const row = db.orm.select().from(contacts).where(eq(contacts.id, id)).get();
  if (!row || row.deletedAt !== null) throw new AppError('NOT_FOUND');
  return row;
};

export const createContact = (db: Db, viewer: Viewer, customerId: string, fields: ContactFields): Contact =>
  db.write(viewer.id, (tx) => {
    editableCustomer(tx, viewer, customerId);
    const now = tx.clock.now();
    const id = newId();
    tx.orm
      .insert(contacts)
      .values({ ...fields, id, customerId, createdAt: now, createdBy: viewer.id, updatedAt: now, updatedBy: viewer.id })
      .run();
    addEvent(tx, viewer.id, customerId, 'contact_added', { contactId: id, name: fields.name });
    return toContact(liveContact(tx, id));
  });

export const updateContact = (db: Db, viewer: Viewer, id: string, fields: Partial<ContactFields>): Contact =>
  db.write(viewer.id, (tx) => {
    const row = liveContact(tx, id);
    editableCustomer(tx, viewer, row.customerId);
    const patch: Partial<ContactRow> = {};
    for (const [k, v] of Object.entries(fields) as [keyof ContactFields, unknown][]) {
      if (v !== undefined && row[k] !== v) (patch as Record<string, unknown>)[k] = v;
    }
    if (Object.keys(patch).length === 0) return toContact(row);
    tx.orm.update(contacts).set({ ...patch, ...touch(tx, viewer.id) }).where(eq(contacts.id, id)).run();
    addEvent(tx, viewer.id, row.customerId, 'contact_updated', { contactId: id, name: patch.name ?? row.name, fields: Object.keys(patch) });
    return toContact(liveContact(tx, id));
  });

export const deleteContact = (db: Db, viewer: Viewer, id: string): void =>
  db.write(viewer.id, (tx) => {
    const row = liveContact(tx, id);
    editableCustomer(tx, viewer, row.customerId);
    tx.orm.update(contacts).set({ deletedAt: tx.clock.now(), ...touch(tx, viewer.id) }).where(eq(contacts.id, id)).run();
    addEvent(tx, viewer.id, row.customerId, 'contact_removed', { contactId: id, name: row.name });
  });
