import { z } from 'zod';
import { customerGrades, customerSources } from '../customers/enums';
import { idSchema, requiredText } from '../schemas';
import { isLocalDate, periodKinds } from './period';

/** 'YYYY-MM-DD' that exists in the calendar. */
export const localDateSchema = z.string().refine(isLocalDate, 'validation.date');

/** At most ten years in one custom report (a typing slip like 0206 for 2026 would otherwise scan everything). */
const MAX_CUSTOM_DAYS = 3660;

export const periodSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(periodKinds.filter((k) => k !== 'custom') as ['day', 'week', 'month', 'quarter', 'year']), anchor: localDateSchema }),
  z
    .object({ kind: z.literal('custom'), from: localDateSchema, to: localDateSchema })
    .refine((p) => p.to >= p.from, { message: 'reports.validation.periodOrder', path: ['to'] })
    .refine((p) => (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 <= MAX_CUSTOM_DAYS, { message: 'reports.validation.periodTooLong', path: ['to'] }),
]);

/** 'none' selects customers without an ABC grade. */
export const gradeFilterValues = [...customerGrades, 'none'] as const;
export type GradeFilterValue = (typeof gradeFilterValues)[number];

/** The filter every report takes: the period and who/what the customers are. Empty lists mean "all". */
export const reportFilterSchema = z.object({
  period: periodSpecSchema,
  ownerIds: z.array(idSchema).max(200).default([]),
  grades: z.array(z.enum(gradeFilterValues)).max(4).default([]),
  sources: z.array(z.enum(customerSources)).max(customerSources.length).default([]),
  provinceCodes: z.array(z.string().regex(/^\d{2}$/)).max(40).default([]),
  cityCodes: z.array(z.string().regex(/^\d{4}$/)).max(400).default([]),
  industries: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
});
export type ReportFilter = z.output<typeof reportFilterSchema>;
export type ReportFilterInput = z.input<typeof reportFilterSchema>;

/** Customer statistics dimensions (客户统计). */
export const statDimensions = ['owner', 'createdMonth', 'source', 'province', 'city', 'staffSize', 'industry', 'status', 'grade', 'staleDays'] as const;
export type StatDimension = (typeof statDimensions)[number];

export const statisticsInputSchema = z
  .object({ filter: reportFilterSchema, dim1: z.enum(statDimensions), dim2: z.enum(statDimensions).nullable().default(null) })
  .refine((v) => v.dim1 !== v.dim2, { message: 'reports.validation.sameDimension', path: ['dim2'] });

export const topInputSchema = z.object({ filter: reportFilterSchema, n: z.number().int().min(1).max(100).default(10) });

export const filterOnlySchema = z.object({ filter: reportFilterSchema });

/** The reports a user can open, export and print. */
export const reportKinds = ['salesReport', 'abc', 'top', 'comparison', 'statistics', 'churn', 'funnel', 'receivables', 'service'] as const;
export type ReportKind = (typeof reportKinds)[number];

// ---------------------------------------------------------------- 销售日报/周报/月报

export const salesReportKinds = ['day', 'week', 'month'] as const;
export type SalesReportKind = (typeof salesReportKinds)[number];

/** Which report: a salesperson's (userId) or the team's (userId null, managers only), for the period containing `anchor`. */
export const salesReportKeySchema = z.object({
  kind: z.enum(salesReportKinds),
  anchor: localDateSchema,
  userId: idSchema.nullable(),
});

export const salesReportSaveSchema = z.object({
  kind: z.enum(salesReportKinds),
  anchor: localDateSchema,
  summary: z.string().trim().max(5000, 'validation.tooLong'),
  plan: z.string().trim().max(5000, 'validation.tooLong'),
});

export const salesReportCommentSchema = z.object({ id: idSchema, comment: requiredText(5000) });

export const salesReportListSchema = z.object({ userId: idSchema.nullable().default(null), limit: z.number().int().min(1).max(200).default(50) });

export const reportExportSchema = z.discriminatedUnion('report', [
  z.object({ report: z.literal('abc'), filter: reportFilterSchema }),
  z.object({ report: z.literal('top'), filter: reportFilterSchema, n: z.number().int().min(1).max(100).default(10) }),
  z.object({ report: z.literal('comparison'), filter: reportFilterSchema }),
  z.object({
    report: z.literal('statistics'),
    filter: reportFilterSchema,
    dim1: z.enum(statDimensions),
    dim2: z.enum(statDimensions).nullable().default(null),
  }),
  z.object({ report: z.literal('churn'), filter: reportFilterSchema }),
  z.object({ report: z.literal('funnel'), filter: reportFilterSchema }),
  z.object({ report: z.literal('receivables'), filter: reportFilterSchema }),
  z.object({ report: z.literal('service'), filter: reportFilterSchema }),
  z.object({ report: z.literal('salesReport'), key: salesReportKeySchema }),
]);
export type ReportExportRequest = z.output<typeof reportExportSchema>;
