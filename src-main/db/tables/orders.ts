import type { TableModule } from '../columns';

// Tables of this capability. Import shared columns from '../columns' and other tables from '../schema'
// only inside `.references(() => …)` callbacks (schema.ts re-exports this module).

export const orderTables: TableModule = {
  audited: () => [],
  customerLinked: () => [],
};
