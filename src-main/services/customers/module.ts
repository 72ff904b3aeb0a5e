import { customerTables } from '../../db/tables/customers';
import type { ServiceModule } from '../module';
import { customerHandlers } from './handlers';

/** Customers and their contacts, tags, timeline and merges. */
export const customersModule: ServiceModule = {
  name: 'customers',
  handlers: customerHandlers,
  tables: customerTables,
  hooks: {
    // A customer that arrived in (or came back from) the recycle bin through an exchange leaves
    // (or rejoins) what every domain derives across customers here too (the ABC grading).
    afterExchangeImport: { customers: (db, actorId, ids) => db.hooks.customersChanged(db, actorId, ids) },
  },
};
