import { Button, Group, Pagination, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { addDays, addMonths } from '@shared/orders/logic';
import type { SessionInfo } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { useUserDirectory } from '../customer-card/useUserDirectory';
import { ErrorAlert } from '../ui/ErrorAlert';
import { saveFile } from '../ui/saveFile';
import { useErrorText } from '../ui/useErrorText';
import { CustomerPicker } from './CustomerPicker';
import { OrderDetailModal } from './OrderDetailModal';
import { OrdersTable } from './OrdersTable';
import { money, todayIso } from './shared';
import { useExportOrders } from './hooks';

const PAGE = 50;
const presets = ['all', 'thisMonth', 'lastMonth', 'thisYear', 'last12'] as const;
type Preset = (typeof presets)[number];

const presetRange = (p: Preset): { from: string; to: string } => {
  const today = todayIso();
  const month = `${today.slice(0, 7)}-01`;
  switch (p) {
    case 'all':
      return { from: '', to: '' };
    case 'thisMonth':
      return { from: month, to: today };
    case 'lastMonth':
      return { from: addMonths(month, -1), to: addDays(month, -1) };
    case 'thisYear':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case 'last12':
      return { from: addDays(addMonths(today, -12), 1), to: today };
  }
};

/** 成交记录: every order the viewer may see, filtered by period, salesperson and customer, with sums and an Excel export. */
export const OrdersPage = ({ session }: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [params] = useSearchParams();
  const [preset, setPreset] = useState<Preset | null>('all');
  const [range, setRange] = useState({ from: '', to: '' });
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [customer, setCustomer] = useState<{ id: string | null; name: string | null }>({ id: params.get('customerId'), name: null });
  const [query, setQuery] = useState('');
  const [debouncedQuery] = useDebouncedValue(query.trim(), 250);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const { users } = useUserDirectory();
  // Everyone's orders (UserCan.seeTeam): the filter by salesperson.
  const seeTeam = session.user.can.seeTeam;
  const filter = {
    ...(range.from ? { from: range.from } : {}),
    ...(range.to ? { to: range.to } : {}),
    ...(ownerId ? { ownerId } : {}),
    ...(customer.id ? { customerId: customer.id } : {}),
    ...(debouncedQuery ? { query: debouncedQuery } : {}),
  };
  const list = useChannelQuery('orders.list', { filter, limit: PAGE, offset: (page - 1) * PAGE });
  const exporter = useExportOrders();
  const customerName = customer.name ?? (customer.id ? (list.data?.rows[0]?.customerName ?? null) : null);
  const reset = () => setPage(1);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>{t('orders.title')}</Title>
        <Button
          variant="light"
          leftSection={<IconFileSpreadsheet size={16} />}
          loading={exporter.isPending}
          onClick={() =>
            exporter.mutate(
              { filter },
              {
                onSuccess: (file) => {
                  saveFile(file);
                  notifications.show({ color: 'green', message: file.fileName });
                },
                onError: (e) => notifications.show({ color: 'red', message: errorText(e) }),
              },
            )
          }
          data-testid="orders-export"
        >
          {t('orders.actions.export')}
        </Button>
      </Group>
      <Paper withBorder p="sm">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label={t('orders.filters.period')}
            w={140}
            data={presets.map((p) => ({ value: p, label: t(`orders.filters.periods.${p}`) }))}
            value={preset}
            onChange={(p) => {
              setPreset(p as Preset | null);
              if (p) setRange(presetRange(p as Preset));
              reset();
            }}
            data-testid="filter-period"
          />
          <TextInput type="date" label={t('orders.filters.from')} value={range.from} onChange={(e) => (setRange({ ...range, from: e.currentTarget.value }), setPreset(null), reset())} />
          <TextInput type="date" label={t('orders.filters.to')} value={range.to} onChange={(e) => (setRange({ ...range, to: e.currentTarget.value }), setPreset(null), reset())} />
          {seeTeam && (
            <Select
              label={t('orders.filters.owner')}
              placeholder={t('orders.filters.allOwners')}
              clearable
              w={150}
              data={users.map((u) => ({ value: u.id, label: u.displayName }))}
              value={ownerId}
              onChange={(v) => (setOwnerId(v), reset())}
              data-testid="filter-owner"
            />
          )}
          <CustomerPicker value={customer.id} label={customerName} onChange={(id, name) => (setCustomer({ id, name }), reset())} />
          <TextInput label={t('orders.filters.query')} value={query} onChange={(e) => (setQuery(e.currentTarget.value), reset())} w={180} />
        </Group>
      </Paper>
      <ErrorAlert error={list.error} />
      {list.data && (
        <Text size="sm" c="dimmed" data-testid="orders-totals">
          {t('orders.list.totals', { count: list.data.total, amount: money(list.data.sumAmount), received: money(list.data.sumReceived) })}
        </Text>
      )}
      <Paper withBorder p="xs">
        {list.data && list.data.rows.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="md">
            {t('orders.list.empty')}
          </Text>
        ) : (
          <OrdersTable rows={list.data?.rows ?? []} showCustomer onOpen={setOpen} />
        )}
      </Paper>
      {list.data && list.data.total > PAGE && <Pagination total={Math.ceil(list.data.total / PAGE)} value={page} onChange={setPage} />}
      {open && <OrderDetailModal orderId={open} session={session} onClose={() => setOpen(null)} />}
    </Stack>
  );
};
