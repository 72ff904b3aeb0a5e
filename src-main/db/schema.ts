import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { CustomerLinked, ExchangeDecl, TableModule } from './columns';
import { userTables } from './tables/users';
import { settingTables } from './tables/settings';
import { customerTables } from './tables/customers';
import { importTables } from './tables/import';
import { activityTables } from './tables/activities';
import { visitTables } from './tables/visits';
import { orderTables } from './tables/orders';
import { reportTables } from './tables/reports';
import { exchangeTables } from './tables/exchange';

/**
 * The one schema, assembled: each domain declares its tables in src-main/db/tables/<domain>.ts
 * (data only: the tables, which of them the change log records, which belong to a customer, how
 * they travel between PCs). This file only lists the domains; drizzle and drizzle-kit read it.
 */
export { recordColumns } from './columns';
export * from './tables/users';
export * from './tables/settings';
export * from './tables/changeLog';
export * from './tables/prefs';
export * from './tables/customers';
export * from './tables/import';
export * from './tables/activities';
export * from './tables/visits';
export * from './tables/orders';
export * from './tables/reports';
export * from './tables/exchange';

/** In dependency order: users before customers (owners), customers before what hangs off them; the exchange sends parents first. */
const domains: TableModule[] = [userTables, settingTables, customerTables, importTables, activityTables, visitTables, orderTables, reportTables, exchangeTables];

/**
 * Tables whose rows the change log records (src-main/db/audit.ts). An import batch is logged as
 * one row (its customers' inserts are not logged one by one: audit.ts, unloggedInserts).
 */
export const auditedTables = (): SQLiteTable[] => domains.flatMap((m) => m.audited());

/**
 * Record types that belong to a customer (a `customer_id` column): a merge moves their rows to
 * the survivor, an undo moves exactly those back.
 */
export const customerLinkedTables = (): CustomerLinked[] => domains.flatMap((m) => m.customerLinked());

/**
 * Record types that travel in exchange workbooks between office PCs (数据交换), parents before
 * children (see ExchangeDecl).
 */
export const exchangedTables = (): ExchangeDecl[] => domains.flatMap((m) => m.exchange?.() ?? []);
