import { Anchor, Badge, Group, Stack, Table } from '@mantine/core';
import { IconAlarm, IconGift, IconUserExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SessionInfo } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { DashboardCard } from '../ui/DashboardCard';
import { QueryRows } from '../ui/QueryRows';
import { NotificationSwitch } from './DueTaskNotifier';
import { GreetingsTable } from './GreetingsTable';
import { endOfToday } from './localTime';
import { TaskTable } from './TaskTable';

/** One query for the three cards (react-query shares it); the day boundary is the renderer's local midnight. */
const useDashboard = () => useChannelQuery('activities.dashboard', { endOfToday: endOfToday() }, { refetchInterval: 60_000 });

/** 今日回访任务: my open tasks due today and overdue; each opens its customer. */
export const TasksCard = (_props: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const dash = useDashboard();
  const d = dash.data;
  return (
    <DashboardCard
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
      <QueryRows error={dash.error} rows={d?.tasks} empty={t('activities.dashboard.tasksEmpty')}>
        {(tasks) => <TaskTable tasks={tasks.slice(0, 10)} />}
      </QueryRows>
    </DashboardCard>
  );
};

/** 首次联系逾期: customers assigned over 7 days ago with no contact since (managers: all; sales: their own). */
export const FirstContactsCard = ({ session }: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const dash = useDashboard();
  // Everyone's overdue first contacts (UserCan.seeTeam): with the owner's name.
  const seeTeam = session.user.can.seeTeam;
  return (
    <DashboardCard icon={<IconUserExclamation size={18} color="var(--mantine-color-red-6)" />} title={t('activities.dashboard.firstContactsTitle')} testId="dashboard-first-contacts">
      <QueryRows error={dash.error} rows={dash.data?.overdueFirstContacts} empty={t('activities.dashboard.firstContactsEmpty')}>
        {(rows) => (
          <Table verticalSpacing={4} fz="sm">
            <Table.Tbody>
              {rows.slice(0, 8).map((r) => (
                <Table.Tr key={r.customerId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/customers/${r.customerId}`} size="sm">
                      {r.name}
                    </Anchor>
                  </Table.Td>
                  {seeTeam && <Table.Td>{r.owner?.displayName ?? ''}</Table.Td>}
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
      </QueryRows>
    </DashboardCard>
  );
};

/** 近期关怀: birthdays and holidays in the next days. */
export const GreetingsCard = (_props: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const dash = useDashboard();
  return (
    <DashboardCard
      icon={<IconGift size={18} color="var(--mantine-color-pink-6)" />}
      title={t('activities.dashboard.greetingsTitle')}
      testId="dashboard-greetings"
      extra={
        <Anchor component={Link} to="/follow-ups?tab=greetings" size="sm">
          {t('activities.dashboard.more')}
        </Anchor>
      }
    >
      <QueryRows error={dash.error} rows={dash.data?.greetings.items} empty={t('activities.greetings.empty')}>
        {(items) => (
          <Stack gap={4}>
            <GreetingsTable items={items.slice(0, 8)} compact />
          </Stack>
        )}
      </QueryRows>
    </DashboardCard>
  );
};
