import type { ExportedFile } from '../customers/types';
import { exchangeAnalyzeSchema, exchangeExportSchema, exchangeLogSchema, exchangeResolveSchema, exchangeTokenSchema } from '../exchange/schemas';
import type { ExchangeConflictView, ExchangeLogEntry, ExchangeStatus, ExchangeSummary } from '../exchange/types';
import { emptyInputSchema } from '../schemas';
import { channel, manager } from './channel';

// Channels of the LAN exchange (数据交换). Managers exchange everything; a salesperson their own customers (checked in the service).
export const exchangeChannels = {
  'exchange.status': channel<ExchangeStatus>()({ input: emptyInputSchema, access: 'user' }),
  'exchange.export': channel<ExportedFile>()({ input: exchangeExportSchema, access: 'user' }),
  'exchange.exportPlain': channel<ExportedFile>()({ input: emptyInputSchema, access: manager }),
  'exchange.analyze': channel<ExchangeSummary>()({ input: exchangeAnalyzeSchema, access: 'user' }),
  'exchange.commit': channel<ExchangeSummary>()({ input: exchangeTokenSchema, access: 'user' }),
  'exchange.cancel': channel<null>()({ input: exchangeTokenSchema, access: 'user' }),
  'exchange.conflicts': channel<ExchangeConflictView[]>()({ input: emptyInputSchema, access: 'user' }),
  'exchange.resolve': channel<{ resolved: number }>()({ input: exchangeResolveSchema, access: 'user' }),
  'exchange.history': channel<ExchangeLogEntry[]>()({ input: exchangeLogSchema, access: 'user' }),
} as const;
