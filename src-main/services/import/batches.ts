import { desc } from 'drizzle-orm';
import type { ImportBatchInfo } from '../../../src-shared/import/types';
import type { ReadDb } from '../../db/connection';
import { importBatches } from '../../db/schema';
import { userNames } from '../customers/events';

/** The latest imports (批次), newest first: what the batch list shows and undo (commit.ts, undoImport) takes back. */
export const listBatches = (db: ReadDb): ImportBatchInfo[] => {
  const rows = db.orm.select().from(importBatches).orderBy(desc(importBatches.at)).limit(200).all();
  const names = userNames(db, rows.map((r) => r.userId));
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    user: { id: r.userId, displayName: names.get(r.userId) ?? '' },
    fileName: r.fileName,
    sheetName: r.sheetName,
    counts: JSON.parse(r.counts) as ImportBatchInfo['counts'],
    undoneAt: r.undoneAt,
  }));
};
