import { Anchor, Button, CloseButton, Group, Stack, Text } from '@mantine/core';
import { IconBell, IconClipboardCheck, IconFileDescription } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { SessionInfo } from '@shared/types';
import type { VisitNotification } from '@shared/visits/types';
import { useChannelQuery } from '../api/hooks';
import { DashboardCard } from '../ui/DashboardCard';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { MinutesTable, VisitTable } from './RecordTables';
import { useMarkNotificationsRead } from './hooks';

/** Managers: visit plans waiting for their decision (not their own). */
export const ApprovalsCard = (_props: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const queue = useChannelQuery('visits.approvalQueue', {});
  if (queue.error) return <ErrorAlert error={queue.error} />;
  if (!queue.data?.length) return null;
  return (
    <DashboardCard
      title={t('visits.common.paren', { main: t('visits.dashboard.approvals'), note: queue.data.length })}
      icon={<IconClipboardCheck size={18} />}
      testId="dashboard-visit-approvals"
      extra={
        <Anchor component={Link} to="/approvals" size="sm">
          {t('visits.dashboard.more')}
        </Anchor>
      }
    >
      <VisitTable rows={queue.data.slice(0, 8)} columns={['formNo', 'customer', 'salesperson', 'plannedAt']} compact={{ formNo: 110, salesperson: 90, plannedAt: 140 }} />
    </DashboardCard>
  );
};

/** Minutes still to submit (own; managers: the team's), earliest deadline first, overdue in red. */
export const MinutesDueCard = (_props: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const due = useChannelQuery('minutes.due', {});
  if (due.error) return <ErrorAlert error={due.error} />;
  if (!due.data?.length) return null;
  return (
    <DashboardCard
      title={t('visits.common.paren', { main: t('visits.dashboard.minutesDue'), note: due.data.length })}
      icon={<IconFileDescription size={18} />}
      testId="dashboard-minutes-due"
      extra={
        <Anchor component={Link} to="/minutes" size="sm">
          {t('visits.dashboard.more')}
        </Anchor>
      }
    >
      <MinutesTable rows={due.data.slice(0, 8)} columns={['formNo', 'customer', 'author', 'status', 'dueDate']} compact={{ formNo: 110, author: 90, status: 110, dueDate: 170 }} />
    </DashboardCard>
  );
};

const notificationText = (t: TFunction, n: VisitNotification): string =>
  t(`visits.notification.${n.kind}`, { actor: n.actor?.displayName ?? '', formNo: n.formNo ?? '', customer: n.customerName ?? '' });

/** The user's unread notifications (visit approved/rejected, minutes approved/returned); opening one marks it read. */
export const NotificationsCard = (_props: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useChannelQuery('visits.notifications', {});
  const mark = useMarkNotificationsRead();
  if (list.error) return <ErrorAlert error={list.error} />;
  if (!list.data?.length) return null;
  const open = (n: VisitNotification) => {
    mark.mutate({ ids: [n.id] });
    void navigate(n.visitId ? `/visits/${n.visitId}` : `/minutes/${n.minutesId ?? ''}`);
  };
  return (
    <DashboardCard
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
    </DashboardCard>
  );
};
