import type { ImportAnalysisView, ImportGroup } from '@shared/import/types';

export type Decision = 'skip' | 'fill' | 'new';

export const decisionOf = (decisions: Record<string, Decision>, groupId: string): Decision => decisions[groupId] ?? 'skip';

/** What the groups not listed do: "set all to" ('*'), or skip. */
export const unlistedDecision = (decisions: Record<string, Decision>): Decision => decisionOf(decisions, '*');

/** Rows of a group that follow its decision: all of them for a database match; in the file, all but the first (which imports). */
export const followingRows = (g: ImportGroup): number => (g.existing ? g.rowNumbers.length : g.rowNumbers.length - 1);

/**
 * What the commit will probably do with the current decisions, for the
 * assignment step. "Fill" counts as filled even when the customer turns out
 * to have nothing empty to fill (the commit then counts it as skipped).
 */
export const estimate = (a: ImportAnalysisView, decisions: Record<string, Decision>) => {
  let asNew = 0;
  let filled = 0;
  for (const g of a.groups) {
    const d = decisionOf(decisions, g.id);
    if (d === 'new') asNew += followingRows(g);
    else if (d === 'fill') filled += followingRows(g);
  }
  const rest = unlistedDecision(decisions);
  if (rest === 'new') asNew += a.unlistedRows;
  else if (rest === 'fill') filled += a.unlistedRows;
  const duplicates = a.inFileDuplicates + a.inDbDuplicates;
  return { created: a.fresh + asNew, filled, skipped: Math.max(0, duplicates - asNew - filled), rejected: a.rejected };
};
