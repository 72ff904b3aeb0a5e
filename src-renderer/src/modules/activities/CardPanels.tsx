import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Switch, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconMessagePlus, IconPlus, IconStar } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { surveyDimensions } from '@shared/activities/enums';
import type { CardProps } from '../customer-card/extensions';
import { useChannelQuery } from '../api/hooks';
import { QueryRows } from '../ui/QueryRows';
import { formatDate } from '../ui/format';
import { ActivityTable } from './ActivityTable';
import { centeredEmpty } from './centeredEmpty';
import { LogContactDialog } from './LogContactDialog';
import { SurveyForm } from './SurveyForm';
import { TaskForm } from './TaskForm';
import { TaskTable } from './TaskTable';

/** The card's action button 记录联系. */
export const LogContactAction = (props: CardProps) => {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // Sales write only for customers they own; managers for any (the card's can flags: the main process's policy).
  if (!props.card.can.logContact) return null;
  const c = props.card.customer;
  return (
    <>
      <Button size="xs" leftSection={<IconMessagePlus size={14} />} onClick={() => setOpen(true)} data-testid="log-contact">
        {t('activities.log.action')}
      </Button>
      <LogContactDialog opened={open} onClose={() => setOpen(false)} customer={{ id: c.id, name: c.name }} contacts={props.card.contacts} />
    </>
  );
};

export const ActivitiesTabLabel = ({ card }: CardProps) => {
  const { t } = useTranslation();
  const log = useChannelQuery('activities.list', { customerId: card.customer.id, limit: 200 });
  return <>{t('activities.log.tab', { count: log.data?.total ?? 0 })}</>;
};

/** 联系记录 of this customer. */
export const ActivitiesPanel = ({ card }: CardProps) => {
  const { t } = useTranslation();
  const log = useChannelQuery('activities.list', { customerId: card.customer.id, limit: 200 });
  return (
    <Paper withBorder p="md">
      <QueryRows error={log.error} rows={log.data?.rows} empty={t('activities.log.empty')} emptyProps={centeredEmpty}>
        {(rows) => <ActivityTable rows={rows} />}
      </QueryRows>
    </Paper>
  );
};

export const TasksTabLabel = ({ card }: CardProps) => {
  const { t } = useTranslation();
  const tasks = useChannelQuery('activities.listTasks', { customerId: card.customer.id, scope: 'all', status: 'open' });
  return <>{t('activities.tasks.tab', { count: tasks.data?.length ?? 0 })}</>;
};

/** 回访任务 of this customer (open, or all with 显示已完成). */
export const TasksPanel = (props: CardProps) => {
  const { t } = useTranslation();
  const [showDone, setShowDone] = useState(false);
  const [adding, setAdding] = useState(false);
  const tasks = useChannelQuery('activities.listTasks', { customerId: props.card.customer.id, scope: 'all', status: showDone ? 'any' : 'open' });
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Switch size="sm" label={t('activities.tasks.showDone')} checked={showDone} onChange={(e) => setShowDone(e.currentTarget.checked)} />
          {props.card.can.addTask && (
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)} data-testid="task-new">
              {t('activities.tasks.new')}
            </Button>
          )}
        </Group>
        <QueryRows error={tasks.error} rows={tasks.data} empty={t('activities.tasks.empty')} emptyProps={centeredEmpty}>
          {(rows) => <TaskTable tasks={rows} showCustomer={false} showAssignee />}
        </QueryRows>
      </Stack>
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('activities.tasks.new')}>
        {adding && <TaskForm customerId={props.card.customer.id} onDone={() => setAdding(false)} />}
      </Modal>
    </Paper>
  );
};

export const SurveysTabLabel = ({ card }: CardProps) => {
  const { t } = useTranslation();
  const surveys = useChannelQuery('activities.listSurveys', { customerId: card.customer.id });
  return <>{t('activities.surveys.tab', { count: surveys.data?.length ?? 0 })}</>;
};

/** 满意度调查 of this customer, newest first. */
export const SurveysPanel = (props: CardProps) => {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const surveys = useChannelQuery('activities.listSurveys', { customerId: props.card.customer.id });
  // 满意率: the share of all scores that are 4 or 5 (PRODUCT.md §7).
  const scores = (surveys.data ?? []).flatMap((x) => surveyDimensions.map((d) => x[d]));
  const rate = scores.length ? Math.round((scores.filter((v) => v >= 4).length / scores.length) * 100) : null;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="survey-rate">
            {rate !== null ? t('activities.surveys.rate', { rate, count: surveys.data?.length ?? 0 }) : ''}
          </Text>
          {props.card.can.addSurvey && (
            <Button size="xs" leftSection={<IconStar size={14} />} onClick={() => setAdding(true)} data-testid="survey-new">
              {t('activities.surveys.new')}
            </Button>
          )}
        </Group>
        <QueryRows error={surveys.error} rows={surveys.data} empty={t('activities.surveys.empty')} emptyProps={centeredEmpty}>
          {(rows) => (
            <Table verticalSpacing={6} fz="sm" striped data-testid="survey-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('activities.surveys.fields.surveyedAt')}</Table.Th>
                  <Table.Th>{t('activities.surveys.fields.contact')}</Table.Th>
                  {surveyDimensions.map((d) => (
                    <Table.Th key={d}>{t(`activities.surveys.fields.${d}`)}</Table.Th>
                  ))}
                  <Table.Th>{t('activities.surveys.fields.average')}</Table.Th>
                  <Table.Th>{t('activities.surveys.fields.comments')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>{formatDate(s.surveyedAt)}</Table.Td>
                    <Table.Td>{s.contactName ?? ''}</Table.Td>
                    {surveyDimensions.map((d) => (
                      <Table.Td key={d} c={s[d] <= 2 ? 'red' : undefined}>
                        {s[d]}
                      </Table.Td>
                    ))}
                    <Table.Td fw={600}>{s.average.toFixed(1)}</Table.Td>
                    <Table.Td>{s.comments ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryRows>
      </Stack>
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('activities.surveys.title', { name: props.card.customer.name })} size="lg">
        {adding && <SurveyForm customerId={props.card.customer.id} contacts={props.card.contacts} onDone={() => setAdding(false)} />}
      </Modal>
    </Paper>
  );
};

/** A strip under the card's header when the customer has complaints not yet resolved (未解决投诉), linking to the contact log. */
export const OpenComplaintsSummary = ({ card }: CardProps) => {
  const { t } = useTranslation();
  const [, setParams] = useSearchParams();
  const open = useChannelQuery('activities.list', { customerId: card.customer.id, complaintsOnly: true, complaintStatus: 'open', limit: 1 });
  const handling = useChannelQuery('activities.list', { customerId: card.customer.id, complaintsOnly: true, complaintStatus: 'handling', limit: 1 });
  const n = (open.data?.total ?? 0) + (handling.data?.total ?? 0);
  if (n === 0) return null;
  return (
    <Paper withBorder px="sm" py={6} bg="red.0" data-testid="open-complaints">
      <Group gap="xs">
        <IconAlertTriangle size={16} color="var(--mantine-color-red-7)" />
        <Text size="sm" c="red.8" fw={600}>
          {t('activities.complaint.openCount', { count: n })}
        </Text>
        <Badge size="sm" color="red" variant="light">
          {t('activities.complaint.breakdown', { open: open.data?.total ?? 0, handling: handling.data?.total ?? 0 })}
        </Badge>
        <Anchor size="sm" onClick={() => setParams({ tab: 'activities' }, { replace: true })}>
          {t('activities.complaint.show')}
        </Anchor>
      </Group>
    </Paper>
  );
};
