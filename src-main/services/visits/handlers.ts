import type { TFunction } from 'i18next';
import type { visitChannels } from '../../../src-shared/contract/visits';
import { localDate } from '../../../src-shared/dates';
import type { Locale } from '../../../src-shared/roles';
import { translator } from '../../i18n';
import { exportMinutes, exportVisits } from '../visits/export';
import {
  approveMinutes,
  confirmMinutesReceipt,
  createMinutes,
  dueMinutes,
  getMinutesDetail,
  listMinutes,
  markMinutesSent,
  minutesReviewQueue,
  returnMinutes,
  submitMinutes,
  updateMinutes,
} from '../visits/minutes';
import { listNotifications, markNotificationsRead } from '../visits/notifications';
import { getVisitSettings, updateVisitSettings } from '../visits/settings';
import { visitSuggestions } from '../visits/suggestions';
import {
  approvalQueue,
  approveVisit,
  cancelVisit,
  createVisit,
  customerVisitSummary,
  getVisitDetail,
  listVisits,
  recordVisitResult,
  rejectVisit,
  submitVisit,
  updateVisit,
} from '../visits/visits';
import type { ModuleContext, ModuleHandlers } from '../module';

/** Handlers for src-shared/contract/visits.ts: the services authorise by role and ownership. */
export const visitHandlers = ({ db, read, ws, tempFile }: ModuleContext): ModuleHandlers<typeof visitChannels> => {
  /** A download named after the list and today's date, in the caller's language. */
  const download = async (session: { locale: Locale }, name: string, make: (file: string, t: TFunction) => Promise<number>) => {
    const t = translator(session.locale);
    const out = await tempFile(`${name}.xlsx`, (file) => make(file, t));
    const stamp = localDate(ws.clock.now());
    return { fileName: `${t(`visits.nav.${name}`)}-${stamp}.xlsx`, ...out };
  };
  return {
    'visits.list': (input, { user }) => listVisits(read(), user, input),
    'visits.export': (input, { user, session }) => download(session, 'visits', (file, t) => exportVisits(read(), user, input, file, t)),
    'visits.get': (input, { user }) => getVisitDetail(read(), user, input.id),
    'visits.create': (input, { user }) => createVisit(db(), user, input.fields, input.submit),
    'visits.update': (input, { user }) => updateVisit(db(), user, input.id, input.fields, input.submit),
    'visits.submit': (input, { user }) => submitVisit(db(), user, input.id),
    'visits.cancel': (input, { user }) => cancelVisit(db(), user, input.id),
    'visits.approve': (input, { user }) => approveVisit(db(), user, input.id, input.comment),
    'visits.reject': (input, { user }) => rejectVisit(db(), user, input.id, input.comment),
    'visits.recordResult': ({ id, ...result }, { user }) => recordVisitResult(db(), user, id, result),
    'visits.approvalQueue': (_input, { user }) => approvalQueue(read(), user),
    'visits.customerSummary': (input, { user }) => customerVisitSummary(read(), user, input.customerId),
    'visits.suggestions': (input, { user }) => visitSuggestions(read(), user, input.salespersonId),
    'visits.settings': () => getVisitSettings(read()),
    'visits.updateSettings': (input, { user }) => updateVisitSettings(db(), user.id, input),
    'visits.notifications': (input, { user }) => listNotifications(read(), user, input),
    'visits.markRead': (input, { user }) => markNotificationsRead(db(), user, input),

    'minutes.list': (input, { user }) => listMinutes(read(), user, input),
    'minutes.export': (input, { user, session }) => download(session, 'minutes', (file, t) => exportMinutes(read(), user, input, file, t)),
    'minutes.due': (_input, { user }) => dueMinutes(read(), user),
    'minutes.reviewQueue': (_input, { user }) => minutesReviewQueue(read(), user),
    'minutes.get': (input, { user }) => getMinutesDetail(read(), user, input.id),
    'minutes.create': (input, { user }) => createMinutes(db(), user, input.fields, input.submit),
    'minutes.update': (input, { user }) => updateMinutes(db(), user, input.id, input.fields, input.submit),
    'minutes.submit': (input, { user }) => submitMinutes(db(), user, input.id),
    'minutes.approve': (input, { user }) => approveMinutes(db(), user, input.id, input.comment),
    'minutes.return': (input, { user }) => returnMinutes(db(), user, input.id, input.comment),
    'minutes.markSent': (input, { user }) => markMinutesSent(db(), user, input.id, input.comment),
    'minutes.confirmReceipt': (input, { user }) => confirmMinutesReceipt(db(), user, input.id, input.comment),
  };
};
