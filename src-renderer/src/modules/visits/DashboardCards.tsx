import { Anchor, Button, Card, CloseButton, Group, Stack, Table, Text } from '@mantine/core';
import { IconBell, IconClipboardCheck, IconFileDescription } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { SessionInfo } from '@shared/types';
import type { VisitNotification } from '@shared/visits/types';
import { useChannelMutation, useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { DueDate } from './MinutesListPage';
import { MinutesStatusBadge } from './VisitStatusBadge';

const Frame = ({ title, icon, testId, extra, children }: { title: string; icon: ReactNode; testId: string; extra?: ReactNode; children: ReactNode }) => (
  <Card withBorder data-testid={testId}>
    <Group justify="space-between" mb="xs">
      <Group gap={6}>
        {icon}
        <Text fw={600}>{title}</Text>
      </Group>
      {extra}
    </Group>
    {children}
  </Card>
);

/** Managers: visit plans waiting for their decision (not their own). */
export const ApprovalsCard = (_props: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queue = useChannelQuery('visits.approvalQueue', {});
  if (queue.error) return <ErrorAlert error={queue.error} />;
  if (!queue.data?.length) return null;
  return (
    <Frame
      title={t('visits.common.paren', { main: t('visits.dashboard.approvals'), note: queue.data.length })}
      icon={<IconClipboardCheck size={18} />}
      testId="dashboard-visit-approvals"
      extra={
        <Anchor component={Link} to="/approvals" size="sm">
          {t('visits.dashboard.more')}
        </Anchor>
      }
    >
      <Table highlightOnHover>
        <Table.Tbody>
          {queue.data.slice(0, 8).map((v) => (
            <Table.Tr key={v.id} style={{ cursor: 'pointer' }} onClick={() => void navigate(`/visits/${v.id}`)}>
              <Table.Td w={110}>{v.formNo}</Table.Td>
              <Table.Td>{v.customerName}</Table.Td>
              <Table.Td w={90}>{v.salesperson.displayName}</Table.Td>
              <Table.Td w={140}>{formatDateTime(v.plannedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Frame>
  );
};

/** Minutes still to submit (own; managers: the team's), earliest deadline first, overdue in red. */
export const MinutesDueCard = (_props: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const due = useChannelQuery('minutes.due', {});
  if (due.error) return <ErrorAlert error={due.error} />;
  if (!due.data?.length) return null;
  return (
    <Frame
      title={t('visits.common.paren', { main: t('visits.dashboard.minutesDue'), note: due.data.length })}
      icon={<IconFileDescription size={18} />}
      testId="dashboard-minutes-due"
      extra={
        <Anchor component={Link} to="/minutes" size="sm">
          {t('visits.dashboard.more')}
        </Anchor>
      }
    >
      <Table highlightOnHover>
        <Table.Tbody>
          {due.data.slice(0, 8).map((m) => (
            <Table.Tr key={m.id} style={{ cursor: 'pointer' }} onClick={() => void navigate(`/minutes/${m.id}`)}>
              <Table.Td w={110}>{m.formNo}</Table.Td>
              <Table.Td>{m.customerName}</Table.Td>
              <Table.Td w={90}>{m.author.displayName}</Table.Td>
              <Table.Td w={110}>
                <MinutesStatusBadge status={m.status} />
              </Table.Td>
              <Table.Td w={170}>
                <DueDate row={m} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Frame>
  );
};

const notificationText = (t: TFunction, n: VisitNotification): string =>
  t(`visits.notification.${n.kind}`, { actor: n.actor?.displayName ?? '', formNo: n.formNo ?? '', customer: n.customerName ?? '' });

/** The user's unread notifications (visit approved/rejected, minutes approved/returned); opening one marks it read. */
export const NotificationsCard = (_props: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useChannelQuery('visits.notifications', {});
  const mark = useChannelMutation('visits.markRead', ['visits.notifications']);
  if (list.error) return <ErrorAlert error={list.error} />;
  if (!list.data?.length) return null;
  const open = (n: VisitNotification) => {
    mark.mutate({ ids: [n.id] });
    void navigate(n.visitId ? `/visits/${n.visitId}` : `/minutes/${n.minutesId ?? ''}`);
  };
  return (
    <Frame
      title={t('visits.common.paren', { main: t('visits.dashboard.notifications'), note: list.data.length })}
      icon={<IconBell size={18} />}
      testId="dashboard-notifications"
      extra={
        <Button size="compact-xs" variant="subtle" loading={mark.isPending} onClick={() => mark.mutate({ all: true })}>
          {t('visits.dashboard.markAllRead')}
        </Button>
      }
    >
      <Stack gap={4}>
        {list.data.map((n) => (
          <Group key={n.id} gap="xs" wrap="nowrap" justify="space-between" data-testid="notification">
            <Stack gap={0} style={{ flex: 1, cursor: 'pointer' }} onClick={() => open(n)}>
              <Text size="sm" c={n.kind.endsWith('rejected') || n.kind.endsWith('returned') ? 'red' : undefined}>
                {notificationText(t, n)}
              </Text>
              <Text size="xs" c="dimmed">
                {n.comment ? `${formatDateTime(n.at)} · ${n.comment}` : formatDateTime(n.at)}
              </Text>
            </Stack>
            <CloseButton size="sm" aria-label={t('visits.dashboard.markRead')} title={t('visits.dashboard.markRead')} onClick={() => mark.mutate({ ids: [n.id] })} />
          </Group>
        ))}
      </Stack>
    </Frame>
  );
};
