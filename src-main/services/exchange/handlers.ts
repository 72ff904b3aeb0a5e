import type { exchangeChannels } from '../../../src-shared/contract/exchange';
import { localDate } from '../../../src-shared/dates';
import { columnLabel } from '../../../src-shared/exchange/labels';
import { translator } from '../../i18n';
import {
  ExchangeImports,
  exchangeEnv,
  exchangeHistory,
  exchangeStatus,
  exportExchange,
  exportPlain,
  listConflicts,
  resolveConflicts,
} from '../exchange/service';
import type { ModuleContext, ModuleHandlers } from '../module';

/** Handlers for src-shared/contract/exchange.ts. */
export const exchangeHandlers = (ctx: ModuleContext): ModuleHandlers<typeof exchangeChannels> => {
  const imports = new ExchangeImports();
  const env = () => {
    const db = ctx.db();
    return { db, env: exchangeEnv(db, ctx.ws.openKey(), ctx.ws.keyring().workspaceId) };
  };
  return {
    'exchange.status': (_input, { user }) => exchangeStatus(ctx.read(), user),
    'exchange.export': async (input, { user, session }) => {
      const { db, env: e } = env();
      let fileName = '';
      const out = await ctx.tempFile('exchange.xlsx', async (file) => {
        const made = await exportExchange(db, user, e, input, file, translator(session.locale));
        fileName = made.fileName;
        return made.rows;
      });
      return { fileName, ...out };
    },
    'exchange.exportPlain': async (_input, { user, session }) => {
      const t = translator(session.locale);
      const out = await ctx.tempFile('data.xlsx', (file) => exportPlain(ctx.read(), user, file, t));
      return { fileName: `${t('exchange.export.plain')}-${localDate(ctx.ws.clock.now())}.xlsx`, ...out };
    },
    'exchange.analyze': (input, { user }) => {
      const { db, env: e } = env();
      return imports.analyzeBase64(db, user, e, input.fileName, input.dataBase64);
    },
    'exchange.commit': (input, { user }) => {
      const { db, env: e } = env();
      return imports.commit(db, user, e, input.token);
    },
    'exchange.cancel': (input, { user }) => imports.cancel(user, input.token),
    'exchange.conflicts': (_input, { user }) => listConflicts(ctx.read(), user),
    'exchange.resolve': (input, { user, session }) => {
      const t = translator(session.locale);
      return resolveConflicts(ctx.db(), user, input.resolutions, (table, column) => columnLabel((k) => t(k), table, column));
    },
    'exchange.history': (input, { user }) => exchangeHistory(ctx.read(), user, input.limit),
  };
};
