import { z } from 'zod';
import { idSchema, requiredText } from '../schemas';
import { ageingBuckets, isIsoDate } from './logic';

/** 'YYYY-MM-DD', a real calendar day. */
export const isoDateSchema = z.string().refine(isIsoDate, 'validation.date');

/** Fen (分): a whole number, at most 10^12 (ten billion yuan). */
const fen = z.number().int('orders.validation.money').min(0, 'orders.validation.money').max(1e12, 'orders.validation.money');

export const orderLineSchema = z.object({
  product: requiredText(200),
  quantity: z.number().finite().positive('orders.validation.quantity').max(1e9, 'orders.validation.quantity'),
  /** Fen per unit. */
  unitPrice: fen,
});

const orderFields = {
  orderDate: isoDateSchema,
  contractNo: z.string().trim().max(60, 'validation.tooLong').default(''),
  /** The salesperson credited; omitted = the customer's owner (or the caller when the customer is in the pool). */
  salespersonId: idSchema.nullish(),
  dueDate: isoDateSchema,
  notes: z.string().trim().max(2000, 'validation.tooLong').nullish(),
  lines: z.array(orderLineSchema).min(1, 'orders.validation.lines').max(200, 'validation.tooLong'),
};

const dueAfterOrder = (o: { orderDate: string; dueDate: string }): boolean => o.dueDate >= o.orderDate;
const dueIssue = { message: 'orders.validation.dueBeforeOrder', path: ['dueDate'] };

export const orderCreateSchema = z
  .object({ customerId: idSchema, ...orderFields })
  .refine(dueAfterOrder, dueIssue);
export type OrderCreateInput = z.input<typeof orderCreateSchema>;
export type OrderCreate = z.output<typeof orderCreateSchema>;

export const orderUpdateSchema = z.object({ id: idSchema, ...orderFields }).refine(dueAfterOrder, dueIssue);
export type OrderUpdate = z.output<typeof orderUpdateSchema>;

export const paymentCreateSchema = z.object({
  orderId: idSchema,
  paidOn: isoDateSchema,
  amount: fen.min(1, 'orders.validation.money'),
  notes: z.string().trim().max(500, 'validation.tooLong').nullish(),
});
export type PaymentCreate = z.output<typeof paymentCreateSchema>;

export const orderFilterSchema = z.object({
  /** Order date range, inclusive. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  /** Orders of customers owned by this user (managers only; sales always see their own). */
  ownerId: idSchema.optional(),
  customerId: idSchema.optional(),
  /** Contract number or product contains. */
  query: z.string().trim().max(100).optional(),
});
export type OrderFilter = z.output<typeof orderFilterSchema>;

export const orderListSchema = z.object({
  filter: orderFilterSchema.default({}),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

export const orderExportSchema = z.object({ filter: orderFilterSchema.default({}) });

export const receivableFilterSchema = z.object({
  ownerId: idSchema.optional(),
  customerId: idSchema.optional(),
  bucket: z.enum(ageingBuckets).optional(),
});
export type ReceivableFilter = z.output<typeof receivableFilterSchema>;

export const receivableListSchema = z.object({
  filter: receivableFilterSchema.default({}),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

export const productSuggestSchema = z.object({ prefix: z.string().trim().max(100).default('') });

const percent = z.number().int().min(1, 'orders.validation.percent').max(99, 'orders.validation.percent');

export const orderRulesSchema = z
  .object({
    repeatMinOrders: z.number().int().min(2).max(100),
    loyalMinOrders: z.number().int().min(2).max(1000),
    loyalWindowMonths: z.number().int().min(1).max(120),
    loyalMinTotal: fen,
    churnFactor: z.number().min(1).max(10),
    abcPeriodMonths: z.number().int().min(1).max(60),
    abcAPercent: percent,
    abcBPercent: percent,
  })
  .refine((r) => r.abcBPercent > r.abcAPercent, { message: 'orders.validation.bAboveA', path: ['abcBPercent'] })
  .refine((r) => r.loyalMinOrders >= r.repeatMinOrders, { message: 'orders.validation.loyalAboveRepeat', path: ['loyalMinOrders'] });
