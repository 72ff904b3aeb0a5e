import { and, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { DEFAULT_GREETING_DAYS, greetingHolidays } from '../../../src-shared/activities/enums';
import { greetingSettingsSchema, greetingsListSchema } from '../../../src-shared/activities/schemas';
import type { Greeting, GreetingList } from '../../../src-shared/activities/types';
import { localDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import { formatPhone } from '../../../src-shared/rules/phone';
import type { Db, ReadDb } from '../../db/connection';
import { contacts, customers } from '../../db/schema';
import { canSetOfficeRules, type Viewer } from '../policy/policy';
import { ownCustomersCondition } from '../policy/sql';
import { liveCondition } from '../customers/repository';
import { writeXlsx } from '../export/xlsxWriter';
import { getSetting, saveSetting } from '../settings/settings';
import { birthdayDates, birthdayKeysIn, dateOfDay, dayNumber, holidaysOf, lunarLabel, parseBirthday } from './lunar';
import { parseInput } from './validate';

const SETTING_KEY = 'activities.greetings';

export const greetingSettings = (db: ReadDb): { days: number } => {
  const parsed = greetingSettingsSchema.safeParse(getSetting(db, SETTING_KEY));
  return parsed.success ? parsed.data : { days: DEFAULT_GREETING_DAYS };
};

export const updateGreetingSettings = (db: Db, viewer: Viewer, input: { days: number }): { days: number } => {
  if (!canSetOfficeRules(viewer)) throw new AppError('FORBIDDEN');
  const v = parseInput(greetingSettingsSchema, input);
  saveSetting(db, viewer.id, SETTING_KEY, v);
  return v;
};

export type BirthdayContact = {
  contactId: string;
  contactName: string;
  contactTitle: string | null;
  customerId: string;
  customerName: string;
  phone: string | null;
  address: string | null;
  birthday: string;
  lunar: boolean;
};

/**
 * The greeting list for [today, today + days] (both ends included, so the
 * default 7 covers a full week ahead): holidays, then contacts' birthdays,
 * by date. Pure: the service reads the contacts, this does the calendar.
 */
export const computeGreetings = (today: string, days: number, people: BirthdayContact[]): Greeting[] => {
  const start = dayNumber(today);
  const end = dateOfDay(start + days);
  const items: Greeting[] = [];
  const base = { contactId: null, contactName: null, contactTitle: null, customerId: null, customerName: null, phone: null, address: null, birthday: null, lunar: false, lunarLabel: null, shifted: false };
  for (let y = Number(today.slice(0, 4)); y <= Number(end.slice(0, 4)); y++) {
    for (const h of holidaysOf(y)) {
      const n = dayNumber(h.date);
      if (n >= start && n <= start + days) items.push({ ...base, kind: 'holiday', date: h.date, daysAway: n - start, holiday: h.holiday });
    }
  }
  for (const p of people) {
    const md = parseBirthday(p.birthday);
    for (const hit of birthdayDates(p.birthday, p.lunar, today, end)) {
      items.push({
        kind: 'birthday',
        date: hit.date,
        daysAway: dayNumber(hit.date) - start,
        holiday: null,
        contactId: p.contactId,
        contactName: p.contactName,
        contactTitle: p.contactTitle,
        customerId: p.customerId,
        customerName: p.customerName,
        phone: p.phone,
        address: p.address,
        birthday: p.birthday,
        lunar: p.lunar,
        lunarLabel: p.lunar && md ? lunarLabel(md.month, md.day) : null,
        shifted: hit.shifted,
      });
    }
  }
  const holidayOrder = (g: Greeting) => (g.holiday ? greetingHolidays.indexOf(g.holiday) : 99);
  return items.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      (a.kind === b.kind ? 0 : a.kind === 'holiday' ? -1 : 1) ||
      holidayOrder(a) - holidayOrder(b) ||
      (a.contactName ?? '').localeCompare(b.contactName ?? '', 'zh-CN'),
  );
};

/**
 * Contacts whose birthday can fall between `from` and `to`, of customers on
 * the viewer's list: managers every customer, sales their own.
 */
const birthdayContacts = (db: ReadDb, viewer: Viewer, from: string, to: string): BirthdayContact[] => {
  const keys = birthdayKeysIn(from, to);
  const monthDay = sql`substr(${contacts.birthday}, -5)`;
  const rows = db.orm
    .select({
      contactId: contacts.id,
      contactName: contacts.name,
      contactTitle: contacts.title,
      mobile: contacts.mobile,
      phone: contacts.phone,
      homeAddress: contacts.homeAddress,
      birthday: contacts.birthday,
      lunar: contacts.birthdayLunar,
      customerId: customers.id,
      customerName: customers.name,
      customerAddress: customers.address,
    })
    .from(contacts)
    .innerJoin(customers, eq(customers.id, contacts.customerId))
    .where(
      and(
        isNull(contacts.deletedAt),
        isNotNull(contacts.birthday),
        or(
          and(eq(contacts.birthdayLunar, false), inArray(monthDay, keys.solar)),
          and(eq(contacts.birthdayLunar, true), inArray(monthDay, keys.lunar)),
        ),
        liveCondition,
        ownCustomersCondition(viewer),
      ),
    )
    .all();
  return rows.map((r) => ({
    contactId: r.contactId,
    contactName: r.contactName,
    contactTitle: r.contactTitle,
    customerId: r.customerId,
    customerName: r.customerName,
    phone: r.mobile ?? r.phone,
    address: r.homeAddress ?? r.customerAddress,
    birthday: r.birthday!,
    lunar: r.lunar,
  }));
};

export const listGreetings = (db: ReadDb, viewer: Viewer, input: z.input<typeof greetingsListSchema> = {}): GreetingList => {
  const v = parseInput(greetingsListSchema, input);
  const today = v.today ?? localDate(db.clock.now());
  const days = v.days ?? greetingSettings(db).days;
  return { today, days, items: computeGreetings(today, days, birthdayContacts(db, viewer, today, dateOfDay(dayNumber(today) + days))) };
};

/** The greeting list as an .xlsx for people to read (phones as text, dates as dates). */
export const exportGreetings = async (db: ReadDb, viewer: Viewer, input: z.input<typeof greetingsListSchema>, file: string, t: TFunction): Promise<number> => {
  const list = listGreetings(db, viewer, input);
  const text = (key: string, value: (g: Greeting) => string | null, width?: number) => ({
    header: t(`activities.greetings.columns.${key}`),
    type: 'text' as const,
    value,
    ...(width ? { width } : {}),
  });
  return writeXlsx(file, [
    {
      name: t('activities.greetings.title'),
      columns: [
        { header: t('activities.greetings.columns.date'), type: 'date', value: (g: Greeting) => g.date, width: 12 },
        text('occasion', (g) => (g.kind === 'holiday' ? t(`activities.holidays.${g.holiday}`) : g.lunar ? t('activities.greetings.lunarBirthday', { label: g.lunarLabel }) : t('activities.greetings.birthday')), 18),
        text('contact', (g) => g.contactName, 12),
        text('title', (g) => g.contactTitle),
        text('customer', (g) => g.customerName, 30),
        text('phone', (g) => (g.phone ? formatPhone(g.phone) : null), 16),
        text('address', (g) => g.address, 40),
        // A full birthday (YYYY-MM-DD) is a date cell; xlsxWriter keeps anything else as it is.
        { header: t('activities.greetings.columns.birthday'), type: 'date', value: (g: Greeting) => g.birthday, width: 12 },
      ],
      rows: list.items,
    },
  ]);
};
