import { z } from 'zod';
import { dayTextSchema as dateText, epochMsSchema as time, idSchema, optionalText, requiredText } from '../schemas';
import { minutesStatuses, visitMaterials, visitStatuses } from './enums';

const timeText = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'validation.invalid')
  .nullish()
  .or(z.literal(''))
  .transform((v) => (v ? v : null));

/** What the visit plan form sends. */
export const visitFieldsSchema = z.object({
  customerId: idSchema,
  plannedAt: time,
  durationMinutes: z.number().int().min(10, 'validation.invalid').max(24 * 60, 'validation.invalid').default(60),
  place: optionalText(200),
  contactIds: z.array(idSchema).max(20).default([]),
  purpose: requiredText(500),
  objectives: optionalText(2000),
  materials: z.array(z.enum(visitMaterials)).max(visitMaterials.length).default([]),
  materialsOther: optionalText(500),
  chkAppointment: z.boolean().default(false),
  chkAttire: z.boolean().default(false),
  chkMaterials: z.boolean().default(false),
  chkObjections: z.boolean().default(false),
  chkDecisionMaker: z.boolean().default(false),
});
export type VisitFieldsInput = z.input<typeof visitFieldsSchema>;
export type VisitFields = z.output<typeof visitFieldsSchema>;

export const visitCreateSchema = z.object({ fields: visitFieldsSchema, submit: z.boolean().default(false) });
export const visitUpdateSchema = z.object({ id: idSchema, fields: visitFieldsSchema.omit({ customerId: true }), submit: z.boolean().default(false) });

export const visitDecisionSchema = z.object({ id: idSchema, comment: optionalText(1000) });
/** Rejecting needs a reason the salesperson can act on. */
export const visitRejectSchema = z.object({ id: idSchema, comment: requiredText(1000) });

export const visitResultSchema = z.object({
  id: idSchema,
  doneAt: time,
  /** The contact met (one of the customer's contacts) for the contact-log entry. */
  contactId: idSchema.nullish().transform((v) => v ?? null),
  summary: requiredText(2000),
  outcome: optionalText(2000),
  nextStep: optionalText(1000),
  nextFollowUpAt: time.nullish().transform((v) => v ?? null),
});
export type VisitResultInput = z.input<typeof visitResultSchema>;

export const visitListSchema = z.object({
  from: time,
  to: time,
  /** Managers: one salesperson's visits; sales always see their own. */
  salespersonId: idSchema.optional(),
  customerId: idSchema.optional(),
  statuses: z.array(z.enum(visitStatuses)).max(visitStatuses.length).optional(),
});

export const visitCustomerSchema = z.object({ customerId: idSchema });

export const visitSuggestionsSchema = z.object({ salespersonId: idSchema.optional() });

export const visitSettingsSchema = z.object({
  /** Visits a new customer usually needs (the card shows 第 N 次拜访 against it). */
  newCustomerVisitTarget: z.number().int().min(1, 'validation.invalid').max(50, 'validation.invalid'),
  /** An A customer counts as not visited recently after this many days. */
  aGradeGapDays: z.number().int().min(1, 'validation.invalid').max(365, 'validation.invalid'),
});
export type VisitSettings = z.infer<typeof visitSettingsSchema>;

export const minutesActionSchema = z.object({
  content: requiredText(500),
  ownerName: optionalText(50),
  /** The user the follow-up task goes to; defaults to the minutes' author. */
  ownerUserId: idSchema.nullish().transform((v) => v ?? null),
  dueDate: dateText,
});
export type MinutesActionInput = z.input<typeof minutesActionSchema>;

export const minutesFieldsSchema = z.object({
  customerId: idSchema,
  visitId: idSchema.nullish().transform((v) => v ?? null),
  title: optionalText(200),
  meetingDate: dateText,
  meetingTime: timeText,
  place: optionalText(200),
  ourAttendees: optionalText(1000),
  customerAttendees: optionalText(1000),
  noteTaker: optionalText(50),
  customerSituation: optionalText(5000),
  needsProblems: optionalText(5000),
  discussion: optionalText(10000),
  agreements: optionalText(5000),
  actions: z.array(minutesActionSchema).max(50).default([]),
});
export type MinutesFieldsInput = z.input<typeof minutesFieldsSchema>;
export type MinutesFields = z.output<typeof minutesFieldsSchema>;

export const minutesCreateSchema = z.object({ fields: minutesFieldsSchema, submit: z.boolean().default(false) });
export const minutesUpdateSchema = z.object({
  id: idSchema,
  fields: minutesFieldsSchema.omit({ customerId: true, visitId: true }),
  submit: z.boolean().default(false),
});

export const minutesStepSchema = z.object({ id: idSchema, comment: optionalText(1000) });
export const minutesReturnSchema = z.object({ id: idSchema, comment: requiredText(1000) });

export const minutesListSchema = z.object({
  statuses: z.array(z.enum(minutesStatuses)).max(minutesStatuses.length).optional(),
  customerId: idSchema.optional(),
  authorId: idSchema.optional(),
  /** Only minutes not yet submitted whose due date has passed. */
  overdueOnly: z.boolean().default(false),
  limit: z.number().int().min(1).max(500).default(200),
  offset: z.number().int().min(0).default(0),
});

export const minutesExportSchema = minutesListSchema.omit({ limit: true, offset: true });

export const notificationListSchema = z.object({ unreadOnly: z.boolean().default(true), limit: z.number().int().min(1).max(200).default(50) });
export const notificationReadSchema = z.object({ ids: z.array(idSchema).max(500).optional(), all: z.boolean().default(false) });

