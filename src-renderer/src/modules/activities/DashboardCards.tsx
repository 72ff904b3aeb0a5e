import { Anchor, Badge, Card, Group, Stack, Table, Text } from '@mantine/core';
import { IconAlarm, IconGift, IconUserExclamation } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SessionInfo } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { NotificationSwitch } from './DueTaskNotifier';
import { GreetingsTable } from './GreetingsTable';
import { endOfToday } from './localTime';
import { TaskTable } from './TaskTable';

/** One query for the three cards (react-query shares it); the day boundary is the renderer's local midnight. */
const useDashboard = () => useChannelQuery('activities.dashboard', { endOfToday: endOfToday() }, { refetchInterval: 60_000 });

const CardFrame = ({ icon, title, extra, testId, children }: { icon: ReactNode; title: string; extra?: ReactNode; testId: string; children: ReactNode }) => (
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

/** 今日回访任务: my open tasks due today and overdue; each opens its customer. */
export const TasksCard = (_props: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const dash = useDashboard();
  const d = dash.data;
  return (
    <CardFrame
      icon={<IconAlarm size={18} color="var(--mantine-color-orange-6)" />}
      title={t('activities.dashboard.tasksTitle')}
      testId="dashboard-tasks"
      extra={
        <Group gap="xs">
          {d && d.overdueTaskCount > 0 && (
            <Badge color="red" variant="light">
              {t('activities.dashboard.overdueCount', { count: d.overdueTaskCount })}
            </Badge>
          )}
          <NotificationSwitch offerOnly />
          <Anchor component={Link} to="/follow-ups" size="sm">
            {t('activities.dashboard.more')}
          </Anchor>
        </Group>
      }
    >
      <ErrorAlert error={dash.error} />
      {d && d.tasks.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('activities.dashboard.tasksEmpty')}
        </Text>
      )}
      {d && d.tasks.length > 0 && <TaskTable tasks={d.tasks.slice(0, 10)} />}
    </CardFrame>
  );
};

/** 首次联系逾期: customers assigned over 7 days ago with no contact since (managers: all; sales: their own). */
export const FirstContactsCard = ({ session }: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const dash = useDashboard();
  const rows = dash.data?.overdueFirstContacts ?? [];
  const manager = session.user.role !== 'sales';
  return (
    <CardFrame icon={<IconUserExclamation size={18} color="var(--mantine-color-red-6)" />} title={t('activities.dashboard.firstContactsTitle')} testId="dashboard-first-contacts">
      <ErrorAlert error={dash.error} />
      {dash.data && rows.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('activities.dashboard.firstContactsEmpty')}
        </Text>
      )}
      {rows.length > 0 && (
        <Table verticalSpacing={4} fz="sm">
          <Table.Tbody>
            {rows.slice(0, 8).map((r) => (
              <Table.Tr key={r.customerId}>
                <Table.Td>
                  <Anchor component={Link} to={`/customers/${r.customerId}`} size="sm">
                    {r.name}
                  </Anchor>
                </Table.Td>
                {manager && <Table.Td>{r.owner?.displayName ?? ''}</Table.Td>}
                <Table.Td ta="right">
                  <Badge size="sm" color="red" variant="light">
                    {t('activities.dashboard.firstContactsOverdue', { days: r.daysOverdue })}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </CardFrame>
  );
};

/** 近期关怀: birthdays and holidays in the next days. */
export const GreetingsCard = (_props: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const dash = useDashboard();
  const g = dash.data?.greetings;
  return (
    <CardFrame
      icon={<IconGift size={18} color="var(--mantine-color-pink-6)" />}
      title={t('activities.dashboard.greetingsTitle')}
      testId="dashboard-greetings"
      extra={
        <Anchor component={Link} to="/follow-ups?tab=greetings" size="sm">
          {t('activities.dashboard.more')}
        </Anchor>
      }
    >
      <ErrorAlert error={dash.error} />
      {g && g.items.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('activities.greetings.empty')}
        </Text>
      )}
      {g && g.items.length > 0 && (
        <Stack gap={4}>
          <GreetingsTable items={g.items.slice(0, 8)} compact />
        </Stack>
      )}
    </CardFrame>
  );
};
