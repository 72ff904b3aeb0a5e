import type { CustomerCard } from '../../../../src-shared/customers/types';
import { regionPathLabel } from '../../../../src-shared/regions';
import { formatPhone } from '../../../../src-shared/rules/phone';
import { html, type SafeHtml } from '../html';
import { dataTable, fieldGrid, printDate, printDay, section, tableDateTime, type Field, type PrintContext } from '../layout';

/** One line of the contact log as the file card prints it. */
export type CardActivity = {
  occurredAt: number;
  type: string;
  complaint: boolean;
  contactName: string | null;
  userName: string | null;
  summary: string;
  outcome: string | null;
  nextStep: string | null;
};

export type CustomerCardData = { card: CustomerCard; activities: CardActivity[]; activityLimit: number };

const phone = (digits: string | null | undefined): string => (digits ? formatPhone(digits) : '');

const money = (amount: number | null, currency: string | null): string => {
  if (amount === null) return '';
  const text = amount.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return currency && !/^(CNY|RMB|人民币)$/i.test(currency) ? `${text} ${currency}` : text;
};

/** 客户档案卡: the customer's details, contacts, and the latest entries of the contact log. */
export const customerCardBody = (ctx: PrintContext, data: CustomerCardData): SafeHtml => {
  const { t } = ctx;
  const c = data.card.customer;
  const f = (key: string): string => t(`customer.fields.${key}`);
  const basic: Field[][] = [
    [{ label: f('name'), value: c.name }],
    [
      { label: f('shortName'), value: c.shortName },
      { label: f('creditCode'), value: c.creditCode },
    ],
    [
      { label: f('legalRep'), value: c.legalRep },
      { label: f('industry'), value: c.industry },
    ],
    [
      { label: f('staffSize'), value: c.staffSize ? t(`customer.staffSize.${c.staffSize}`) : '' },
      { label: f('registeredCapital'), value: money(c.registeredCapital, c.registeredCapitalCurrency) },
    ],
    [
      { label: f('foundedOn'), value: printDay(ctx, c.foundedOn) },
      { label: f('creditRating'), value: c.creditRating },
    ],
    [
      { label: f('source'), value: c.source ? t(`customer.source.${c.source}`) : '' },
      { label: f('owner'), value: c.owner?.displayName ?? t('customer.pool') },
    ],
    [
      { label: f('status'), value: t(`customer.status.${c.status}`) },
      { label: f('grade'), value: [c.grade ?? '', c.tier ? ` ${t(`customer.tier.${c.tier}`)}` : '', c.vipLevel ? ` VIP${c.vipLevel}` : ''].join('').trim() },
    ],
    [{ label: f('tags'), value: c.tags.map((x) => x.name).join('、') }],
    [{ label: f('description'), value: c.description, pre: true }],
  ];
  const address: Field[][] = [
    [{ label: f('region'), value: regionPathLabel(c.provinceCode ?? undefined, c.cityCode ?? undefined, c.districtCode ?? undefined, ' ') }],
    [{ label: f('address'), value: c.address }],
    [
      { label: f('phone'), value: phone(c.phone) },
      { label: f('email'), value: c.email },
    ],
    [{ label: f('website'), value: c.website }],
  ];
  const financial: Field[][] = [
    [
      { label: f('bankName'), value: c.bankName },
      { label: f('bankAccount'), value: c.bankAccount },
    ],
    [
      { label: f('taxId'), value: c.taxId },
      { label: f('creditStatus'), value: c.creditStatus },
    ],
  ];
  const behaviour: Field[][] = [
    [
      { label: f('purchaseHabits'), value: c.purchaseHabits, pre: true },
      { label: f('purchaseCycle'), value: c.purchaseCycle },
    ],
    [
      { label: f('preferences'), value: c.preferences, pre: true },
      { label: f('interests'), value: c.interests, pre: true },
    ],
    [
      { label: f('lastContactAt'), value: printDate(ctx, c.lastContactAt) },
      { label: f('nextFollowUpAt'), value: printDate(ctx, c.nextFollowUpAt) },
    ],
    [{ label: f('notes'), value: c.notes, pre: true }],
  ];
  const cf = (key: string): string => t(`customer.contactFields.${key}`);
  const contacts = dataTable(
    [
      { label: cf('name'), width: '12%' },
      { label: cf('title'), width: '12%' },
      { label: cf('isDecisionMaker'), width: '9%' },
      { label: cf('mobile'), width: '14%' },
      { label: cf('phone'), width: '14%' },
      { label: cf('email'), width: '27%' },
      { label: cf('wechat'), width: '12%' },
    ],
    data.card.contacts.map((p) => [
      p.name,
      p.title,
      p.isDecisionMaker ? [t('print.doc.yes'), p.decisionRole ? `（${p.decisionRole}）` : ''].join('') : '',
      phone(p.mobile),
      phone(p.phone),
      p.email,
      p.wechat,
    ]),
    t('print.card.noContacts'),
  );
  const activities = dataTable(
    [
      { label: t('print.card.activityAt'), width: '15%' },
      { label: t('print.card.activityType'), width: '9%' },
      { label: t('print.card.activityContact'), width: '10%' },
      { label: t('print.card.activityUser'), width: '10%' },
      { label: t('print.card.activitySummary') },
      { label: t('print.card.activityOutcome'), width: '17%' },
      { label: t('print.card.activityNext'), width: '15%' },
    ],
    data.activities.map((a) => [
      tableDateTime(a.occurredAt),
      [t(`activities.types.${a.type}`, { defaultValue: a.type }), a.complaint ? `（${t('print.card.complaint')}）` : ''].join(''),
      a.contactName,
      a.userName,
      html`<span class="pre">${a.summary}</span>`,
      html`<span class="pre">${a.outcome}</span>`,
      html`<span class="pre">${a.nextStep}</span>`,
    ]),
    t('print.card.noActivities'),
  );
  return html`${section(t('customer.sections.basic'), fieldGrid(basic))}
${section(t('customer.sections.address'), fieldGrid(address))}
${c.financialHidden ? '' : section(t('customer.sections.financial'), fieldGrid(financial))}
${section(t('customer.sections.behaviour'), fieldGrid(behaviour))}
${section(t('print.card.contacts'), contacts)}
${section(t('print.card.recentActivities'), activities, t('print.card.recentActivitiesHint', { count: data.activityLimit }))}`;
};
