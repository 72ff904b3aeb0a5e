import { formatPhone } from '../../../../src-shared/rules/phone';
import { visitChecklist, visitMaterials } from '../../../../src-shared/visits/enums';
import type { VisitDetail } from '../../../../src-shared/visits/types';
import { html, type SafeHtml } from '../html';
import { dataTable, fieldGrid, printDate, printDateTime, section, tickBox, writingLines, type PrintContext } from '../layout';

const phone = (digits: string | null | undefined): string => (digits ? formatPhone(digits) : '');

/** Ruled lines left for the salesperson's handwritten notes at the customer (a normal plan and the signatures fit on page 1). */
const NOTE_LINES = 5;

/**
 * 客户走访单: the plan to take along — customer, people to meet, purpose,
 * materials and the pre-visit checklist as tick boxes — with ruled space for
 * handwritten notes, and the recorded result once the visit was carried out.
 */
export const visitBody = (ctx: PrintContext, v: VisitDetail): { body: SafeHtml; tail: SafeHtml } => {
  const { t } = ctx;
  const chk = (key: (typeof visitChecklist)[number]): string => t(`print.visit.${key}`);
  const plan = fieldGrid([
    [
      { label: t('print.visit.customer'), value: v.customer.name },
      { label: t('print.visit.phone'), value: phone(v.customer.phone) },
    ],
    [{ label: t('print.visit.address'), value: v.customer.address }],
    [
      { label: t('print.visit.salesperson'), value: v.salesperson.displayName },
      { label: t('print.visit.status'), value: t(`print.visit.statuses.${v.status}`) },
    ],
    [
      { label: t('print.visit.plannedAt'), value: printDateTime(ctx, v.plannedAt) },
      { label: t('print.visit.duration'), value: t('print.visit.durationValue', { minutes: v.durationMinutes }) },
    ],
    [{ label: t('print.visit.place'), value: v.place }],
    [{ label: t('print.visit.purpose'), value: v.purpose, pre: true }],
    [{ label: t('print.visit.objectives'), value: v.objectives, pre: true }],
  ]);
  const people = dataTable(
    [
      { label: t('print.visit.contactName'), width: '20%' },
      { label: t('print.visit.contactTitle'), width: '24%' },
      { label: t('print.visit.decisionMaker'), width: '20%' },
      { label: t('print.visit.contactMobile'), width: '18%' },
      { label: t('print.visit.phone'), width: '18%' },
    ],
    v.contacts.map((c) => [
      c.name,
      c.title,
      c.isDecisionMaker ? [t('print.doc.yes'), c.decisionRole ? `（${c.decisionRole}）` : ''].join('') : '',
      phone(c.mobile),
      phone(c.phone),
    ]),
    t('print.visit.noContacts'),
  );
  const materials = html`<div>${visitMaterials.map((m) =>
    tickBox(v.materials.includes(m), t(`visits.materials.${m}`, { defaultValue: m })),
  )}${v.materialsOther ? tickBox(true, v.materialsOther) : ''}</div>`;
  const checklist = html`<div>${visitChecklist.map((k) => tickBox(v[k], chk(k)))}</div>`;
  const approval =
    v.decidedBy || v.decisionComment
      ? section(
          t('print.visit.approval'),
          fieldGrid([
            [
              { label: t('print.visit.approver'), value: v.decidedBy?.displayName },
              { label: t('print.visit.decidedAt'), value: printDate(ctx, v.decidedAt) },
            ],
            [{ label: t('print.visit.decisionComment'), value: v.decisionComment, pre: true }],
          ]),
        )
      : '';
  const result =
    v.status === 'done'
      ? section(
          t('print.visit.result'),
          fieldGrid([
            [
              { label: t('print.visit.result'), value: v.visitNo ? t('print.visit.visitNo', { count: v.visitNo }) : '' },
              { label: t('print.doc.date'), value: printDateTime(ctx, v.doneAt) },
            ],
            [{ label: t('print.visit.resultSummary'), value: v.resultSummary, pre: true }],
            [{ label: t('print.visit.resultOutcome'), value: v.resultOutcome, pre: true }],
            [
              { label: t('print.visit.nextStep'), value: v.nextStep, pre: true },
              { label: t('print.visit.nextFollowUpAt'), value: printDate(ctx, v.nextFollowUpAt) },
            ],
          ]),
        )
      : section(t('print.visit.notes'), writingLines(NOTE_LINES));
  return {
    body: html`${section(t('print.visit.plan'), plan)}
${section(t('print.visit.contacts'), people)}
${section(t('print.visit.materials'), html`<div class="panel">${materials}</div>`)}
${section(t('print.visit.checklist'), html`<div class="panel">${checklist}</div>`)}
${approval}`,
    // The result or the lines for notes print with the signature lines.
    tail: result,
  };
};
