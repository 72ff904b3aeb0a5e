import type { Cell, MergeRange, SheetRow } from './types';
import { EMPTY } from './cells';

/** The merge that covers a cell (1-based row, 0-based column), if any. */
export function mergeAt(merges: readonly MergeRange[], row: number, col: number): MergeRange | undefined {
  for (const m of merges) {
    if (row >= m.top && row <= m.bottom && col >= m.left && col <= m.right) return m;
  }
  return undefined;
}

/**
 * Fills the cells a merge covers with its anchor's value, row by row as they
 * stream past (the anchor, top-left, always comes first).
 *
 * The reader itself never fills: a merged block in the data may be a shared
 * value meant for every row (an industry spanning five companies) or just
 * layout, and only the caller knows which. Rows that hold nothing but the
 * covered part of a merge are blank in the file and are not delivered, so
 * there is nothing to fill for them.
 */
export function createMergeFiller(merges: readonly MergeRange[]): (row: SheetRow) => SheetRow {
  // Rows come in order: merges enter an active list when their top row is reached and leave after their bottom.
  const pending = merges.filter((m) => m.bottom > m.top || m.right > m.left).sort((a, b) => a.top - b.top);
  let next = 0;
  let active: { range: MergeRange; anchor: Cell | undefined }[] = [];
  return (row) => {
    while (next < pending.length && pending[next]!.top <= row.index) {
      active.push({ range: pending[next]!, anchor: undefined });
      next++;
    }
    active = active.filter((a) => a.range.bottom >= row.index);
    if (active.length === 0) return row;
    const cells = row.cells.slice();
    for (const a of active) {
      const m = a.range;
      if (row.index === m.top) a.anchor = row.cells[m.left];
      if (!a.anchor || a.anchor.type === 'empty') continue;
      for (let c = m.left; c <= m.right; c++) {
        if (c === m.left && row.index === m.top) continue;
        while (cells.length <= c) cells.push(EMPTY);
        cells[c] = a.anchor;
      }
    }
    return { ...row, cells };
  };
}
