import { Anchor, Badge, Group, Pagination, Paper, Select, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ageingBuckets, type AgeingBucket } from '@shared/orders/logic';
import type { SessionInfo } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { useUserDirectory } from '../customer-card/useUserDirectory';
import { ErrorAlert } from '../ui/ErrorAlert';
import { OrderDetailModal } from './OrderDetailModal';
import { money } from './shared';

const PAGE = 50;
const bucketColor: Record<AgeingBucket, string> = { not_due: 'gray', d1_30: 'yellow', d31_60: 'orange', d61_90: 'red', d90_plus: 'grape' };

/** 应收账款: open orders, most overdue first, with the ageing buckets (未到期, 1–30, 31–60, 61–90, >90 days) as filters. */
export const ReceivablesPage = ({ session }: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const [bucket, setBucket] = useState<AgeingBucket | null>(null);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const { users } = useUserDirectory();
  // Everyone's receivables (UserCan.seeTeam): the filter by owner.
  const seeTeam = session.user.can.seeTeam;
  const q = useChannelQuery('orders.receivables', {
    filter: { ...(bucket ? { bucket } : {}), ...(ownerId ? { ownerId } : {}) },
    limit: PAGE,
    offset: (page - 1) * PAGE,
  });
  const f = (k: string): string => t(`orders.fields.${k}`);
  const ageing = q.data?.ageing ?? ageingBuckets.map((b) => ({ bucket: b, count: 0, outstanding: 0 }));
  const all = ageing.reduce((s, a) => ({ count: s.count + a.count, outstanding: s.outstanding + a.outstanding }), { count: 0, outstanding: 0 });
  const tile = (key: AgeingBucket | null, label: string, count: number, outstanding: number, color: string) => (
    <UnstyledButton key={key ?? 'all'} onClick={() => (setBucket(key), setPage(1))} data-testid={`bucket-${key ?? 'all'}`}>
      <Paper withBorder p="sm" h="100%" style={{ borderColor: bucket === key ? 'var(--mantine-color-blue-6)' : undefined, borderWidth: bucket === key ? 2 : 1 }}>
        <Badge color={color} variant="light" tt="none">
          {label}
        </Badge>
        <Text fw={700} mt={6} data-testid={`bucket-amount-${key ?? 'all'}`}>
          {money(outstanding)}
        </Text>
        <Text size="xs" c="dimmed">
          {t('orders.receivables.total', { count })}
        </Text>
      </Paper>
    </UnstyledButton>
  );
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>{t('orders.receivablesTitle')}</Title>
        {seeTeam && (
          <Select
            placeholder={t('orders.filters.allOwners')}
            clearable
            w={160}
            data={users.map((u) => ({ value: u.id, label: u.displayName }))}
            value={ownerId}
            onChange={(v) => (setOwnerId(v), setPage(1))}
          />
        )}
      </Group>
      <SimpleGrid cols={{ base: 3, lg: 6 }}>
        {tile(null, t('orders.receivables.all'), all.count, all.outstanding, 'blue')}
        {ageing.map((a) => tile(a.bucket, t(`orders.buckets.${a.bucket}`), a.count, a.outstanding, bucketColor[a.bucket]))}
      </SimpleGrid>
      <ErrorAlert error={q.error} />
      <Paper withBorder p="xs">
        {q.data && q.data.rows.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="md">
            {t('orders.receivables.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={1000}>
            <Table verticalSpacing={6} fz="sm" highlightOnHover data-testid="receivables-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{f('customer')}</Table.Th>
                  <Table.Th>{f('owner')}</Table.Th>
                  <Table.Th>{f('orderDate')}</Table.Th>
                  <Table.Th>{f('contractNo')}</Table.Th>
                  <Table.Th ta="right">{f('amount')}</Table.Th>
                  <Table.Th ta="right">{f('received')}</Table.Th>
                  <Table.Th ta="right">{f('outstanding')}</Table.Th>
                  <Table.Th>{f('dueDate')}</Table.Th>
                  <Table.Th>{f('bucket')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(q.data?.rows ?? []).map((r) => (
                  <Table.Tr key={r.orderId} style={{ cursor: 'pointer' }} onClick={() => setOpen(r.orderId)} data-testid="receivable-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/customers/${r.customerId}`} size="sm" onClick={(e) => e.stopPropagation()}>
                        {r.customerName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{r.owner?.displayName}</Table.Td>
                    <Table.Td>{r.orderDate}</Table.Td>
                    <Table.Td>{r.contractNo}</Table.Td>
                    <Table.Td ta="right">{money(r.amount)}</Table.Td>
                    <Table.Td ta="right">{money(r.received)}</Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {money(r.outstanding)}
                    </Table.Td>
                    <Table.Td>{r.dueDate}</Table.Td>
                    <Table.Td>
                      <Badge color={bucketColor[r.bucket]} variant="light" tt="none">
                        {r.overdueDays > 0 ? t('orders.receivables.overdueDays', { count: r.overdueDays }) : t('orders.receivables.notDue')}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {q.data && q.data.total > PAGE && <Pagination total={Math.ceil(q.data.total / PAGE)} value={page} onChange={setPage} />}
      {open && <OrderDetailModal orderId={open} session={session} onClose={() => setOpen(null)} />}
    </Stack>
  );
};
