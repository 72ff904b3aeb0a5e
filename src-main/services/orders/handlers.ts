import type { orderChannels } from '../../../src-shared/contract/orders';
import { localDate } from '../../../src-shared/dates';
import { translator } from '../../i18n';
import { recomputeAll, refreshAbcIfStale } from '../orders/derived';
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

/** Handlers for src-shared/contract/orders.ts: inputs are parsed by the registry; role and ownership are checked in the services. */
export const orderHandlers = (ctx: ModuleContext): ModuleHandlers<typeof orderChannels> => {
  /** The open database, with the rolling ABC period brought to today first (grades age even when no order changes). */
  const fresh = () => {
    const db = ctx.db();
    refreshAbcIfStale(db);
    return db;
  };
  return {
    'orders.create': (input, { user }) => createOrder(ctx.db(), user, input),
    'orders.update': (input, { user }) => updateOrder(ctx.db(), user, input),
    'orders.delete': (input, { user }) => deleteOrder(ctx.db(), user, input.id),
    'orders.get': (input, { user }) => getOrder(ctx.db(), user, input.id),
    'orders.list': (input, { user }) => listOrders(fresh(), user, input.filter, input.limit, input.offset),
    'orders.export': async (input, { user, session }) => {
      const t = translator(session.locale);
      const db = ctx.db();
      const out = await ctx.tempFile('orders.xlsx', (file) => exportOrders(db, user, input.filter, file, t));
      const stamp = localDate(db.clock.now());
      return { fileName: `${t('orders.export.fileName')}-${stamp}.xlsx`, ...out };
    },
    'orders.addPayment': (input, { user }) => addPayment(ctx.db(), user, input),
    'orders.removePayment': (input, { user }) => removePayment(ctx.db(), user, input.id),
    'orders.products': (input, { user }) => productSuggestions(ctx.db(), user, input.prefix),
    'orders.summary': (input, { user }) => customerSalesSummary(fresh(), user, input.id),
    'orders.gradeHistory': (input, { user }) => gradeHistoryOf(ctx.db(), user, input.id),
    'orders.receivables': (input, { user }) => listReceivables(fresh(), user, input.filter, input.limit, input.offset),
    'orders.rules': () => getOrderRules(ctx.db()),
    'orders.saveRules': (input, { user }) => saveOrderRules(ctx.db(), user, input, recomputeAll),
  };
};
