import { ActionIcon, Anchor, Badge, Button, Group, Menu, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconClockPause } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FollowUpTask } from '@shared/activities/types';
import { localDate } from '@shared/dates';
import { useNow } from '../customer-card/useNow';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../ui/format';
import { daysFromToday, fromDateInput } from './localTime';
import { useCompleteTask, useSnoozeTask } from './hooks';

/** Overdue red, due today orange, later plain, done grey (the house colours). */
export const DueBadge = ({ task }: { task: FollowUpTask }) => {
  const { t } = useTranslation();
  if (task.status === 'done') {
    return (
      <Badge size="sm" color="gray" variant="light">
        {t('activities.tasks.status.done')}
      </Badge>
    );
  }
  const days = daysFromToday(task.dueAt);
  if (days < 0) {
    return (
      <Badge size="sm" color="red" variant="light" data-testid="task-overdue">
        {t('activities.tasks.overdue', { days: -days })}
      </Badge>
    );
  }
  if (days === 0) {
    return (
      <Badge size="sm" color="orange" variant="light">
        {t('activities.tasks.dueToday')}
      </Badge>
    );
  }
  return <Text size="sm">{formatDate(task.dueAt)}</Text>;
};

/** 完成 and 推迟 (to 1, 3 or 7 days from today, or a chosen date) for one open task. */
export const TaskActions = ({ task }: { task: FollowUpTask }) => {
  const { t } = useTranslation();
  const complete = useCompleteTask();
  const snooze = useSnoozeTask();
  const [date, setDate] = useState('');
  const now = useNow();
  if (!task.can.complete && !task.can.snooze) return null;
  const moveTo = (dueAt: number | null) => {
    if (dueAt === null) return;
    snooze.mutate({ id: task.id, dueAt }, { onSuccess: (r) => notifications.show({ color: 'blue', message: t('activities.tasks.snoozed', { date: formatDate(r.dueAt) }) }) });
  };
  const inDays = (n: number) => fromDateInput(localDate(now + n * 24 * 60 * 60 * 1000));
  return (
    <Group gap={4} wrap="nowrap">
      {task.can.complete && (
        <Tooltip label={t('activities.tasks.done')}>
          <ActionIcon
            variant="light"
            color="green"
            loading={complete.isPending}
            aria-label={t('activities.tasks.done')}
            data-testid="task-done"
            onClick={() => complete.mutate({ id: task.id }, { onSuccess: () => notifications.show({ color: 'green', message: t('activities.tasks.completed') }) })}
          >
            <IconCheck size={16} />
          </ActionIcon>
        </Tooltip>
      )}
      {task.can.snooze && (
        <Menu position="bottom-end" withinPortal closeOnItemClick>
          <Menu.Target>
            <Tooltip label={t('activities.tasks.snooze')}>
              <ActionIcon variant="light" aria-label={t('activities.tasks.snooze')} loading={snooze.isPending} data-testid="task-snooze">
                <IconClockPause size={16} />
              </ActionIcon>
            </Tooltip>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('activities.tasks.snoozeTitle')}</Menu.Label>
            {[1, 3, 7].map((n) => (
              <Menu.Item key={n} onClick={() => moveTo(inDays(n))} data-testid={`task-snooze-${n}`}>
                {t('activities.tasks.snoozeDays', { days: n })}
              </Menu.Item>
            ))}
            <Menu.Divider />
            <Group gap={4} p={6} wrap="nowrap">
              <TextInput type="date" size="xs" value={date} onChange={(e) => setDate(e.currentTarget.value)} aria-label={t('activities.tasks.snoozeTitle')} />
              <Button size="compact-xs" disabled={!date} onClick={() => moveTo(fromDateInput(date))}>
                {t('common.save')}
              </Button>
            </Group>
          </Menu.Dropdown>
        </Menu>
      )}
      <ErrorAlert error={complete.error ?? snooze.error} p={4} />
    </Group>
  );
};

/** Follow-up tasks, earliest first; each opens its customer. */
export const TaskTable = ({ tasks, showCustomer = true, showAssignee = false }: { tasks: FollowUpTask[]; showCustomer?: boolean; showAssignee?: boolean }) => {
  const { t } = useTranslation();
  return (
    <Table verticalSpacing={6} fz="sm" striped data-testid="task-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={120}>{t('activities.tasks.fields.dueAt')}</Table.Th>
          {showCustomer && <Table.Th>{t('activities.fields.customer')}</Table.Th>}
          <Table.Th>{t('activities.tasks.fields.title')}</Table.Th>
          <Table.Th w={90}>{t('activities.tasks.fields.source')}</Table.Th>
          {showAssignee && <Table.Th w={80}>{t('activities.tasks.fields.assignee')}</Table.Th>}
          <Table.Th w={90}>{t('common.actions')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tasks.map((task) => (
          <Table.Tr key={task.id} data-testid="task-row">
            <Table.Td>
              <Tooltip label={formatDateTime(task.dueAt)}>
                <span>
                  <DueBadge task={task} />
                </span>
              </Tooltip>
            </Table.Td>
            {showCustomer && (
              <Table.Td>
                <Anchor component={Link} to={`/customers/${task.customerId}?tab=tasks`} size="sm">
                  {task.customerName}
                </Anchor>
              </Table.Td>
            )}
            <Table.Td>
              <Text size="sm" td={task.status === 'done' ? 'line-through' : undefined} c={task.status === 'done' ? 'dimmed' : undefined}>
                {task.title}
              </Text>
              {task.notes && (
                <Text size="xs" c="dimmed">
                  {task.notes}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{t(`activities.sources.${task.sourceType}`)}</Table.Td>
            {showAssignee && <Table.Td>{task.assignee.displayName}</Table.Td>}
            <Table.Td>
              <TaskActions task={task} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
};
