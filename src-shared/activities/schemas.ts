import { z } from 'zod';
import { epochMsSchema as time, idSchema, optionalText, requiredText } from '../schemas';
import { activityTypes, complaintSeverities, complaintStatuses, MAX_GREETING_DAYS, surveyDimensions, taskSources } from './enums';

export const activityInputSchema = z
  .object({
    customerId: idSchema,
    contactId: idSchema.nullish().transform((v) => v ?? null),
    type: z.enum(activityTypes),
    occurredAt: time,
    summary: requiredText(2000),
    outcome: optionalText(2000),
    nextStep: optionalText(1000),
    /** A next follow-up date also creates a follow-up task due then. */
    nextFollowUpAt: time.nullish().transform((v) => v ?? null),
    complaint: z.boolean().default(false),
    severity: z.enum(complaintSeverities).nullish().transform((v) => v ?? null),
    /** Defaults to the viewer; a manager may log a contact on behalf of a salesperson. */
    userId: idSchema.nullish().transform((v) => v ?? null),
    /** Set by other records that turn into contact entries (a carried-out visit: 'visit' + its id). */
    sourceType: z.string().trim().max(40).nullish().transform((v) => v ?? null),
    sourceId: idSchema.nullish().transform((v) => v ?? null),
  })
  .superRefine((v, ctx) => {
    if (v.complaint && !v.severity) ctx.addIssue({ code: 'custom', path: ['severity'], message: 'validation.required' });
  });
export type ActivityInput = z.input<typeof activityInputSchema>;
/**
 * activities.create from the renderer: a person logs a contact by hand. Entries that belong to another record
 * (sourceType/sourceId: a carried-out visit's) are made by that record in the main process, never forged over IPC.
 */
export const activityCreateChannelSchema = activityInputSchema.refine((v) => v.sourceType === null && v.sourceId === null, {
  path: ['sourceType'],
  message: 'validation.invalid',
});
export type ActivityParsed = z.output<typeof activityInputSchema>;

export const activityUpdateSchema = z.object({
  id: idSchema,
  contactId: idSchema.nullish(),
  type: z.enum(activityTypes).optional(),
  occurredAt: time.optional(),
  summary: requiredText(2000).optional(),
  outcome: optionalText(2000).optional(),
  nextStep: optionalText(1000).optional(),
});

export const complaintTransitionSchema = z.object({
  id: idSchema,
  to: z.enum(complaintStatuses),
  /** Required when resolving. */
  resolution: optionalText(2000),
});

export const activityListSchema = z.object({
  customerId: idSchema.optional(),
  type: z.enum(activityTypes).optional(),
  /** Whose contacts (the salesperson who made them). */
  userId: idSchema.optional(),
  complaintsOnly: z.boolean().default(false),
  complaintStatus: z.enum(complaintStatuses).optional(),
  from: time.optional(),
  to: time.optional(),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

export const taskInputSchema = z.object({
  customerId: idSchema,
  title: requiredText(200),
  notes: optionalText(2000),
  dueAt: time,
  /** Defaults to the viewer; managers may assign to anyone, sales only to themselves. */
  assigneeId: idSchema.nullish().transform((v) => v ?? null),
  sourceType: z.enum(taskSources).default('manual'),
  sourceId: idSchema.nullish().transform((v) => v ?? null),
});
export type TaskInput = z.input<typeof taskInputSchema>;
/** activities.createTask from the renderer: a task made by hand (tasks of activities and minutes are made by those records). */
export const taskCreateChannelSchema = taskInputSchema.refine((v) => v.sourceType === 'manual' && v.sourceId === null, {
  path: ['sourceType'],
  message: 'validation.invalid',
});
export type TaskParsed = z.output<typeof taskInputSchema>;

export const taskSnoozeSchema = z.object({ id: idSchema, dueAt: time });

export const taskListSchema = z.object({
  customerId: idSchema.optional(),
  /** mine: assigned to the viewer (default); all: everything the viewer may read. */
  scope: z.enum(['mine', 'all']).default('mine'),
  status: z.enum(['open', 'done', 'any']).default('open'),
  /** Only tasks due before this time (e.g. the end of today for "today and overdue"). */
  dueBefore: time.optional(),
  limit: z.number().int().min(1).max(500).default(200),
});

const score = z.number().int().min(1, 'validation.invalid').max(5, 'validation.invalid');

export const surveyInputSchema = z.object({
  customerId: idSchema,
  contactId: idSchema.nullish().transform((v) => v ?? null),
  surveyedAt: time,
  quality: score,
  delivery: score,
  service: score,
  brand: score,
  comments: optionalText(2000),
});
export type SurveyInput = z.input<typeof surveyInputSchema>;
export const surveyDimensionKeys = surveyDimensions;

export const greetingsListSchema = z.object({
  /** Days ahead from today (inclusive of today); defaults to the setting. */
  days: z.number().int().min(1).max(MAX_GREETING_DAYS).optional(),
  /** Today as the renderer's local date 'YYYY-MM-DD' (defaults to the main process's local today). */
  today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date').optional(),
});

export const greetingSettingsSchema = z.object({ days: z.number().int().min(1, 'validation.invalid').max(MAX_GREETING_DAYS, 'validation.invalid') });

export const dashboardSchema = z.object({
  /** End of the viewer's local today (epoch ms): tasks due before it are "today and overdue". */
  endOfToday: time.optional(),
});
