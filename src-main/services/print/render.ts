import { and, desc, eq, isNull } from 'drizzle-orm';
import type { TFunction } from 'i18next';
import type { PrintDocument, PrintForm, PrintRequest } from '../../../src-shared/print/forms';
import type { Locale } from '../../../src-shared/roles';
import type { UserInfo } from '../../../src-shared/types';
import type { ReadDb } from '../../db/connection';
import { activities, contacts, users } from '../../db/schema';
import { getCustomerCard } from '../customers/customers';
import { getSettings } from '../settings/settings';
import type { SafeHtml } from './html';
import { labelled, printDate, printDocument, type PrintContext } from './layout';
import { customerCardBody, type CardActivity } from './templates/customerCard';
import { minutesBody } from './templates/minutes';
import { visitBody } from './templates/visit';
import { getMinutesDetail } from '../visits/minutes';
import { getVisitDetail } from '../visits/visits';

/** How many entries of the contact log the file card prints (the newest first). */
export const CARD_ACTIVITY_LIMIT = 10;

/** The newest live entries of a customer's contact log, with the contact's and the salesperson's names. */
export const recentActivities = (db: ReadDb, customerId: string, limit: number): CardActivity[] =>
  db.orm
    .select({
      occurredAt: activities.occurredAt,
      type: activities.type,
      complaint: activities.complaint,
      contactName: contacts.name,
      userName: users.displayName,
      summary: activities.summary,
      outcome: activities.outcome,
      nextStep: activities.nextStep,
    })
    .from(activities)
    .leftJoin(contacts, eq(contacts.id, activities.contactId))
    .leftJoin(users, eq(users.id, activities.userId))
    .where(and(eq(activities.customerId, customerId), isNull(activities.deletedAt)))
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(limit)
    .all();

/** Characters Windows and macOS refuse in file names, and control characters. */
const fileSafe = (s: string): string =>
  [...s]
    .map((c) => (/[\\/:*?"<>|]/.test(c) || c.charCodeAt(0) < 0x20 ? '_' : c))
    .join('')
    .trim()
    .slice(0, 120);

type Rendered = { title: string; name: string; formNo?: string | null; subtitle?: string; body: SafeHtml; tail?: SafeHtml; signatures: string[] };

const renderBody = (db: ReadDb, viewer: UserInfo, ctx: PrintContext, form: PrintForm, id: string): Rendered => {
  const { t } = ctx;
  const title = t(`print.forms.${form}`);
  switch (form) {
    case 'customerCard': {
      // getCustomerCard applies the record's own read rules (a salesperson: own customers and the pool).
      const card = getCustomerCard(db, viewer, id);
      const activityList = recentActivities(db, id, CARD_ACTIVITY_LIMIT);
      return {
        title,
        name: card.customer.name,
        subtitle: labelled(ctx, t('customer.fields.owner'), card.customer.owner?.displayName ?? t('customer.pool')),
        body: customerCardBody(ctx, { card, activities: activityList, activityLimit: CARD_ACTIVITY_LIMIT }),
        signatures: [t('print.card.filledBy'), t('print.card.reviewedBy')],
      };
    }
    case 'visit': {
      // The visits service's own read rules (a salesperson: visits of their own customers).
      const visit = getVisitDetail(db, viewer, id);
      return {
        title,
        name: visit.customer.name,
        formNo: visit.formNo,
        subtitle: labelled(ctx, t('print.visit.salesperson'), visit.salesperson.displayName),
        ...visitBody(ctx, visit),
        signatures: [t('print.visit.signVisitor'), t('print.visit.signCustomer'), t('print.visit.signManager')],
      };
    }
    case 'minutes': {
      const m = getMinutesDetail(db, viewer, id);
      return {
        title,
        name: m.customer.name,
        formNo: m.formNo,
        subtitle: labelled(ctx, t('print.minutes.author'), m.author.displayName),
        body: minutesBody(ctx, m),
        signatures: [t('print.minutes.signOurs'), t('print.minutes.signTheirs')],
      };
    }
    default:
      throw new Error(`no template for ${form satisfies never}`);
  }
};

/**
 * Renders one printed form for the viewer from the database, with the same
 * read permissions as the record itself. The result is a complete HTML
 * document the preview, the app's print/PDF and the tests all use.
 */
export const renderPrintForm = (db: ReadDb, viewer: UserInfo, locale: Locale, t: TFunction, req: PrintRequest): PrintDocument => {
  const settings = getSettings(db);
  const ctx: PrintContext = { t, locale, companyName: settings.companyName, company: settings, now: db.clock.now(), printedBy: viewer.displayName };
  const r = renderBody(db, viewer, ctx, req.form, req.id);
  const doc = printDocument(ctx, { title: r.title, formNo: r.formNo ?? null, ...(r.subtitle ? { subtitle: r.subtitle } : {}) }, r.body, r.signatures, r.tail);
  return {
    form: req.form,
    title: `${r.title} - ${r.name}`,
    fileName: `${fileSafe(`${r.title}-${r.name}${r.formNo ? `-${r.formNo}` : ''}-${printDate({ ...ctx, locale: 'en' }, ctx.now)}`)}.pdf`,
    html: doc.html,
    footerTemplate: doc.footerTemplate,
    footerText: doc.footerText,
  };
};
