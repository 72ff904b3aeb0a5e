import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getTableColumns } from 'drizzle-orm';
import { financialFields, type CustomerGrade, type CustomerStatus, type CustomerTier } from '../../../src-shared/customers/enums';
import { customerFieldsSchema, type CustomerFields } from '../../../src-shared/customers/schemas';
import type { BulkResult, Customer, Tag } from '../../../src-shared/customers/types';
import { AppError } from '../../../src-shared/errors';
import type { ReadDb } from '../../db/connection';
import { contacts, customers, customerTags, tags } from '../../db/schema';
import { canSeeFinancials, type Viewer } from '../policy/policy';
import { userNames } from './events';

export type CustomerRow = typeof customers.$inferSelect;

/** The fields a person edits in the customer form (everything else has its own flow). */
export const editableFields = Object.keys(customerFieldsSchema.shape) as (keyof CustomerFields)[];

/** Column name (snake_case, as in the change log) → field name (camelCase). */
export const columnToField: Map<string, string> = new Map(
  Object.entries(getTableColumns(customers)).map(([key, col]) => [col.name, key]),
);

export const findCustomerRow = (db: ReadDb, id: string): CustomerRow | undefined =>
  db.orm.select().from(customers).where(eq(customers.id, id)).get();

/** A live customer: exists, not in the recycle bin, not merged away. */
export const getLiveRow = (db: ReadDb, id: string): CustomerRow => {
  const row = findCustomerRow(db, id);
  if (!row || row.deletedAt !== null || row.mergedInto !== null) throw new AppError('NOT_FOUND');
  return row;
};

export const liveCondition = and(isNull(customers.deletedAt), isNull(customers.mergedInto));

export const tagsOf = (db: ReadDb, customerIds: string[]): Map<string, Tag[]> => {
  const result = new Map<string, Tag[]>();
  if (customerIds.length === 0) return result;
  for (let i = 0; i < customerIds.length; i += 500) {
    const chunk = customerIds.slice(i, i + 500);
    const rows = db.orm
      .select({ customerId: customerTags.customerId, id: tags.id, name: tags.name, color: tags.color })
      .from(customerTags)
      .innerJoin(tags, eq(tags.id, customerTags.tagId))
      .where(inArray(customerTags.customerId, chunk))
      .all();
    for (const r of rows) {
      const list = result.get(r.customerId) ?? [];
      list.push({ id: r.id, name: r.name, color: r.color });
      result.set(r.customerId, list);
    }
  }
  for (const list of result.values()) list.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return result;
};

export const contactCounts = (db: ReadDb, customerIds: string[]): Map<string, number> => {
  if (customerIds.length === 0) return new Map();
  const rows = db.orm
    .select({ customerId: contacts.customerId, n: sql<number>`count(*)` })
    .from(contacts)
    .where(and(inArray(contacts.customerId, customerIds), isNull(contacts.deletedAt)))
    .groupBy(contacts.customerId)
    .all();
  return new Map(rows.map((r) => [r.customerId, r.n]));
};

/** Rows → what the renderer gets, with owner names and tags, financial fields blanked where the viewer may not see them. */
export const toCustomers = (db: ReadDb, viewer: Viewer, rows: CustomerRow[]): Customer[] => {
  const names = userNames(db, rows.map((r) => r.ownerId));
  const tagMap = tagsOf(db, rows.map((r) => r.id));
  return rows.map((r) => {
    const hidden = !canSeeFinancials(viewer, r);
    const c: Customer = {
      id: r.id,
      createdAt: r.createdAt,
      createdBy: r.createdBy,
      updatedAt: r.updatedAt,
      updatedBy: r.updatedBy,
      name: r.name,
      shortName: r.shortName,
      creditCode: r.creditCode,
      legalRep: r.legalRep,
      industry: r.industry,
      staffSize: r.staffSize as Customer['staffSize'],
      registeredCapital: r.registeredCapital,
      registeredCapitalCurrency: r.registeredCapitalCurrency,
      foundedOn: r.foundedOn,
      description: r.description,
      creditRating: r.creditRating,
      source: r.source as Customer['source'],
      provinceCode: r.provinceCode,
      cityCode: r.cityCode,
      districtCode: r.districtCode,
      address: r.address,
      website: r.website,
      phone: r.phone,
      email: r.email,
      bankName: r.bankName,
      bankAccount: r.bankAccount,
      taxId: r.taxId,
      creditStatus: r.creditStatus,
      purchaseHabits: r.purchaseHabits,
      purchaseCycle: r.purchaseCycle,
      preferences: r.preferences,
      interests: r.interests,
      notes: r.notes,
      owner: r.ownerId ? { id: r.ownerId, displayName: names.get(r.ownerId) ?? '' } : null,
      status: r.status as CustomerStatus,
      lostReason: r.lostReason,
      lostAt: r.lostAt,
      grade: r.grade as CustomerGrade | null,
      tier: r.tier as CustomerTier | null,
      vipLevel: r.vipLevel,
      assignedAt: r.assignedAt,
      firstContactAt: r.firstContactAt,
      lastContactAt: r.lastContactAt,
      nextFollowUpAt: r.nextFollowUpAt,
      deletedAt: r.deletedAt,
      tags: tagMap.get(r.id) ?? [],
      financialHidden: hidden,
    };
    if (hidden) for (const f of financialFields) c[f] = null;
    return c;
  });
};

export const toCustomer = (db: ReadDb, viewer: Viewer, row: CustomerRow): Customer => toCustomers(db, viewer, [row])[0]!;

/** Sets updated_at/by on a row change; every service write goes through here so the stamp is never forgotten. */
export const touch = (db: ReadDb, actorId: string | null) => ({ updatedAt: db.clock.now(), updatedBy: actorId });

/**
 * Runs a bulk action over live customers: missing, deleted and merged-away ids are skipped as
 * NOT_FOUND; `fn` returns null when it changed the row, or the reason it skipped it.
 */
export const forEachLive = (db: ReadDb, ids: string[], fn: (row: CustomerRow) => string | null): BulkResult => {
  const result: BulkResult = { changed: 0, skipped: [] };
  for (const id of ids) {
    const row = findCustomerRow(db, id);
    const skip = !row || row.deletedAt !== null || row.mergedInto !== null ? 'NOT_FOUND' : fn(row);
    if (skip) result.skipped.push({ id, reason: skip });
    else result.changed += 1;
  }
  return result;
};
