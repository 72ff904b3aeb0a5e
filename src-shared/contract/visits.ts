import type { ExportedFile } from '../customers/types';
import { emptyInputSchema } from '../schemas';
import {
  minutesCreateSchema,
  minutesExportSchema,
  minutesListSchema,
  minutesReturnSchema,
  minutesStepSchema,
  minutesUpdateSchema,
  notificationListSchema,
  notificationReadSchema,
  visitCreateSchema,
  visitCustomerSchema,
  visitDecisionSchema,
  visitListSchema,
  visitRejectSchema,
  visitResultSchema,
  visitSettingsSchema,
  visitSuggestionsSchema,
  visitUpdateSchema,
  type VisitSettings,
} from '../visits/schemas';
import type {
  CustomerVisitSummary,
  MinutesDetail,
  MinutesRow,
  VisitDetail,
  VisitNotification,
  VisitRow,
  VisitSuggestion,
} from '../visits/types';
import { byId, channel, manager } from './channel';

// Channels of this capability, merged into the one contract (src-shared/contract.ts).
// 'user' access everywhere ownership decides (checked per record in src-main/services/visits); approvals are manager-only.
export const visitChannels = {
  'visits.list': channel<VisitRow[]>()({ input: visitListSchema, access: 'user', reads: ['visits', 'customers', 'minutes', 'users'] }),
  'visits.export': channel<ExportedFile>()({ input: visitListSchema, access: 'user' }),
  'visits.get': channel<VisitDetail>()({ input: byId, access: 'user', reads: ['visits', 'visit_steps', 'customers', 'contacts', 'minutes', 'activities', 'users'] }),
  'visits.create': channel<VisitDetail>()({ input: visitCreateSchema, access: 'user' }),
  'visits.update': channel<VisitDetail>()({ input: visitUpdateSchema, access: 'user' }),
  'visits.submit': channel<VisitDetail>()({ input: byId, access: 'user' }),
  'visits.cancel': channel<VisitDetail>()({ input: byId, access: 'user' }),
  'visits.approve': channel<VisitDetail>()({ input: visitDecisionSchema, access: manager }),
  'visits.reject': channel<VisitDetail>()({ input: visitRejectSchema, access: manager }),
  'visits.recordResult': channel<VisitDetail>()({ input: visitResultSchema, access: 'user' }),
  'visits.approvalQueue': channel<VisitRow[]>()({ input: emptyInputSchema, access: manager, reads: ['visits', 'customers', 'users'] }),
  'visits.customerSummary': channel<CustomerVisitSummary>()({ input: visitCustomerSchema, access: 'user', reads: ['visits', 'activities', 'customers', 'settings'] }),
  'visits.suggestions': channel<VisitSuggestion[]>()({ input: visitSuggestionsSchema, access: 'user', reads: ['visits', 'activities', 'customers', 'settings'] }),
  'visits.settings': channel<VisitSettings>()({ input: emptyInputSchema, access: 'user', reads: ['settings'] }),
  'visits.updateSettings': channel<VisitSettings>()({ input: visitSettingsSchema, access: manager }),
  'visits.notifications': channel<VisitNotification[]>()({ input: notificationListSchema, access: 'user', reads: ['visit_notifications', 'visits', 'minutes', 'customers', 'users'] }),
  'visits.markRead': channel<{ count: number }>()({ input: notificationReadSchema, access: 'user' }),

  'minutes.list': channel<MinutesRow[]>()({ input: minutesListSchema, access: 'user', reads: ['minutes', 'customers', 'users'] }),
  'minutes.due': channel<MinutesRow[]>()({ input: emptyInputSchema, access: 'user', reads: ['minutes', 'customers', 'users'] }),
  'minutes.export': channel<ExportedFile>()({ input: minutesExportSchema, access: 'user' }),
  'minutes.reviewQueue': channel<MinutesRow[]>()({ input: emptyInputSchema, access: manager, reads: ['minutes', 'customers', 'users'] }),
  'minutes.get': channel<MinutesDetail>()({ input: byId, access: 'user', reads: ['minutes', 'minutes_actions', 'minutes_steps', 'customers', 'users'] }),
  'minutes.create': channel<MinutesDetail>()({ input: minutesCreateSchema, access: 'user' }),
  'minutes.update': channel<MinutesDetail>()({ input: minutesUpdateSchema, access: 'user' }),
  'minutes.submit': channel<MinutesDetail>()({ input: byId, access: 'user' }),
  'minutes.approve': channel<MinutesDetail>()({ input: minutesStepSchema, access: manager }),
  'minutes.return': channel<MinutesDetail>()({ input: minutesReturnSchema, access: manager }),
  'minutes.markSent': channel<MinutesDetail>()({ input: minutesStepSchema, access: 'user' }),
  'minutes.confirmReceipt': channel<MinutesDetail>()({ input: minutesStepSchema, access: 'user' }),
} as const;
