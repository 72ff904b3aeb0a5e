import type { z } from 'zod';
import type { customerSortSchema, CustomerFilter } from '@shared/customers/schemas';

export type SortField = z.output<typeof customerSortSchema>['field'];
export type Sort = z.output<typeof customerSortSchema>;

/** A quick view is a preset of the filter, except the overdue list, which is a report of its own. */
export type QuickView = 'all' | 'mine' | 'pool' | 'stale' | 'overdue';

export type ListState = {
  filter: CustomerFilter;
  sort: Sort;
  overdue: boolean;
  scrollTop: number;
};

export const DEFAULT_STALE_DAYS = 30;

export const initialListState = (): ListState => ({
  filter: {},
  sort: { field: 'updatedAt', dir: 'desc' },
  overdue: false,
  scrollTop: 0,
});

/**
 * The list's filter, sort and scroll position outlive the page while the
 * user opens a customer and comes back (per user, for this window only).
 */
const memory = new Map<string, ListState>();

/** Which login the remembered states belong to: a page still open at logout must not remember into the next one. */
let epoch = 0;

export const listStateEpoch = (): number => epoch;

export const rememberedListState = (userId: string): ListState => memory.get(userId) ?? initialListState();

export const rememberListState = (userId: string, state: ListState, since: number): void => {
  if (since === epoch) memory.set(userId, state);
};

/** At logout: the next login starts from the plain list (filters never silently carry over to another session). */
export const forgetListStates = (): void => {
  epoch += 1;
  memory.clear();
};

export const quickViewOf = (state: Pick<ListState, 'filter' | 'overdue'>): QuickView => {
  if (state.overdue) return 'overdue';
  if (state.filter.staleDays !== undefined) return 'stale';
  if (state.filter.owner === 'me') return 'mine';
  if (state.filter.owner === 'pool') return 'pool';
  return 'all';
};

/** Applies a quick view: a preset for owner and days-since-update; other filters stay. */
export const applyQuickView = (filter: CustomerFilter, view: QuickView): CustomerFilter => {
  const { owner: _owner, staleDays, ...rest } = filter;
  switch (view) {
    case 'mine':
      return { ...rest, owner: 'me' };
    case 'pool':
      return { ...rest, owner: 'pool' };
    case 'stale':
      return { ...rest, staleDays: staleDays ?? DEFAULT_STALE_DAYS };
    default:
      return rest;
  }
};

/** How many filters beyond the quick view are set (for the collapsed filter bar). */
export const activeFilterCount = (f: CustomerFilter): number =>
  [
    f.status?.length,
    f.grade?.length,
    f.tier?.length,
    f.source?.length,
    f.provinceCode,
    f.cityCode,
    f.industry,
    f.tagId,
    f.createdFrom,
    f.createdTo,
    f.text,
  ].filter((v) => v !== undefined && v !== 0 && v !== '').length;

/** Drops empty values so the cache key (and the request) only carries what is set. */
export const cleanFilter = (f: CustomerFilter): CustomerFilter =>
  Object.fromEntries(
    Object.entries(f).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)),
  ) as CustomerFilter;
