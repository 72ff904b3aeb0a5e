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

const MAX_TEXT = { description: 20_000, notes: 20_000, address: 200 } as const;

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

  const name = (fields.name ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim();
  fields.name = name;
  // First phone is the customer's; a mobile with no contact phone also goes to the contact.
  if (phones.length) {
    fields.phone = phones[0]!;
    if (phones.length > 1) notes.push(`${phones.slice(1).join(' / ')}`);
  }
  if (contact.name && !contact.mobile && phones[0] && isMobile(phones[0])) contact.mobile = phones[0];
  // Region codes from the region columns, or from the start of the address.
  const regionText = [region.province, region.city, region.district].filter(Boolean).join('') || fields.address || '';
  if (regionText) {
    const m = matchRegion(regionText);
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
