import { and, asc, desc, inArray, isNull } from 'drizzle-orm';
import type { TFunction } from 'i18next';
import { customerExportColumnKeys, type CustomerExportColumnKey, type CustomerFilter } from '../../../src-shared/customers/schemas';
import type { CustomerListRow } from '../../../src-shared/customers/types';
import { formatPhone } from '../../../src-shared/rules/phone';
import { regionName } from '../../../src-shared/regions';
import type { Db } from '../../db/connection';
import { changeLog, contacts, customers } from '../../db/schema';
import { wallClock } from '../export/columns';
import { writeXlsx, type ExportColumn } from '../export/xlsxWriter';
import { newId } from '../ids';
import type { Viewer } from '../policy/policy';
import { filterConditions, sortColumn, toListRows } from './customers';
import { liveCondition } from './repository';

/** Every exportable customer column (the contract's customerExportColumnKeys, which give the order). */
export const customerExportColumns = (t: TFunction): Record<CustomerExportColumnKey, ExportColumn<CustomerListRow>> => {
  const text = (key: string, value: (r: CustomerListRow) => string | null | undefined, width?: number): ExportColumn<CustomerListRow> => ({
    header: t(`customer.fields.${key}`),
    type: 'text',
    value,
    ...(width ? { width } : {}),
  });
  return {
    name: text('name', (r) => r.name, 36),
    shortName: text('shortName', (r) => r.shortName),
    creditCode: text('creditCode', (r) => r.creditCode, 22),
    legalRep: text('legalRep', (r) => r.legalRep),
    industry: text('industry', (r) => r.industry),
    staffSize: text('staffSize', (r) => (r.staffSize ? t(`customer.staffSize.${r.staffSize}`) : null)),
    registeredCapital: { header: t('customer.fields.registeredCapital'), type: 'money', value: (r) => r.registeredCapital, width: 16 },
    foundedOn: { header: t('customer.fields.foundedOn'), type: 'date', value: (r) => r.foundedOn, width: 12 },
    description: text('description', (r) => r.description, 40),
    creditRating: text('creditRating', (r) => r.creditRating),
    source: text('source', (r) => (r.source ? t(`customer.source.${r.source}`) : null)),
    owner: text('owner', (r) => r.owner?.displayName ?? t('customer.pool')),
    tags: text('tags', (r) => r.tags.map((x) => x.name).join('、')),
    provinceCode: text('provinceCode', (r) => (r.provinceCode ? (regionName(r.provinceCode) ?? r.provinceCode) : null)),
    cityCode: text('cityCode', (r) => (r.cityCode ? (regionName(r.cityCode) ?? r.cityCode) : null)),
    districtCode: text('districtCode', (r) => (r.districtCode ? (regionName(r.districtCode) ?? r.districtCode) : null)),
    address: text('address', (r) => r.address, 40),
    website: text('website', (r) => r.website),
    phone: text('phone', (r) => (r.phone ? formatPhone(r.phone) : null), 16),
    email: text('email', (r) => r.email, 24),
    bankName: text('bankName', (r) => r.bankName),
    bankAccount: text('bankAccount', (r) => r.bankAccount, 24),
    taxId: text('taxId', (r) => r.taxId, 22),
    creditStatus: text('creditStatus', (r) => r.creditStatus),
    purchaseHabits: text('purchaseHabits', (r) => r.purchaseHabits),
    purchaseCycle: text('purchaseCycle', (r) => r.purchaseCycle),
    preferences: text('preferences', (r) => r.preferences),
    interests: text('interests', (r) => r.interests),
    notes: text('notes', (r) => r.notes, 40),
    status: text('status', (r) => t(`customer.status.${r.status}`)),
    lostReason: text('lostReason', (r) => r.lostReason),
    lostAt: { header: t('customer.fields.lostAt'), type: 'date', value: (r) => wallClock(r.lostAt), width: 12 },
    grade: text('grade', (r) => r.grade),
    tier: text('tier', (r) => (r.tier ? t(`customer.tier.${r.tier}`) : null)),
    vipLevel: { header: t('customer.fields.vipLevel'), type: 'integer', value: (r) => r.vipLevel },
    assignedAt: { header: t('customer.fields.assignedAt'), type: 'date', value: (r) => wallClock(r.assignedAt), width: 12 },
    createdAt: { header: t('customer.fields.createdAt'), type: 'datetime', value: (r) => wallClock(r.createdAt), width: 17 },
    updatedAt: { header: t('customer.fields.updatedAt'), type: 'datetime', value: (r) => wallClock(r.updatedAt), width: 17 },
    lastContactAt: { header: t('customer.fields.lastContactAt'), type: 'datetime', value: (r) => wallClock(r.lastContactAt), width: 17 },
    nextFollowUpAt: { header: t('customer.fields.nextFollowUpAt'), type: 'date', value: (r) => wallClock(r.nextFollowUpAt), width: 12 },
    daysSinceUpdate: { header: t('customer.fields.daysSinceUpdate'), type: 'integer', value: (r) => r.daysSinceUpdate },
    contactCount: { header: t('customer.fields.contactCount'), type: 'integer', value: (r) => r.contactCount },
  };
};

type ContactExportRow = typeof contacts.$inferSelect & { customerName: string };

/** The contact columns of a contacts export; the customer's name comes first so the sheet sorts and filters by company. */
const contactExportColumns = (t: TFunction): ExportColumn<ContactExportRow>[] => {
  const text = (key: string, value: (r: ContactExportRow) => string | null | undefined, width?: number): ExportColumn<ContactExportRow> => ({
    header: t(`customer.contactFields.${key}`),
    type: 'text',
    value,
    ...(width ? { width } : {}),
  });
  return [
    { header: t('customer.fields.name'), type: 'text', value: (r) => r.customerName, width: 36 },
    text('name', (r) => r.name, 12),
    text('title', (r) => r.title),
    text('isDecisionMaker', (r) => t(r.isDecisionMaker ? 'common.yes' : 'common.no')),
    text('decisionRole', (r) => r.decisionRole),
    text('mobile', (r) => (r.mobile ? formatPhone(r.mobile) : null), 16),
    text('phone', (r) => (r.phone ? formatPhone(r.phone) : null), 16),
    text('email', (r) => r.email, 24),
    text('wechat', (r) => r.wechat, 16),
    // A birthday may be a lunar date (not a real solar date): kept as written, as text.
    text('birthday', (r) => r.birthday, 12),
    text('birthdayLunar', (r) => (r.birthday ? t(r.birthdayLunar ? 'common.yes' : 'common.no') : null)),
    text('homeAddress', (r) => r.homeAddress, 36),
    text('hobbies', (r) => r.hobbies),
    text('notes', (r) => r.notes, 40),
  ];
};

/** Writes an export (who, when, what, how many rows) to the change log: every list and report export goes through here. */
export const logExport = (db: Db, viewer: Viewer, what: string, details: Record<string, unknown>): void => {
  db.write(viewer.id, (tx) => {
    tx.orm
      .insert(changeLog)
      .values({
        at: tx.clock.now(),
        actorId: viewer.id,
        tableName: 'exports',
        recordId: newId(),
        op: 'insert',
        before: null,
        after: JSON.stringify({ what, ...details }),
      })
      .run();
  });
};

export type ExportRequest = {
  filter: CustomerFilter;
  sort: { field: keyof typeof sortColumn; dir: 'asc' | 'desc' };
  /** Column keys; the name always comes first. Empty means all. */
  columns: readonly CustomerExportColumnKey[];
};

/**
 * Exports the customers the viewer can see under the filter, in the list's
 * order, to an .xlsx file. Sales can only ever export what they can list
 * (their own and the pool); managers export everyone's. Each export is
 * written to the change log: who, when, what filter, how many rows.
 */
export const exportCustomers = async (
  db: Db,
  viewer: Viewer,
  request: ExportRequest,
  file: string,
  t: TFunction,
  onProgress?: (rows: number) => void,
): Promise<{ rows: number }> => {
  const all = customerExportColumns(t);
  // The keys are the contract's (an enum); a Set drops repeats. Nothing here looks a free string up in `all`.
  const chosen: CustomerExportColumnKey[] = request.columns.length ? [...new Set<CustomerExportColumnKey>(['name', ...request.columns])] : [...customerExportColumnKeys];
  // Financial columns stay in the sheet but come out blank where the viewer may not see them (toListRows).
  const where = and(liveCondition, ...filterConditions(db, viewer, request.filter));
  const col = sortColumn[request.sort.field];
  const order = request.sort.dir === 'asc' ? [asc(col), asc(customers.id)] : [desc(col), desc(customers.id)];
  const ids = db.orm.select({ id: customers.id }).from(customers).where(where).orderBy(...order).all().map((r) => r.id);
  function* rows(): Generator<CustomerListRow> {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const byId = new Map(db.orm.select().from(customers).where(inArray(customers.id, chunk)).all().map((r) => [r.id, r]));
      // toListRows blanks financial fields the viewer may not see.
      yield* toListRows(db, viewer, chunk.map((id) => byId.get(id)!).filter(Boolean));
    }
  }
  const count = await writeXlsx(file, [{ name: t('customerList.exportSheet', { defaultValue: '客户' }), columns: chosen.map((k) => all[k]), rows: rows() }], onProgress);
  logExport(db, viewer, 'customers', { filter: request.filter, columns: chosen, rows: count });
  return { rows: count };
};

/**
 * Exports the contacts of the customers the viewer can list under the
 * filter (the customer list's filter and order), one row per contact with
 * its customer's name first. Same rules as the customer export: sales only
 * their own and pool customers; written to the change log.
 */
export const exportContacts = async (
  db: Db,
  viewer: Viewer,
  request: Omit<ExportRequest, 'columns'>,
  file: string,
  t: TFunction,
): Promise<{ rows: number }> => {
  const where = and(liveCondition, ...filterConditions(db, viewer, request.filter));
  const col = sortColumn[request.sort.field];
  const order = request.sort.dir === 'asc' ? [asc(col), asc(customers.id)] : [desc(col), desc(customers.id)];
  const list = db.orm.select({ id: customers.id, name: customers.name }).from(customers).where(where).orderBy(...order).all();
  function* rows(): Generator<ContactExportRow> {
    for (let i = 0; i < list.length; i += 500) {
      const chunk = list.slice(i, i + 500);
      const byCustomer = new Map<string, (typeof contacts.$inferSelect)[]>();
      const found = db.orm
        .select()
        .from(contacts)
        .where(and(inArray(contacts.customerId, chunk.map((c) => c.id)), isNull(contacts.deletedAt)))
        .orderBy(asc(contacts.createdAt), asc(contacts.id))
        .all();
      for (const c of found) byCustomer.set(c.customerId, [...(byCustomer.get(c.customerId) ?? []), c]);
      for (const customer of chunk) for (const c of byCustomer.get(customer.id) ?? []) yield { ...c, customerName: customer.name };
    }
  }
  const count = await writeXlsx(file, [{ name: t('customerList.contactsSheet'), columns: contactExportColumns(t), rows: rows() }]);
  logExport(db, viewer, 'contacts', { filter: request.filter, rows: count });
  return { rows: count };
};
