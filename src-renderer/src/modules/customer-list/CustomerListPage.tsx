import { Alert, Badge, Button, CloseButton, Divider, Group, Loader, NumberInput, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconFileImport, IconPlus, IconTrash, IconUsersGroup } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CustomerFilter } from '@shared/customers/schemas';
import type { CustomerListRow } from '@shared/customers/types';
import type { SessionInfo } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatCount } from '../ui/format';
import { BulkDialog, type BulkKind } from './BulkDialog';
import { ColumnChooser } from './ColumnChooser';
import { columnByKey, type ColumnDef } from './columns';
import { ExportButton } from './ExportButton';
import { CustomerTable, type SelectAllState } from './CustomerTable';
import { FilterBar } from './FilterBar';
import { HandoverDialog } from './HandoverDialog';
import {
  applyQuickView,
  cleanFilter,
  DEFAULT_STALE_DAYS,
  quickViewOf,
  listStateEpoch,
  rememberedListState,
  rememberListState,
  type QuickView,
  type Sort,
} from './listState';
import { OverdueFirstContacts } from './OverdueFirstContacts';
import { useColumnPrefs } from './useColumnPrefs';
import { pageOf, useCustomerRows } from './useCustomerRows';
import { useDirectory } from './useDirectory';

/**
 * 客户列表: every customer the user may see, filtered, sorted, with the
 * columns they chose, virtualised for 100,000 rows; multi-select for bulk
 * assignment, tags and status; quick views for mine / pool / stale and,
 * for managers, overdue first contacts and the handover of a leaver.
 */
export const CustomerListPage = ({ session }: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const userId = session.user.id;
  // Screen rights from the main process's policy: the team's customers, assignment, tiers, lead import.
  const can = session.user.can;

  const [initial] = useState(() => rememberedListState(userId));
  const [epoch] = useState(listStateEpoch);
  const [filter, setFilterState] = useState<CustomerFilter>(initial.filter);
  const [sort, setSortState] = useState<Sort>(initial.sort);
  const [overdue, setOverdue] = useState(initial.overdue && can.assignCustomers);
  const scrollTop = useRef(initial.scrollTop);
  const [range, setRange] = useState({ start: 0, end: 0 });

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const lastToggled = useRef<number | null>(null);
  const [dialog, setDialog] = useState<BulkKind | null>(null);
  const [handoverOpen, setHandoverOpen] = useState(false);

  const query = useMemo(() => cleanFilter(filter), [filter]);
  const rows = useCustomerRows(query, sort, range);
  const columnPrefs = useColumnPrefs();
  const directory = useDirectory();
  const tags = useChannelQuery('tags.list', {});

  // Remember where the user was, for coming back from a customer card.
  useEffect(
    () => () => rememberListState(userId, { filter, sort, overdue, scrollTop: scrollTop.current }, epoch),
    [userId, filter, sort, overdue, epoch],
  );

  const setFilter = (next: CustomerFilter) => {
    setFilterState(next);
    setSelected(new Set());
    lastToggled.current = null;
    scrollTop.current = 0;
  };
  const setSort = (next: Sort) => {
    setSortState(next);
    lastToggled.current = null;
    scrollTop.current = 0;
  };

  const view = quickViewOf({ filter, overdue });
  const onView = (v: QuickView) => {
    if (v === 'overdue') {
      setOverdue(true);
      return;
    }
    setOverdue(false);
    setFilter(applyQuickView(filter, v));
  };

  const visibleColumns = useMemo(
    () => columnPrefs.keys.map((k) => columnByKey.get(k)).filter((c): c is ColumnDef => c !== undefined),
    [columnPrefs.keys],
  );

  const { rowAt, loadedRows } = rows;
  const loaded = useMemo(() => loadedRows(), [loadedRows, rowAt]); // eslint-disable-line react-hooks/exhaustive-deps
  const selectAll: SelectAllState =
    selected.size === 0 ? 'none' : loaded.length > 0 && loaded.every((r) => selected.has(r.id)) ? 'all' : 'some';

  const onToggleAll = () => setSelected(selectAll === 'all' ? new Set() : new Set(loaded.map((r) => r.id)));

  const rowAtRef = useRef(rowAt);
  useEffect(() => {
    rowAtRef.current = rowAt;
  }, [rowAt]);
  const onToggle = useCallback(
    (row: CustomerListRow, index: number, range: boolean) => {
      setSelected((prev) => {
        const next = new Set(prev);
        const on = !prev.has(row.id);
        const from = range && lastToggled.current !== null ? Math.min(lastToggled.current, index) : index;
        const to = range && lastToggled.current !== null ? Math.max(lastToggled.current, index) : index;
        // Shift-click: the whole range between the last toggled row and this one (rows already loaded).
        for (let i = from; i <= to; i++) {
          const r = i === index ? row : rowAtRef.current(i);
          if (!r) continue;
          if (on) next.add(r.id);
          else next.delete(r.id);
        }
        return next;
      });
      lastToggled.current = index;
    },
    [],
  );
  const onOpen = useCallback((row: CustomerListRow) => void navigate(`/customers/${row.id}`), [navigate]);
  // Only a change of the pages in view matters to the data hook: the page does not re-render for every row scrolled.
  const onRangeChange = useCallback((next: { start: number; end: number }) => {
    setRange((prev) => (pageOf(prev.start) === pageOf(next.start) && pageOf(prev.end) === pageOf(next.end) ? prev : next));
  }, []);
  const onScrollTopChange = useCallback((top: number) => {
    scrollTop.current = top;
  }, []);

  const ids = [...selected];
  const bulkButtons: { kind: BulkKind; shown: boolean; color?: string }[] = [
    { kind: 'assign', shown: can.assignCustomers },
    { kind: 'balance', shown: can.assignCustomers },
    { kind: 'claim', shown: true },
    { kind: 'release', shown: true },
    { kind: 'tag', shown: true },
    { kind: 'status', shown: true },
    { kind: 'tier', shown: can.setTier },
    { kind: 'delete', shown: true, color: 'red' },
  ];

  const views: QuickView[] = ['all', 'mine', 'pool', 'stale', ...(can.assignCustomers ? (['overdue'] as const) : [])];
  const total = rows.total ?? 0;

  return (
    <Stack
      gap={8}
      h="calc(100dvh - var(--app-shell-header-offset, 52px) - 2 * var(--app-shell-padding, 16px))"
      data-testid="customer-list-page"
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="md" wrap="nowrap">
          <Title order={3}>{t('customerList.title')}</Title>
          <SegmentedControl
            size="xs"
            aria-label={t('customerList.views.label')}
            data-testid="quick-views"
            value={view}
            onChange={(v) => onView(v as QuickView)}
            data={views.map((v) => ({
              value: v,
              label: t(`customerList.views.${v}`, { days: filter.staleDays ?? DEFAULT_STALE_DAYS }),
            }))}
          />
          {view === 'stale' && (
            <NumberInput
              size="xs"
              w={90}
              min={1}
              max={3650}
              allowDecimal={false}
              allowNegative={false}
              aria-label={t('customerList.filters.staleDays')}
              value={filter.staleDays ?? DEFAULT_STALE_DAYS}
              onChange={(v) => typeof v === 'number' && v >= 1 && setFilter({ ...filter, staleDays: Math.min(v, 3650) })}
              rightSection={
                <Text size="xs" c="dimmed" pr={6}>
                  {t('customerList.days')}
                </Text>
              }
            />
          )}
        </Group>
        <Group gap="xs" wrap="nowrap">
          {can.assignCustomers && (
            <Button size="xs" variant="default" leftSection={<IconUsersGroup size={14} />} onClick={() => setHandoverOpen(true)}>
              {t('customerList.handover.button')}
            </Button>
          )}
          <ExportButton filter={query} sort={sort} columns={visibleColumns.map((c) => c.key)} />
          <Button size="xs" variant="default" leftSection={<IconTrash size={14} />} component={Link} to="/customers/recycle-bin">
            {t('customerList.recycleBin')}
          </Button>
          <Button size="xs" leftSection={<IconPlus size={14} />} component={Link} to="/customers/new">
            {t('customerList.newCustomer')}
          </Button>
        </Group>
      </Group>

      {overdue ? (
        <OverdueFirstContacts />
      ) : (
        <>
          <FilterBar filter={filter} onChange={setFilter} seeTeam={can.seeTeam} users={directory.users} tags={tags.data ?? []} />
          <Group justify="space-between" wrap="nowrap" gap="xs" mih={28} align="center">
            <Group gap={6} wrap="wrap" style={{ rowGap: 2 }}>
              <Text size="sm" fw={600} data-testid="customer-total" style={{ whiteSpace: 'nowrap' }}>
                {rows.total === undefined ? t('customerList.loading') : t('customerList.total', { count: formatCount(total) })}
              </Text>
              <Divider orientation="vertical" />
              {selected.size > 0 && (
                <Badge
                  variant="light"
                  size="lg"
                  radius="sm"
                  tt="none"
                  fw={500}
                  data-testid="selection-count"
                  rightSection={
                    <CloseButton size="xs" variant="transparent" aria-label={t('customerList.select.clear')} onClick={() => setSelected(new Set())} />
                  }
                >
                  {t('customerList.select.selected', { count: selected.size })}
                </Badge>
              )}
              <Group gap={2} wrap="nowrap" title={selected.size === 0 ? t('customerList.select.hint') : undefined}>
                {bulkButtons
                  .filter((b) => b.shown)
                  .map((b) => (
                    <Button
                      key={b.kind}
                      size="compact-sm"
                      variant="subtle"
                      color={b.color}
                      disabled={selected.size === 0}
                      onClick={() => setDialog(b.kind)}
                      style={{ flexShrink: 0 }}
                    >
                      {t(`customerList.bulk.${b.kind}`)}
                    </Button>
                  ))}
              </Group>
            </Group>
            <Group gap="xs" wrap="nowrap">
              {rows.fetching && <Loader size={14} aria-label={t('customerList.loading')} />}
              <ColumnChooser value={columnPrefs.keys} onChange={columnPrefs.setKeys} />
            </Group>
          </Group>
          <ErrorAlert error={rows.error ?? directory.error ?? tags.error} />
          {rows.total === 0 && Object.keys(query).length === 0 && (
            <Alert color="blue" variant="light" title={t('customerList.start.title')} data-testid="customer-list-start">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{can.importLeads ? t('customerList.start.text') : t('customerList.start.textSales')}</Text>
                <Group gap="xs">
                  <Button size="xs" leftSection={<IconPlus size={14} />} component={Link} to="/customers/new">
                    {t('customerList.newCustomer')}
                  </Button>
                  {can.importLeads && (
                    <Button size="xs" variant="default" leftSection={<IconFileImport size={14} />} component={Link} to="/import">
                      {t('customerList.start.importList')}
                    </Button>
                  )}
                </Group>
              </Stack>
            </Alert>
          )}
          <CustomerTable
            columns={visibleColumns}
            total={total}
            loading={rows.loading}
            rowAt={rowAt}
            sort={sort}
            onSort={setSort}
            selected={selected}
            selectAll={selectAll}
            loadedCount={loaded.length}
            onToggleAll={onToggleAll}
            onToggle={onToggle}
            onOpen={onOpen}
            onRangeChange={onRangeChange}
            initialScrollTop={initial.scrollTop}
            onScrollTopChange={onScrollTopChange}
            resetKey={JSON.stringify([query, sort])}
          />
        </>
      )}

      <BulkDialog
        kind={dialog}
        ids={ids}
        users={directory.users}
        tags={tags.data ?? []}
        onClose={() => setDialog(null)}
        onDone={() => {
          setDialog(null);
          setSelected(new Set());
        }}
      />
      {can.assignCustomers && <HandoverDialog opened={handoverOpen} onClose={() => setHandoverOpen(false)} users={directory.users} />}
    </Stack>
  );
};
