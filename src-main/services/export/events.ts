/**
 * A customer's recorded event (customer_events: kind + JSON data) as one
 * sentence for a workbook, in the user's language: the same wording as the
 * customer card's timeline (customer.events.*), never raw JSON or ids.
 */
type Tr = (key: string, options?: Record<string, unknown>) => string;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const named = (v: unknown, key: 'name' | 'displayName'): string =>
  v && typeof v === 'object' && key in v && typeof (v as Record<string, unknown>)[key] === 'string' ? ((v as Record<string, string>)[key] ?? '') : '';

/** A label through i18n, or the fallback when the language has none. */
const label = (t: Tr, key: string, fallback: string): string => {
  const v = t(key);
  return v && v !== key ? v : fallback;
};

const yuanText = (fen: number): string =>
  `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export type EventContext = {
  t: Tr;
  /** A user's display name by id (the data of older events holds ids). */
  userName: (id: string) => string | undefined;
  /** A time as the workbook writes it in text (YYYY-MM-DD HH:mm, local). */
  dateTime: (ms: number) => string;
};

export const describeEvent = (ctx: EventContext, kind: string, rawData: unknown): string => {
  const { t } = ctx;
  let d: Record<string, unknown> = {};
  if (typeof rawData === 'string' && rawData) {
    try {
      const parsed = JSON.parse(rawData) as unknown;
      if (parsed && typeof parsed === 'object') d = parsed as Record<string, unknown>;
    } catch {
      d = {};
    }
  }
  const sep = label(t, 'customerCard.listSeparator', '、');
  const fieldList = (v: unknown) => strings(v).map((k) => label(t, `customer.fields.${k}`, label(t, `customer.contactFields.${k}`, k))).join(sep);
  const person = (v: unknown): string => named(v, 'displayName') || (str(v) ? (ctx.userName(str(v)) ?? str(v)) : '') || label(t, 'customer.pool', '');
  const status = (v: unknown) => (str(v) ? label(t, `customer.status.${str(v)}`, str(v)) : '—');
  const tier = (v: unknown) => (str(v) ? label(t, `customer.tier.${str(v)}`, str(v)) : label(t, 'customerCard.tier.none', '—'));
  const details: string[] = [];
  let title = label(t, `customer.events.${kind}`, kind);
  switch (kind) {
    case 'updated':
      title = t('customer.events.updated', { fields: fieldList(d.fields) });
      break;
    case 'version_restored':
      if (strings(d.fields).length) details.push(fieldList(d.fields));
      break;
    case 'owner_changed':
      title = t('customer.events.owner_changed', { from: d.via === 'create' && !d.from ? '—' : person(d.from), to: person(d.to) });
      if (str(d.via)) details.push(t('customerCard.timeline.via', { via: label(t, `customer.events.via.${str(d.via)}`, str(d.via)) }));
      if (str(d.reason)) details.push(t('customerCard.timeline.reason', { reason: str(d.reason) }));
      break;
    case 'status_changed':
      title = t('customer.events.status_changed', { from: status(d.from), to: status(d.to) });
      if (str(d.reason)) details.push(t('customerCard.timeline.reason', { reason: str(d.reason) }));
      break;
    case 'tier_changed':
      title = t('customer.events.tier_changed', { from: tier(d.fromTier), to: tier(d.toTier) });
      break;
    case 'tags_changed':
      if (strings(d.added).length) details.push(t('customerCard.timeline.tagsAdded', { tags: strings(d.added).join(sep) }));
      if (strings(d.removed).length) details.push(t('customerCard.timeline.tagsRemoved', { tags: strings(d.removed).join(sep) }));
      break;
    case 'contact_added':
    case 'contact_updated':
    case 'contact_removed':
      title = t(`customer.events.${kind}`, { name: str(d.name) });
      if (kind === 'contact_updated' && strings(d.fields).length) details.push(fieldList(d.fields));
      break;
    case 'merged':
      if (named(d.other, 'name')) details.push(t('customerCard.timeline.mergedFrom', { name: named(d.other, 'name') }));
      if (named(d.into, 'name')) details.push(t('customerCard.timeline.mergedInto', { name: named(d.into, 'name') }));
      break;
    case 'activity_logged': {
      const type = label(t, `activities.types.${str(d.type)}`, str(d.type));
      title = t(d.complaint === true ? 'customer.events.complaint_logged' : 'customer.events.activity_logged', { type });
      if (str(d.summary)) details.push(str(d.summary));
      break;
    }
    case 'complaint_status': {
      const cs = (v: unknown) => (str(v) ? label(t, `activities.complaintStatus.${str(v)}`, str(v)) : '—');
      title = t('customer.events.complaint_status', { from: cs(d.from), to: cs(d.to) });
      break;
    }
    case 'visit_planned':
      if (num(d.plannedAt) !== null) details.push(t('customer.events.visit_plannedAt', { time: ctx.dateTime(num(d.plannedAt)!) }));
      break;
    case 'visit_approved':
    case 'visit_rejected':
      if (str(d.comment)) details.push(t('customer.events.comment', { comment: str(d.comment) }));
      break;
    case 'visit_done':
      title = num(d.visitNo) !== null ? t('customer.events.visit_done', { n: num(d.visitNo) }) : t('customer.events.visit_done_plain');
      break;
    case 'minutes_status': {
      const ms = (v: unknown) => (str(v) ? label(t, `visits.minutesStatus.${str(v)}`, str(v)) : '—');
      title = str(d.from) ? t('customer.events.minutes_status', { from: ms(d.from), to: ms(d.to) }) : t('customer.events.minutes_created');
      break;
    }
    case 'survey_recorded':
      title = t('customer.events.survey_recorded', { average: num(d.average)?.toFixed(1) ?? '—' });
      break;
    case 'order_added':
    case 'order_updated':
    case 'order_removed':
      // Amounts of orders and payments are recorded in fen (分).
      title = t(`customer.events.${kind}`, { contractNo: str(d.contractNo) });
      if (num(d.amount) !== null) details.push(t('customer.events.amount', { amount: yuanText(num(d.amount)!) }));
      break;
    case 'payment_received':
      title = t('customer.events.payment_received', { amount: num(d.amount) === null ? '—' : yuanText(num(d.amount)!) });
      if (str(d.contractNo)) details.push(t('customer.events.contractNo', { contractNo: str(d.contractNo) }));
      break;
    case 'grade_changed': {
      const grade = (v: unknown) => str(v) || t('customer.events.noGrade');
      title = t('customer.events.grade_changed', { from: grade(d.from), to: grade(d.to) });
      if (str(d.period)) details.push(t('customer.events.period', { period: str(d.period) }));
      break;
    }
    default:
      break;
  }
  if ((kind.startsWith('visit_') || kind === 'minutes_status') && str(d.formNo)) details.push(t('customer.events.formNo', { formNo: str(d.formNo) }));
  return [title, ...details].join(label(t, 'forms.plain.detailSep', '；'));
};
