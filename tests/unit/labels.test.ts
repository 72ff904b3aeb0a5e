import { getTableColumns } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { resources } from '../../src-shared/i18n';
import { customers } from '../../src-main/db/schema';

/** Columns a person never sees as a field of their own (ids and bookkeeping, told by the fields they accompany). */
const INTERNAL = new Set(['id', 'nameKey', 'mergedInto', 'deletedBy', 'updatedBy', 'ownerId', 'grade']);

describe('customer field labels', () => {
  it('every customer column a history version or merge can show has a label in both languages (no raw keys such as firstContactAt)', () => {
    const keys = Object.keys(getTableColumns(customers)).filter((k) => !INTERNAL.has(k));
    for (const [locale, messages] of Object.entries(resources)) {
      const fields = (messages as { customer: { fields: Record<string, string> } }).customer.fields;
      const missing = keys.filter((k) => typeof fields[k] !== 'string' || fields[k] === '');
      expect(missing, locale).toEqual([]);
    }
  });
});
