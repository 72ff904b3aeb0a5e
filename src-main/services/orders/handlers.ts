import type { orderChannels } from '../../../src-shared/contract/orders';
import { localDate } from '../../../src-shared/dates';
import { translator } from '../../i18n';
import { recomputeAll } from '../orders/derived';
import { exportOrders } from '../orders/export';
import {
  addPayment,
  createOrder,
  deleteOrder,
  getOrder,
  listOrders,
  productSuggestions,
  removePayment,
  updateOrder,
} from '../orders/orders';
import { listReceivables } from '../orders/receivables';
import { getOrderRules, saveOrderRules } from '../orders/rules';
import { customerSalesSummary, gradeHistoryOf } from '../orders/summary';
import type { ModuleContext, ModuleHandlers } from '../module';

/**
 * Handlers for src-shared/contract/orders.ts: inputs are parsed by the registry; role and ownership are checked in the services.
 * The reading channels get ctx.read(): they show the ABC grades as the orders module's job (module.ts) last rolled them.
 */
export const orderHandlers = (ctx: ModuleContext): ModuleHandlers<typeof orderChannels> => {
  return {
    'orders.create': (input, { user }) => createOrder(ctx.db(), user, input),
    'orders.update': (input, { user }) => updateOrder(ctx.db(), user, input),
    'orders.delete': (input, { user }) => deleteOrder(ctx.db(), user, input.id),
    'orders.get': (input, { user }) => getOrder(ctx.read(), user, input.id),
    'orders.list': (input, { user }) => listOrders(ctx.read(), user, input.filter, input.limit, input.offset),
    'orders.export': async (input, { user, session }) => {
      const t = translator(session.locale);
      const db = ctx.read();
      const out = await ctx.tempFile('orders.xlsx', (file) => exportOrders(db, user, input.filter, file, t));
      const stamp = localDate(db.clock.now());
      return { fileName: `${t('orders.export.fileName')}-${stamp}.xlsx`, ...out };
    },
    'orders.addPayment': (input, { user }) => addPayment(ctx.db(), user, input),
    'orders.removePayment': (input, { user }) => removePayment(ctx.db(), user, input.id),
    'orders.products': (input, { user }) => productSuggestions(ctx.read(), user, input.prefix),
    'orders.summary': (input, { user }) => customerSalesSummary(ctx.read(), user, input.id),
    'orders.gradeHistory': (input, { user }) => gradeHistoryOf(ctx.read(), user, input.id),
    'orders.receivables': (input, { user }) => listReceivables(ctx.read(), user, input.filter, input.limit, input.offset),
    'orders.rules': () => getOrderRules(ctx.read()),
    'orders.saveRules': (input, { user }) => saveOrderRules(ctx.db(), user, input, recomputeAll),
  };
};
