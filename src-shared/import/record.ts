import type { CustomerFields } from '../customers/schemas';
import { matchRegion } from '../regions';
import { isMobile } from '../rules/phone';
import { cleanCapital, cleanCreditCode, cleanDate, cleanEmail, cleanPhones, cleanText, isTotalRow, rawText, type CleanIssue, type RawValue } from './clean';
import { headerKey, type ImportTarget } from './targets';

export type ImportRowInput = { rowNumber: number; hidden: boolean; values: RawValue[] };

export type ImportMapping = {
  headers: string[];
  /** Per column: where it goes, or null. */
  targets: (ImportTarget | null)[];
  /** Unmapped non-empty columns go into notes as "header: value". */
  unmappedToNotes: boolean;
  date1904?: boolean;
};

export type ImportContact = { name: string; title: string | null; mobile: string | null; email: string | null; wechat: string | null };

export type ImportRecord = {
  rowNumber: number;
  hidden: boolean;
  /** 'skip' rows (blank, totals) are not records a person needs to see. */
  kind: 'record' | 'blank' | 'total';
  fields: Partial<CustomerFields> & { name: string };
  contact: ImportContact | null;
  /** Rejected: the row cannot become a customer (no name). */
  rejected: boolean;
  issues: CleanIssue[];
};

/** The title of a contact made from the 法定代表人 column (stored data, in the directory's language). */
const LEGAL_REP_TITLE = '法定代表人';

const MAX_TEXT = { description: 20_000, notes: 20_000, address: 200 } as const;

/**
 * A company name as stored: white space collapsed, and none between two Chinese characters (a
 * directory's "上海 锦程华信 物流有限公司" is 上海锦程华信物流有限公司); the characters themselves are
 * kept as written — full-width brackets stay full-width. Only the duplicate key (normalizeCompanyName)
 * folds widths.
 */
export const cleanCompanyName = (raw: string): string =>
  raw
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/(?<=[\p{Script=Han}（）])\s+(?=[\p{Script=Han}（）])/gu, '');

/**
 * One spreadsheet row → what would be saved, with every problem found.
 * Field problems leave that field empty and are listed (the row still
 * imports); a row without a company name is rejected.
 */
export const buildRecord = (row: ImportRowInput, mapping: ImportMapping): ImportRecord => {
  const fields: Partial<CustomerFields> & { name: string } = { name: '' };
  const issues: CleanIssue[] = [];
  const notes: string[] = [];
  const phones: string[] = [];
  const contact: Partial<ImportContact> = {};
  const region: { province?: string; city?: string; district?: string } = {};
  const nonEmpty = row.values.some((v) => rawText(v).trim() !== '');
  if (!nonEmpty) return { rowNumber: row.rowNumber, hidden: row.hidden, kind: 'blank', fields, contact: null, rejected: false, issues };
  if (isTotalRow(row.values)) return { rowNumber: row.rowNumber, hidden: row.hidden, kind: 'total', fields, contact: null, rejected: false, issues };

  const take = <T>(r: { value: T | null; issues: CleanIssue[] }): T | null => {
    issues.push(...r.issues);
    return r.value;
  };
  mapping.targets.forEach((target, i) => {
    const raw = row.values[i];
    if (raw === null || raw === undefined || rawText(raw).trim() === '') return;
    const header = mapping.headers[i] ?? '';
    switch (target) {
      case null:
        if (mapping.unmappedToNotes) notes.push(`${header}: ${rawText(raw).trim()}`);
        return;
      case 'creditCode':
        fields.creditCode = take(cleanCreditCode(raw));
        return;
      case 'foundedOn':
        fields.foundedOn = take(cleanDate(raw, { date1904: mapping.date1904 ?? false }));
        return;
      case 'registeredCapital': {
        const cap = take(cleanCapital(raw, { headerInWan: /万/.test(header) }));
        if (cap) {
          fields.registeredCapital = cap.amount;
          fields.registeredCapitalCurrency = cap.currency;
        }
        return;
      }
      case 'phone':
        phones.push(...(take(cleanPhones(raw)) ?? []));
        return;
      case 'email':
        fields.email = take(cleanEmail(raw));
        return;
      case 'contactMobile': {
        const m = take(cleanPhones(raw)) ?? [];
        contact.mobile = m[0] ?? null;
        if (m.length > 1) phones.push(...m.slice(1));
        return;
      }
      case 'contactEmail':
        contact.email = take(cleanEmail(raw));
        return;
      case 'contactName':
        contact.name = take(cleanText(raw)) ?? undefined;
        return;
      case 'contactTitle':
        contact.title = take(cleanText(raw));
        return;
      case 'contactWechat':
        contact.wechat = take(cleanText(raw));
        return;
      case 'province':
      case 'city':
      case 'district':
        region[target] = rawText(raw).trim();
        return;
      case 'notes':
        notes.unshift(rawText(raw).trim());
        return;
      default: {
        const text = take(cleanText(raw));
        const max = (MAX_TEXT as Record<string, number>)[target] ?? 500;
        // Long text is kept whole up to a generous limit; beyond it the rest goes to notes, never silently dropped.
        if (text && text.length > max) {
          (fields as Record<string, unknown>)[target] = text.slice(0, max);
          notes.push(`${header}: ${text.slice(max)}`);
        } else (fields as Record<string, unknown>)[target] = text;
      }
    }
  });

  const name = cleanCompanyName(fields.name ?? '');
  fields.name = name;
  // First phone is the customer's; a mobile with no contact phone also goes to the contact.
  if (phones.length) {
    fields.phone = phones[0]!;
    const rest = phones.slice(1);
    // A further number that is a mobile is a person's: the file's contact's, or else the legal
    // representative's (directories list it in 联系方式 / 更多电话 after the switchboard). As that
    // contact's mobile it is found by search; only what is left goes to the notes.
    const mobile = contact.mobile ? -1 : rest.findIndex((p) => isMobile(p));
    if (mobile >= 0 && (contact.name || fields.legalRep)) {
      contact.mobile = rest.splice(mobile, 1)[0]!;
      if (!contact.name) {
        contact.name = fields.legalRep!;
        contact.title ??= LEGAL_REP_TITLE;
      }
    }
    if (rest.length) notes.push(rest.join(' / '));
  }
  if (contact.name && !contact.mobile && phones[0] && isMobile(phones[0])) contact.mobile = phones[0];
  // Region codes from the region columns, completed from the start of the address: a 省份 column
  // alone still lets the city and district be read from 地址 (when the address agrees with it).
  const columns = [region.province, region.city, region.district].filter(Boolean).join('');
  const fromColumns = columns ? matchRegion(columns) : {};
  const fromAddress = fields.address ? matchRegion(fields.address) : {};
  const agrees = (a?: { code: string }, b?: { code: string }) => !a || !b || b.code.startsWith(a.code);
  const m = {
    province: fromColumns.province ?? fromAddress.province,
    city: fromColumns.city ?? (agrees(fromColumns.province, fromAddress.city) ? fromAddress.city : undefined),
    district: fromColumns.district,
  };
  if (!m.district && fromAddress.district && agrees(m.city ?? m.province, fromAddress.district)) m.district = fromAddress.district;
  if (m.province || m.city || m.district) {
    fields.provinceCode = m.province?.code ?? null;
    fields.cityCode = m.city?.code ?? null;
    fields.districtCode = m.district?.code ?? null;
  }
  if (notes.length) fields.notes = notes.join('\n').slice(0, MAX_TEXT.notes);
  const rejected = name === '';
  if (rejected) issues.push({ code: 'name_missing', severity: 'error', value: '' });
  return {
    rowNumber: row.rowNumber,
    hidden: row.hidden,
    kind: 'record',
    fields,
    contact: contact.name
      ? { name: contact.name, title: contact.title ?? null, mobile: contact.mobile ?? null, email: contact.email ?? null, wechat: contact.wechat ?? null }
      : null,
    rejected,
    issues,
  };
};

export { headerKey };
