import { useDebouncedValue } from '@mantine/hooks';
import { hashKey, keepPreviousData, useQueries, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { CustomerFilter } from '@shared/customers/schemas';
import type { CustomerListRow } from '@shared/customers/types';
import type { Page } from '@shared/types';
import { call, type ApiError } from '../api/api';
import type { Sort } from './listState';

export const PAGE_SIZE = 200;

export const pageOf = (index: number): number => Math.floor(index / PAGE_SIZE);

type ListInput = { filter: CustomerFilter; sort: Sort; limit: number; offset: number };

/** The same key useChannelQuery would use, so invalidating 'customers.list' after a change refreshes these pages. */
const pageKey = (filter: CustomerFilter, sort: Sort, page: number): ['customers.list', ListInput] => [
  'customers.list',
  { filter, sort, limit: PAGE_SIZE, offset: page * PAGE_SIZE },
];

/**
 * Random-access paging for the virtualised table: only the pages under the
 * visible rows are fetched (200 rows each), and each page stays in the
 * react-query cache keyed by filter + sort + offset, so scrolling back is
 * instant and jumping to row 90,000 costs one request, not 450. The first
 * page is always loaded: it gives the total.
 *
 * While the user drags the scrollbar the page set is debounced, so a fast
 * scroll does not fetch every page it passes.
 */
export const useCustomerRows = (filter: CustomerFilter, sort: Sort, visible: { start: number; end: number }) => {
  const client = useQueryClient();
  const [settled] = useDebouncedValue(visible, 120);
  const pages = useMemo(() => {
    const set = new Set([0]);
    const first = Math.floor(settled.start / PAGE_SIZE);
    const last = Math.floor(Math.max(settled.end, settled.start) / PAGE_SIZE);
    for (let p = first; p <= last; p++) set.add(p);
    return [...set];
  }, [settled.start, settled.end]);

  const results = useQueries({
    queries: pages.map((p) => ({
      queryKey: pageKey(filter, sort, p),
      queryFn: () => call('customers.list', pageKey(filter, sort, p)[1]) as Promise<Page<CustomerListRow>>,
      // Pages scrolled past are dropped a minute after they leave the screen: 100,000 rows would not stay light.
      gcTime: 60_000,
      // The first page carries the total: keep the old one while a new filter loads, so the table does not collapse.
      ...(p === 0 ? { placeholderData: keepPreviousData } : {}),
    })),
  });
  const head = results[0];
  const version = results.map((r) => r.dataUpdatedAt).join(',');
  const error = results.find((r) => r.error)?.error as ApiError | undefined;
  const fetching = results.some((r) => r.isFetching);

  /** A row if its page is in the cache (fetched now or earlier), else undefined: the table shows a placeholder. */
  const rowAt = useCallback(
    (index: number): CustomerListRow | undefined => {
      const page = client.getQueryData<Page<CustomerListRow>>(pageKey(filter, sort, Math.floor(index / PAGE_SIZE)));
      return page?.rows[index % PAGE_SIZE];
    },
    // version: a new function when a page arrives (and only then), so the memoised rows re-render with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, filter, sort, version],
  );

  /** Every row of this filter + sort that is in the cache: what "select all loaded" selects. */
  const loadedRows = useCallback((): CustomerListRow[] => {
    // Not a partial key match: that would also take pages of a filter with more conditions.
    const wanted = hashKey([filter, sort, PAGE_SIZE]);
    const queries = client.getQueryCache().findAll({
      queryKey: ['customers.list'],
      predicate: (q) => {
        const input = q.queryKey[1] as Partial<ListInput> | undefined;
        return !!input && hashKey([input.filter, input.sort, input.limit]) === wanted;
      },
    });
    const seen = new Map<string, CustomerListRow>();
    for (const q of queries) for (const r of (q.state.data as Page<CustomerListRow> | undefined)?.rows ?? []) seen.set(r.id, r);
    return [...seen.values()];
  }, [client, filter, sort]);

  return {
    total: head?.data?.total,
    loading: head?.isPending ?? true,
    fetching,
    error,
    rowAt,
    loadedRows,
  };
};
