import { z } from 'zod';
import { validateCreditCode } from '../rules/creditCode';
import { phoneDigits } from '../rules/phone';
import { dayTextSchema, idSchema, optionalText, requiredText } from '../schemas';
import {
  customerGrades,
  customerSources,
  customerStatuses,
  customerTiers,
  staffSizes,
  tagColors,
} from './enums';

const dateText = dayTextSchema
  .nullish()
  .or(z.literal(''))
  .transform((v) => (v ? v : null));

const creditCodeField = z
  .string()
  .nullish()
  .transform((v, ctx) => {
    if (!v || !v.trim()) return null;
    const r = validateCreditCode(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: `validation.creditCode.${r.reason}` });
      return z.NEVER;
    }
    return r.code;
  });

const phoneField = z
  .string()
  .max(40, 'validation.tooLong')
  .nullish()
  .transform((v) => (v ? phoneDigits(v) || null : null));

const emailField = z
  .string()
  .trim()
  .max(120, 'validation.tooLong')
  .nullish()
  .or(z.literal(''))
  .refine((v) => !v || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'validation.email')
  .transform((v) => (v ? v : null));

/** Everything a create/edit form sends. Shared by the form and the main process. */
export const customerFieldsSchema = z.object({
  name: requiredText(200),
  shortName: optionalText(50),
  creditCode: creditCodeField,
  legalRep: optionalText(50),
  industry: optionalText(50),
  staffSize: z.enum(staffSizes).nullish().transform((v) => v ?? null),
  registeredCapital: z.number().nonnegative().max(1e13).nullish().transform((v) => v ?? null),
  registeredCapitalCurrency: optionalText(10),
  foundedOn: dateText,
  description: optionalText(2000),
  creditRating: optionalText(20),
  source: z.enum(customerSources).nullish().transform((v) => v ?? null),
  provinceCode: optionalText(12),
  cityCode: optionalText(12),
  districtCode: optionalText(12),
  address: optionalText(200),
  website: optionalText(200),
  phone: phoneField,
  email: emailField,
  bankName: optionalText(100),
  bankAccount: optionalText(40),
  taxId: optionalText(30),
  creditStatus: optionalText(50),
  purchaseHabits: optionalText(500),
  purchaseCycle: optionalText(100),
  preferences: optionalText(500),
  interests: optionalText(500),
  notes: optionalText(5000),
});
export type CustomerFields = z.output<typeof customerFieldsSchema>;
export type CustomerFieldsInput = z.input<typeof customerFieldsSchema>;

export const customerCreateSchema = z.object({
  fields: customerFieldsSchema,
  tagIds: z.array(idSchema).max(50).default([]),
  /** Managers may create straight into someone's hands or the pool; sales always own what they record. */
  ownerId: idSchema.nullish(),
  /** The user saw the possible duplicates and saves anyway (never allowed for the same credit code). */
  confirmDuplicates: z.boolean().default(false),
});

export const customerUpdateSchema = z.object({
  id: idSchema,
  fields: customerFieldsSchema.partial(),
  /** The updated_at the form was loaded with: a newer one means someone else saved meanwhile. */
  expectedUpdatedAt: z.number().int().optional(),
});

export const contactFieldsSchema = z.object({
  name: requiredText(50),
  title: optionalText(50),
  isDecisionMaker: z.boolean().default(false),
  decisionRole: optionalText(50),
  mobile: phoneField,
  phone: phoneField,
  email: emailField,
  wechat: optionalText(50),
  birthday: dateText,
  birthdayLunar: z.boolean().default(false),
  homeAddress: optionalText(200),
  hobbies: optionalText(200),
  personality: optionalText(200),
  education: optionalText(50),
  family: optionalText(200),
  notes: optionalText(2000),
});
export type ContactFields = z.output<typeof contactFieldsSchema>;

export const contactCreateSchema = z.object({ customerId: idSchema, fields: contactFieldsSchema });
export const contactUpdateSchema = z.object({ id: idSchema, fields: contactFieldsSchema.partial() });

export const customerSortSchema = z.object({
  field: z.enum(['name', 'createdAt', 'updatedAt', 'status', 'grade', 'lastContactAt', 'owner']).default('updatedAt'),
  dir: z.enum(['asc', 'desc']).default('desc'),
});

export const customerFilterSchema = z.object({
  /** A user id, 'me', or 'pool' for customers without an owner. */
  owner: z.union([idSchema, z.literal('me'), z.literal('pool')]).optional(),
  status: z.array(z.enum(customerStatuses)).max(10).optional(),
  grade: z.array(z.enum(customerGrades)).max(3).optional(),
  tier: z.array(z.enum(customerTiers)).max(4).optional(),
  source: z.array(z.enum(customerSources)).max(13).optional(),
  provinceCode: z.string().max(12).optional(),
  cityCode: z.string().max(12).optional(),
  industry: z.string().trim().max(50).optional(),
  tagId: idSchema.optional(),
  createdFrom: z.number().int().optional(),
  createdTo: z.number().int().optional(),
  /** Only customers not updated for at least this many days. */
  staleDays: z.number().int().min(1).max(3650).optional(),
  /** Substring of name / short name (the global search is separate and smarter). */
  text: z.string().trim().max(100).optional(),
});
export type CustomerFilter = z.infer<typeof customerFilterSchema>;

export const customerListSchema = z.object({
  filter: customerFilterSchema.default({}),
  sort: customerSortSchema.default({ field: 'updatedAt', dir: 'desc' }),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

export const duplicateCheckSchema = z.object({
  name: z.string().trim().max(200).optional(),
  creditCode: z.string().trim().max(40).optional(),
  phone: z.string().max(40).optional(),
  excludeId: idSchema.optional(),
});

export const idsSchema = z.object({ ids: z.array(idSchema).min(1).max(10_000) });
export const reasonSchema = z.string().trim().max(200, 'validation.tooLong').default('');

export const assignSchema = z.object({
  ids: z.array(idSchema).min(1).max(10_000),
  /** null returns the customers to the pool. */
  ownerId: idSchema.nullable(),
  reason: reasonSchema,
});
export const balanceSchema = z.object({
  ids: z.array(idSchema).min(1).max(10_000),
  userIds: z.array(idSchema).min(1).max(100),
  reason: reasonSchema,
});
export const handoverSchema = z.object({ fromUserId: idSchema, toUserId: idSchema, reason: reasonSchema });
export const releaseSchema = z.object({ ids: z.array(idSchema).min(1).max(10_000), reason: reasonSchema });

export const setStatusSchema = z
  .object({
    ids: z.array(idSchema).min(1).max(10_000),
    status: z.enum(customerStatuses),
    lostReason: z.string().trim().max(200).optional(),
  })
  .refine((v) => !(v.status === 'lost' || v.status === 'permanently_lost') || !!v.lostReason, {
    path: ['lostReason'],
    message: 'validation.lostReasonRequired',
  });

export const setTierSchema = z.object({
  ids: z.array(idSchema).min(1).max(10_000),
  tier: z.enum(customerTiers).nullable(),
  vipLevel: z.number().int().min(0).max(10).nullable(),
});

export const bulkTagSchema = z.object({
  ids: z.array(idSchema).min(1).max(10_000),
  add: z.array(idSchema).max(50).default([]),
  remove: z.array(idSchema).max(50).default([]),
});

export const tagInputSchema = z.object({
  name: requiredText(30),
  color: z.enum(tagColors).default('blue'),
});
export const tagUpdateSchema = tagInputSchema.extend({ id: idSchema });

export const mergeFieldChoiceSchema = z.record(z.string(), z.enum(['survivor', 'merged']));
export const mergeSchema = z.object({
  survivorId: idSchema,
  mergedId: idSchema,
  /** For each field, whose value the merged record keeps; fields not listed keep the survivor's (or the other's where the survivor's is empty). */
  choices: mergeFieldChoiceSchema.default({}),
});

export const restoreVersionSchema = z.object({ id: idSchema, changeId: z.number().int().positive() });

export const pageSchema = z.object({
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

export const staleSchema = pageSchema.extend({ days: z.number().int().min(1).max(3650).default(90) });

export const searchSchema = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.number().int().min(1).max(50).default(20),
});

export const prefSchema = z.object({ key: z.enum(['customerColumns']), value: z.unknown() });
export const prefKeySchema = z.object({ key: z.enum(['customerColumns']) });

/**
 * The columns a customer export can have, in the sheet's order; the export
 * (src-main/services/customers/export.ts) has one for each. The contract
 * takes only these: a key is looked up in the export's column table, and a
 * free string could name what every object has (`constructor`, `__proto__`).
 */
export const customerExportColumnKeys = [
  'name',
  'shortName',
  'creditCode',
  'legalRep',
  'industry',
  'staffSize',
  'registeredCapital',
  'foundedOn',
  'description',
  'creditRating',
  'source',
  'owner',
  'tags',
  'provinceCode',
  'cityCode',
  'districtCode',
  'address',
  'website',
  'phone',
  'email',
  'bankName',
  'bankAccount',
  'taxId',
  'creditStatus',
  'purchaseHabits',
  'purchaseCycle',
  'preferences',
  'interests',
  'notes',
  'status',
  'lostReason',
  'lostAt',
  'grade',
  'tier',
  'vipLevel',
  'assignedAt',
  'createdAt',
  'updatedAt',
  'lastContactAt',
  'nextFollowUpAt',
  'daysSinceUpdate',
  'contactCount',
] as const;
export type CustomerExportColumnKey = (typeof customerExportColumnKeys)[number];

export const customerExportSchema = z.object({
  filter: customerFilterSchema.default({}),
  sort: customerSortSchema.default({ field: 'updatedAt', dir: 'desc' }),
  // Any string may be sent (the list's column keys are strings), but only these pass.
  columns: z.array(z.string().max(40).pipe(z.enum(customerExportColumnKeys))).max(60).default([]),
});

export const mergeListSchema = pageSchema.extend({ customerId: idSchema.optional() });
