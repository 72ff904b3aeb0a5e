import { describe, expect, it } from 'vitest';
import { resources } from '../../src-shared/i18n';
import { translator } from '../../src-main/i18n';

type Tree = { [key: string]: string | Tree };

/** Every leaf of a resource tree as [dotted key, text]. */
const leaves = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));

describe('English plurals', () => {
  const en = leaves(resources.en as unknown as Tree);
  const keys = new Set(en.map(([k]) => k));

  it('every English message that counts something in the plural ("{{count}} customers") has a singular form (key_one)', () => {
    // "{{count}} customers", "{{count}} possible duplicates" (not "visit no. {{count}} to this customer").
    const counted = en.filter(([k, v]) => !k.endsWith('_one') && /\{\{count\}\} (?:[\w-]+ )?(?!this\b|is\b|was\b|has\b)[a-z]+s\b/.test(v));
    expect(counted.length).toBeGreaterThan(10);
    expect(counted.filter(([k]) => !keys.has(`${k}_one`)).map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });

  it('i18next picks the singular for one and the plural otherwise', () => {
    const t = translator('en');
    expect(t('customerList.bulk.assignTitle', { count: 1 })).toBe('Assign 1 customer');
    expect(t('customerList.bulk.assignTitle', { count: 3 })).toBe('Assign 3 customers');
    expect(t('orders.list.lines', { count: 1 })).toBe('1 item');
    for (const [key] of en.filter(([k]) => k.endsWith('_one'))) {
      const base = key.slice(0, -'_one'.length);
      expect(keys.has(base), `${key} has its plural ${base}`).toBe(true);
      expect(t(base, { count: 1, a: 1 }), base).not.toBe(t(base, { count: 2, a: 1 }).replace('2', '1'));
    }
    // Chinese has no plural forms: the same text for any count.
    const zh = translator('zh-CN');
    expect(zh('customerList.bulk.assignTitle', { count: 1 })).toBe(zh('customerList.bulk.assignTitle', { count: 2 }).replace('2', '1'));
  });
});
