// Channels of the orders capability (成交记录, 回款, 应收账款, ABC), merged into the one contract (src-shared/contract.ts).
import type { ExportedFile } from '../customers/types';
import { emptyInputSchema } from '../schemas';
import type { OrderRules } from '../orders/logic';
import {
  orderCreateSchema,
  orderExportSchema,
  orderListSchema,
  orderRulesSchema,
  orderUpdateSchema,
  paymentCreateSchema,
  productSuggestSchema,
  receivableListSchema,
} from '../orders/schemas';
import type { CustomerSalesSummary, GradeHistoryRow, Order, OrderPage, ReceivablePage } from '../orders/types';
import { byId, channel, manager } from './channel';

export const orderChannels = {
  'orders.create': channel<Order>()({ input: orderCreateSchema, access: 'user' }),
  'orders.update': channel<Order>()({ input: orderUpdateSchema, access: 'user' }),
  'orders.delete': channel<null>()({ input: byId, access: 'user' }),
  'orders.get': channel<Order>()({ input: byId, access: 'user', reads: ['orders', 'order_lines', 'payments', 'customers', 'users'] }),
  'orders.list': channel<OrderPage>()({ input: orderListSchema, access: 'user', reads: ['orders', 'order_lines', 'payments', 'customer_sales', 'customers', 'settings', 'users'] }),
  'orders.export': channel<ExportedFile>()({ input: orderExportSchema, access: 'user' }),
  'orders.addPayment': channel<Order>()({ input: paymentCreateSchema, access: 'user' }),
  'orders.removePayment': channel<Order>()({ input: byId, access: 'user' }),
  'orders.products': channel<{ product: string; count: number; lastUnitPrice: number }[]>()({ input: productSuggestSchema, access: 'user', reads: ['order_lines'] }),
  /** id = the customer's id. */
  'orders.summary': channel<CustomerSalesSummary>()({ input: byId, access: 'user', reads: ['customer_sales', 'orders', 'payments', 'customers', 'settings'] }),
  'orders.gradeHistory': channel<GradeHistoryRow[]>()({ input: byId, access: 'user', reads: ['grade_history', 'customers', 'users'] }),
  'orders.receivables': channel<ReceivablePage>()({ input: receivableListSchema, access: 'user', reads: ['orders', 'payments', 'customers', 'settings', 'users'] }),
  'orders.rules': channel<OrderRules>()({ input: emptyInputSchema, access: manager, reads: ['settings'] }),
  'orders.saveRules': channel<OrderRules>()({ input: orderRulesSchema, access: manager }),
} as const;
