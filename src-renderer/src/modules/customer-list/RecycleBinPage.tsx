import { Anchor, Button, Checkbox, Group, Modal, Pagination, Paper, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconChevronLeft, IconTrashX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatPhone } from '@shared/rules/phone';
import type { SessionInfo } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { StatusBadge } from '../ui/StatusBadge';
import { useBulkAction } from './useBulkAction';

const PAGE = 100;

/**
 * 回收站: deleted customers, newest first. The owner or a manager restores;
 * an administrator may delete for good, after a confirmation.
 */
export const RecycleBinPage = ({ session }: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const can = session.user.can;
  const [page, setPage] = useState(1);
  const bin = useChannelQuery('customers.recycleBin', { limit: PAGE, offset: (page - 1) * PAGE });
  const bulk = useBulkAction();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirmPurge, setConfirmPurge] = useState<string[] | null>(null);

  const rows = bin.data?.rows ?? [];
  const total = bin.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const allChecked = rows.length > 0 && rows.every((r) => selected.has(r.id));

  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const restore = (ids: string[]) =>
    bulk.mutate(
      { channel: 'customers.restore', input: {}, ids, action: t('customerList.recycle.restore') },
      { onSuccess: () => setSelected(new Set()) },
    );
  const purge = (ids: string[]) =>
    bulk.mutate(
      { channel: 'customers.purge', input: {}, ids, action: t('customerList.recycle.purge') },
      {
        onSuccess: () => {
          setSelected(new Set());
          setConfirmPurge(null);
        },
      },
    );

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Group gap="sm">
          <Anchor component={Link} to="/customers" size="sm">
            <Group gap={2}>
              <IconChevronLeft size={14} />
              {t('customerList.recycle.back')}
            </Group>
          </Anchor>
          <Title order={3}>{t('customerList.recycle.title')}</Title>
        </Group>
        <Group gap="xs">
          <Button
            size="xs"
            leftSection={<IconArrowBackUp size={14} />}
            disabled={selected.size === 0}
            loading={bulk.isPending && bulk.variables?.channel === 'customers.restore'}
            onClick={() => restore([...selected])}
          >
            {selected.size > 0 ? t('customerList.recycle.restoreCount', { count: selected.size }) : t('customerList.recycle.restore')}
          </Button>
          {can.purgeCustomers && (
            <Button size="xs" color="red" variant="light" leftSection={<IconTrashX size={14} />} disabled={selected.size === 0} onClick={() => setConfirmPurge([...selected])}>
              {t('customerList.recycle.purge')}
            </Button>
          )}
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {t(can.purgeCustomers ? 'customerList.recycle.textAdmin' : can.seeTeam ? 'customerList.recycle.textManager' : 'customerList.recycle.textSales')}
      </Text>
      <ErrorAlert error={bin.error ?? (confirmPurge ? null : bulk.error)} />
      <Paper withBorder>
        <ScrollArea type="auto">
          <Table striped highlightOnHover verticalSpacing={5} fz="sm" data-testid="recycle-bin-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>
                  <Checkbox
                    size="xs"
                    checked={allChecked}
                    indeterminate={!allChecked && rows.some((r) => selected.has(r.id))}
                    disabled={rows.length === 0}
                    onChange={() => setSelected(allChecked ? new Set() : new Set(rows.map((r) => r.id)))}
                    aria-label={t('customerList.select.allLoaded', { count: rows.length })}
                  />
                </Table.Th>
                <Table.Th>{t('customer.fields.name')}</Table.Th>
                <Table.Th>{t('customer.fields.owner')}</Table.Th>
                <Table.Th>{t('customer.fields.status')}</Table.Th>
                <Table.Th>{t('customer.fields.phone')}</Table.Th>
                <Table.Th>{t('customerList.recycle.deletedAt')}</Table.Th>
                <Table.Th w={90}>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id} data-testid="recycle-row" bg={selected.has(r.id) ? 'blue.0' : undefined}>
                  <Table.Td>
                    <Checkbox size="xs" checked={selected.has(r.id)} onChange={() => toggle(r.id)} aria-label={t('customerList.select.row', { name: r.name })} />
                  </Table.Td>
                  <Table.Td fw={500}>{r.name}</Table.Td>
                  <Table.Td>{r.owner?.displayName ?? <Text span size="sm" c="dimmed">{t('customer.pool')}</Text>}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={r.status} />
                  </Table.Td>
                  <Table.Td>{r.phone ? formatPhone(r.phone) : ''}</Table.Td>
                  <Table.Td>{formatDateTime(r.deletedAt)}</Table.Td>
                  <Table.Td>
                    {r.can.restore && (
                      <Button size="compact-xs" variant="subtle" onClick={() => restore([r.id])}>
                        {t('customerList.recycle.restore')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {bin.isSuccess && rows.length === 0 && (
            <Text ta="center" c="dimmed" py="xl">
              {t('customerList.recycle.empty')}
            </Text>
          )}
        </ScrollArea>
      </Paper>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('common.total', { count: total })}
        </Text>
        {pages > 1 && <Pagination size="sm" total={pages} value={page} onChange={setPage} />}
      </Group>
      <Modal
        opened={confirmPurge !== null}
        onClose={() => setConfirmPurge(null)}
        title={t('customerList.recycle.purgeTitle', { count: confirmPurge?.length ?? 0 })}
      >
        <Stack gap="sm">
          <Text size="sm">{t('customerList.recycle.purgeText')}</Text>
          <ErrorAlert error={bulk.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmPurge(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={bulk.isPending} onClick={() => confirmPurge && purge(confirmPurge)}>
              {t('customerList.recycle.purgeConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
};
