import { visitTables } from '../../db/tables/visits';
import type { ServiceModule } from '../module';
import { visitHandlers } from './handlers';

/** Visit plans with approval, meeting minutes and their notifications. */
export const visitsModule: ServiceModule = {
  name: 'visits',
  handlers: visitHandlers,
  tables: visitTables,
  hooks: {
    purge: (sqlite, customerId) => {
      for (const sql of [
        'DELETE FROM visit_notifications WHERE customer_id = ?',
        'DELETE FROM visit_steps WHERE visit_id IN (SELECT id FROM visits WHERE customer_id = ?)',
        'DELETE FROM minutes_steps WHERE minutes_id IN (SELECT id FROM minutes WHERE customer_id = ?)',
        'DELETE FROM minutes_actions WHERE minutes_id IN (SELECT id FROM minutes WHERE customer_id = ?)',
        // Minutes before visits: minutes may point at a visit.
        'DELETE FROM minutes WHERE customer_id = ?',
      ])
        sqlite.prepare(sql).run(customerId);
    },
  },
};
