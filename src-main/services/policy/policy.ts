/**
 * The one ownership and role policy: who may see, change, approve, export, delete or assign what.
 * PRODUCT.md §1 in code. Every service asks it, and the records and the session carry its answers to
 * the renderer as `can` flags (the renderer shows buttons from them, never from a role).
 *
 * Pure functions of the viewer and the facts of a record, unit-tested as a table
 * (tests/unit/policy.test.ts). Next to them: guards.ts (the same rules as lookups that throw
 * FORBIDDEN / NOT_FOUND) and sql.ts (the reading rules as SQL for list queries).
 *
 * - roles.ts: who is asking, the role predicates, a person's own things
 * - customers.ts: customers, the pool, contacts, records about a customer
 * - work.ts: the contact log, tasks, visits and minutes
 * - orders.ts: orders and payments
 * - office.ts: imports, exports, reports, the exchange, office rules, and the session's screen rights
 */
export * from './roles';
export * from './customers';
export * from './work';
export * from './orders';
export * from './office';
