import { and, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { DuplicateHit, DuplicateMatch } from '../../../src-shared/customers/types';
import { normalizeCompanyName } from '../../../src-shared/rules/companyName';
import { normalizeCreditCode } from '../../../src-shared/rules/creditCode';
import { phoneDigits } from '../../../src-shared/rules/phone';
import type { ReadDb } from '../../db/connection';
import { contacts, customers } from '../../db/schema';
import { canReadCustomer, type Viewer } from '../policy/policy';
import { userNames } from './events';
import { liveCondition, type CustomerRow } from './repository';

export type DuplicateProbe = { name?: string | null; creditCode?: string | null; phone?: string | null; excludeId?: string };

/**
 * Live customers that are probably the same company: same credit code, same
 * normalised name (有限公司/有限责任公司/股份/(集团)/分公司 variants, widths
 * and spaces ignored), or the same phone (the customer's or a contact's).
 */
export const findDuplicates = (db: ReadDb, viewer: Viewer, probe: DuplicateProbe): DuplicateHit[] => {
  const matches = new Map<string, { row: CustomerRow; on: Set<DuplicateMatch> }>();
  const add = (rows: CustomerRow[], on: DuplicateMatch): void => {
    for (const row of rows) {
      if (row.id === probe.excludeId) continue;
      const m = matches.get(row.id) ?? { row, on: new Set<DuplicateMatch>() };
      m.on.add(on);
      matches.set(row.id, m);
    }
  };
  const live = and(liveCondition, probe.excludeId ? ne(customers.id, probe.excludeId) : undefined);
  const code = probe.creditCode ? normalizeCreditCode(probe.creditCode) : '';
  if (code) add(db.orm.select().from(customers).where(and(live, eq(customers.creditCode, code))).limit(20).all(), 'creditCode');
  const nameKey = probe.name?.trim() ? normalizeCompanyName(probe.name) : '';
  if (nameKey) add(db.orm.select().from(customers).where(and(live, eq(customers.nameKey, nameKey))).limit(20).all(), 'name');
  const digits = probe.phone ? phoneDigits(probe.phone) : '';
  if (digits.length >= 7) {
    add(db.orm.select().from(customers).where(and(live, eq(customers.phone, digits))).limit(20).all(), 'phone');
    const viaContacts = db.orm
      .selectDistinct({ customerId: contacts.customerId })
      .from(contacts)
      .where(and(isNull(contacts.deletedAt), or(eq(contacts.mobile, digits), eq(contacts.phone, digits))))
      .limit(20)
      .all()
      .map((r) => r.customerId);
    if (viaContacts.length) add(db.orm.select().from(customers).where(and(live, inArray(customers.id, viaContacts))).all(), 'phone');
  }
  const rows = [...matches.values()];
  const names = userNames(db, rows.map((m) => m.row.ownerId));
  const rank = (m: { on: Set<DuplicateMatch> }): number => (m.on.has('creditCode') ? 0 : m.on.has('name') ? 1 : 2);
  return rows
    .sort((a, b) => rank(a) - rank(b) || a.row.createdAt - b.row.createdAt)
    .map(({ row, on }) => ({
      id: row.id,
      name: row.name,
      matchedOn: [...on],
      owner: row.ownerId ? { id: row.ownerId, displayName: names.get(row.ownerId) ?? '' } : null,
      canOpen: canReadCustomer(viewer, row),
      status: row.status as DuplicateHit['status'],
    }));
};
