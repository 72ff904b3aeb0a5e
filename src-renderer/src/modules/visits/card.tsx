import { Anchor, Badge, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconFileDescription, IconRoute } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CardExtension, CardProps } from '../customer-card/extensions';
import { useChannelQuery } from '../api/hooks';
import { useNow } from '../customer-card/useNow';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../ui/format';
import { QueryRows } from '../ui/QueryRows';
import { MinutesTable, VisitTable } from './RecordTables';

/** The summary strip: 第 N 次拜访 against the development target, last and next visit. */
const VisitSummary = ({ card }: CardProps) => {
  const { t } = useTranslation();
  const summary = useChannelQuery('visits.customerSummary', { customerId: card.customer.id });
  if (summary.error) return <ErrorAlert error={summary.error} />;
  const s = summary.data;
  if (!s) return null;
  const reached = s.doneCount >= s.target;
  return (
    <Paper withBorder px="sm" py={6} data-testid="visit-summary">
      <Group gap="md" wrap="wrap">
        <Group gap={6}>
          <IconRoute size={16} />
          <Text size="sm" fw={600} data-testid="visit-count">
            {s.doneCount > 0 ? t('visits.card.visitCount', { count: s.doneCount }) : t('visits.card.visitNone')}
          </Text>
          <Text size="sm" c="dimmed">
            / {t('visits.card.target', { target: s.target })}
          </Text>
        </Group>
        <Progress value={Math.min(100, (s.doneCount / s.target) * 100)} w={120} size="sm" color={reached ? 'green' : 'blue'} />
        {reached && (
          <Badge size="sm" color="green" variant="light" tt="none">
            {t('visits.card.reached')}
          </Badge>
        )}
        {s.lastDoneAt !== null && (
          <Text size="sm" c="dimmed">
            {t('visits.card.lastVisit', { date: formatDate(s.lastDoneAt) })}
          </Text>
        )}
        {s.next && (
          <Anchor component={Link} to={`/visits/${s.next.id}`} size="sm">
            {t('visits.card.nextVisit', { date: formatDateTime(s.next.plannedAt), status: t(`visits.status.${s.next.status}`) })}
          </Anchor>
        )}
      </Group>
    </Paper>
  );
};

const PlanButton = (props: CardProps) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // Its owner or a manager, while it is live (the card's can flags: the main process's policy).
  if (!props.card.can.planVisit) return null;
  return (
    <Button size="xs" variant="light" leftSection={<IconRoute size={14} />} onClick={() => void navigate(`/visits/new?customerId=${props.card.customer.id}`)}>
      {t('visits.card.planVisit')}
    </Button>
  );
};

const TabLabel = () => {
  const { t } = useTranslation();
  return <>{t('visits.card.tab')}</>;
};

/** The card tab: this customer's visits (all, newest first) and minutes. */
const VisitsPanel = (props: CardProps) => {
  const { t } = useTranslation();
  const id = props.card.customer.id;
  // Ten years back and two ahead covers every plan a person would look for here.
  const now = useNow();
  const visits = useChannelQuery('visits.list', { customerId: id, from: now - 3650 * 86_400_000, to: now + 730 * 86_400_000 });
  const minutes = useChannelQuery('minutes.list', { customerId: id });
  return (
    <Stack gap="md">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{t('visits.card.visits')}</Text>
          <PlanButton {...props} />
        </Group>
        <QueryRows error={visits.error} rows={visits.data} empty={t('visits.card.noVisits')}>
          {(rows) => <VisitTable rows={[...rows].reverse()} columns={['formNo', 'plannedAt', 'salesperson', 'purpose', 'visitNo', 'status']} testId="card-visits" />}
        </QueryRows>
      </Stack>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{t('visits.card.minutes')}</Text>
          {props.card.can.writeMinutes && (
            <Button size="xs" variant="light" leftSection={<IconFileDescription size={14} />} component={Link} to={`/minutes/new?customerId=${id}`}>
              {t('visits.card.writeMinutes')}
            </Button>
          )}
        </Group>
        <QueryRows error={minutes.error} rows={minutes.data} empty={t('visits.card.noMinutes')}>
          {(rows) => <MinutesTable rows={rows} columns={['formNo', 'meetingDate', 'title', 'dueDate', 'status']} testId="card-minutes" />}
        </QueryRows>
      </Stack>
    </Stack>
  );
};

/** This capability's additions to the customer card (tabs, summary strip, action buttons). */
export const visitCard: CardExtension = {
  summary: [VisitSummary],
  actions: [PlanButton],
  tabs: [{ value: 'visits', label: TabLabel, panel: VisitsPanel }],
};
