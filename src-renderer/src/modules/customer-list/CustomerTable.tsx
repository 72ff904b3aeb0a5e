import { Checkbox } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TFunction } from 'i18next';
import { memo, useEffect, useRef, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerListRow } from '@shared/customers/types';
import { columnLabel, type ColumnDef } from './columns';
import classes from './CustomerTable.module.css';
import type { Sort } from './listState';

export const ROW_HEIGHT = 34;
const CHECK_WIDTH = 36;

export type SelectAllState = 'none' | 'some' | 'all';

type Props = {
  columns: ColumnDef[];
  total: number;
  loading: boolean;
  rowAt: (index: number) => CustomerListRow | undefined;
  sort: Sort;
  onSort: (sort: Sort) => void;
  selected: ReadonlySet<string>;
  selectAll: SelectAllState;
  loadedCount: number;
  onToggleAll: () => void;
  onToggle: (row: CustomerListRow, index: number, range: boolean) => void;
  onOpen: (row: CustomerListRow) => void;
  onRangeChange: (range: { start: number; end: number }) => void;
  /** Scroll offset to start at (coming back from a customer card). */
  initialScrollTop: number;
  onScrollTopChange: (top: number) => void;
  /** Changes whenever filter or sort change: the table scrolls back to the top. */
  resetKey: string;
};

/** The direction the column shows: a column like "days since update" runs opposite to its sort field. */
const shownDir = (col: ColumnDef, sort: Sort): 'asc' | 'desc' | null => {
  if (!col.sort || col.sort.field !== sort.field) return null;
  if (!col.sort.invert) return sort.dir;
  return sort.dir === 'asc' ? 'desc' : 'asc';
};

const nextSort = (col: ColumnDef, sort: Sort): Sort => {
  const current = shownDir(col, sort);
  // First click: names A→Z, everything else biggest/newest first.
  const shown = current ? (current === 'asc' ? 'desc' : 'asc') : col.key === 'name' ? 'asc' : 'desc';
  const dir = col.sort?.invert ? (shown === 'asc' ? 'desc' : 'asc') : shown;
  return { field: col.sort!.field, dir };
};

const stickyStyle = (left: number) => ({ left });

const Cell = ({ col, row, t }: { col: ColumnDef; row: CustomerListRow; t: TFunction }) => {
  const content = col.render(row, t);
  return (
    <div
      role="cell"
      className={col.key === 'name' ? `${classes.cell} ${classes.sticky} ${classes.lastSticky} ${classes.name}` : classes.cell}
      style={{ width: col.width, ...(col.key === 'name' ? stickyStyle(CHECK_WIDTH) : {}) }}
      data-align={col.align}
      data-col={col.key}
    >
      {typeof content === 'string' || typeof content === 'number' ? (
        <span className={classes.text} title={String(content)}>
          {content}
        </span>
      ) : (
        content
      )}
    </div>
  );
};

type RowProps = {
  index: number;
  start: number;
  row: CustomerListRow | undefined;
  selected: boolean;
  columns: ColumnDef[];
  onToggle: Props['onToggle'];
  onOpen: Props['onOpen'];
};

/** Memoised: while scrolling, rows already on screen keep their props and do not re-render. */
const Row = memo(function Row({ index, start, row, selected, columns, onToggle, onOpen }: RowProps) {
  const { t } = useTranslation();
  const style = { transform: `translateY(${start}px)` };
  if (!row) {
    return (
      <div role="row" aria-rowindex={index + 2} className={classes.row} style={style} data-loading>
        <div className={`${classes.cell} ${classes.sticky}`} style={{ width: CHECK_WIDTH, ...stickyStyle(0) }} />
        {columns.map((c) => (
          <div key={c.key} className={classes.cell} style={{ width: c.width }}>
            <div className={classes.placeholder} />
          </div>
        ))}
      </div>
    );
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter') onOpen(row);
    if (e.key === ' ') {
      e.preventDefault();
      onToggle(row, index, e.shiftKey);
    }
  };
  const onCheck = (e: MouseEvent) => {
    e.stopPropagation();
    onToggle(row, index, e.shiftKey);
  };
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={0}
      className={classes.row}
      style={style}
      data-selected={selected || undefined}
      data-testid="customer-row"
      data-id={row.id}
      onClick={() => onOpen(row)}
      onKeyDown={onKeyDown}
    >
      <div role="cell" className={`${classes.cell} ${classes.sticky}`} style={{ width: CHECK_WIDTH, ...stickyStyle(0) }} onClick={onCheck}>
        <Checkbox
          size="xs"
          checked={selected}
          onChange={() => undefined}
          aria-label={t('customerList.select.row', { name: row.name })}
          tabIndex={-1}
          styles={{ input: { cursor: 'pointer' } }}
        />
      </div>
      {columns.map((c) => (
        <Cell key={c.key} col={c} row={row} t={t} />
      ))}
    </div>
  );
});

/**
 * A virtualised table for up to 100,000 customers: only the rows in view
 * (plus a few) are in the DOM, the scroll height is the full count, and the
 * header stays on top. Rows whose page has not arrived yet show grey
 * placeholders until it does.
 */
export const CustomerTable = (props: Props) => {
  const { t } = useTranslation();
  const { columns, total, rowAt, sort, onSort, selected, onRangeChange, onScrollTopChange } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const width = CHECK_WIDTH + columns.reduce((s, c) => s + c.width, 0);

  // The virtualizer's functions change every scroll; the rows below are memoised by their own props instead.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: ROW_HEIGHT,
    initialOffset: props.initialScrollTop,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    onRangeChange({ start: first, end: last });
  }, [first, last, onRangeChange]);

  // Back to the top when the filter or sort changes (not on the first render: that restores the old position).
  const firstReset = useRef(true);
  useEffect(() => {
    if (firstReset.current) {
      firstReset.current = false;
      return;
    }
    scrollRef.current?.scrollTo({ top: 0 });
  }, [props.resetKey]);

  const headerCell = (col: ColumnDef): ReactNode => {
    const dir = shownDir(col, sort);
    const sticky = col.key === 'name';
    const className = [classes.cell, col.sort ? classes.sortable : '', sticky ? `${classes.sticky} ${classes.lastSticky}` : ''].join(' ');
    const label = columnLabel(col.key, t);
    return (
      <div
        key={col.key}
        role="columnheader"
        className={className}
        style={{ width: col.width, ...(sticky ? stickyStyle(CHECK_WIDTH) : {}) }}
        data-align={col.align}
        aria-sort={dir ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
        title={col.sort ? t('customerList.columns.sortHint') : label}
        onClick={col.sort ? () => onSort(nextSort(col, sort)) : undefined}
      >
        <span className={classes.text}>{label}</span>
        {col.sort &&
          (dir === 'asc' ? (
            <IconArrowUp size={13} />
          ) : dir === 'desc' ? (
            <IconArrowDown size={13} />
          ) : (
            <IconSelector size={13} color="var(--mantine-color-gray-5)" />
          ))}
      </div>
    );
  };

  return (
    <div
      ref={scrollRef}
      className={classes.scroller}
      role="table"
      aria-rowcount={total + 1}
      data-testid="customer-table"
      onScroll={(e) => onScrollTopChange(e.currentTarget.scrollTop)}
    >
      <div className={classes.inner} style={{ width }}>
        <div role="row" className={classes.header} aria-rowindex={1}>
          <div role="columnheader" className={`${classes.cell} ${classes.sticky}`} style={{ width: CHECK_WIDTH, ...stickyStyle(0) }}>
            <Checkbox
              size="xs"
              checked={props.selectAll === 'all'}
              indeterminate={props.selectAll === 'some'}
              disabled={props.loadedCount === 0}
              onChange={props.onToggleAll}
              aria-label={t('customerList.select.allLoaded', { count: props.loadedCount })}
              title={t('customerList.select.allLoaded', { count: props.loadedCount })}
            />
          </div>
          {columns.map(headerCell)}
        </div>
        <div role="rowgroup" className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
          {items.map((vi) => {
            const row = rowAt(vi.index);
            return (
              <Row
                key={vi.index}
                index={vi.index}
                start={vi.start - ROW_HEIGHT}
                row={row}
                selected={!!row && selected.has(row.id)}
                columns={columns}
                onToggle={props.onToggle}
                onOpen={props.onOpen}
              />
            );
          })}
        </div>
        {total === 0 && !props.loading && <div className={classes.empty}>{t('customerList.empty')}</div>}
      </div>
    </div>
  );
};
