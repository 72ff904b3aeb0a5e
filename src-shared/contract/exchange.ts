import type { ExportedFile } from '../customers/types';
import { exchangeAnalyzeSchema, exchangeExportSchema, exchangeLogSchema, exchangeResolveSchema, exchangeTokenSchema } from '../exchange/schemas';
import type { ExchangeConflictView, ExchangeLogEntry, ExchangeStatus, ExchangeSummary } from '../exchange/types';
import { emptyInputSchema } from '../schemas';
import { channel, manager } from './channel';

/** The record types that travel between PCs (src-main/db/schema.ts, exchangedTables): a conflict shows this PC's values of any of them. */
const exchanged = [
  'users', 'tags', 'customers', 'contacts', 'customer_tags', 'customer_events', 'activities', 'follow_up_tasks', 'satisfaction_surveys',
  'visits', 'visit_steps', 'minutes', 'minutes_actions', 'minutes_steps', 'orders', 'order_lines', 'payments', 'sales_reports',
] as const;

// Channels of the LAN exchange (数据交换). Managers exchange everything; a salesperson their own customers (checked in the service).
export const exchangeChannels = {
  'exchange.status': channel<ExchangeStatus>()({ input: emptyInputSchema, access: 'user', reads: ['exchange_peers', 'exchange_conflicts', 'customers'] }),
  'exchange.export': channel<ExportedFile>()({ input: exchangeExportSchema, access: 'user' }),
  'exchange.exportPlain': channel<ExportedFile>()({ input: emptyInputSchema, access: manager }),
  'exchange.analyze': channel<ExchangeSummary>()({ input: exchangeAnalyzeSchema, access: 'user' }),
  'exchange.commit': channel<ExchangeSummary>()({ input: exchangeTokenSchema, access: 'user' }),
  'exchange.cancel': channel<null>()({ input: exchangeTokenSchema, access: 'user' }),
  'exchange.conflicts': channel<ExchangeConflictView[]>()({ input: emptyInputSchema, access: 'user', reads: ['exchange_conflicts', 'exchange_peers', ...exchanged] }),
  'exchange.resolve': channel<{ resolved: number }>()({ input: exchangeResolveSchema, access: 'user' }),
  'exchange.history': channel<ExchangeLogEntry[]>()({ input: exchangeLogSchema, access: 'user', reads: ['exchange_log', 'users'] }),
} as const;
