import type { MinutesDetail } from '../../../../src-shared/visits/types';
import { html, type SafeHtml } from '../html';
import { dataTable, fieldGrid, printDay, section, type PrintContext } from '../layout';

/**
 * 会谈纪要: date, place, attendees of both sides, note taker, the customer's
 * situation, needs and problems, what was discussed and agreed, and the action
 * items with owner and due date; both sides sign at the bottom.
 */
export const minutesBody = (ctx: PrintContext, m: MinutesDetail): SafeHtml => {
  const { t } = ctx;
  const head = fieldGrid([
    [{ label: t('print.minutes.customer'), value: m.customer.name }],
    ...(m.title ? [[{ label: t('print.minutes.subject'), value: m.title }]] : []),
    [
      { label: t('print.minutes.meetingDate'), value: [printDay(ctx, m.meetingDate), m.meetingTime ?? ''].join(' ').trim() },
      { label: t('print.minutes.place'), value: m.place },
    ],
    [
      { label: t('print.minutes.ourAttendees'), value: m.ourAttendees, pre: true },
      { label: t('print.minutes.customerAttendees'), value: m.customerAttendees, pre: true },
    ],
    [
      { label: t('print.minutes.noteTaker'), value: m.noteTaker },
      { label: t('print.minutes.status'), value: t(`print.minutes.statuses.${m.status}`) },
    ],
  ]);
  const text = (label: string, value: string | null): SafeHtml =>
    section(label, html`<div class="textbox">${value ?? ''}</div>`);
  const actions = dataTable(
    [
      { label: t('print.minutes.actionNo'), width: '9%' },
      { label: t('print.minutes.actionContent') },
      { label: t('print.minutes.actionOwner'), width: '18%' },
      { label: t('print.minutes.actionDue'), width: '20%' },
    ],
    m.actions.map((a, i) => [
      i + 1,
      html`<span class="pre">${a.content}</span>`,
      a.ownerName ?? a.ownerUser?.displayName ?? '',
      printDay(ctx, a.dueDate),
    ]),
    t('print.minutes.noActions'),
  );
  return html`${section(t('print.minutes.basics'), head)}
${text(t('print.minutes.customerSituation'), m.customerSituation)}
${text(t('print.minutes.needsProblems'), m.needsProblems)}
${text(t('print.minutes.discussion'), m.discussion)}
${text(t('print.minutes.agreements'), m.agreements)}
${section(t('print.minutes.actions'), actions)}`;
};
