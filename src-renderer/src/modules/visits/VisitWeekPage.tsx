import { Anchor, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { localTime } from '@shared/dates';
import type { SessionInfo } from '@shared/types';
import type { VisitRow } from '@shared/visits/types';
import { useChannelQuery } from '../api/hooks';
import { useNow } from '../customer-card/useNow';
import { useUserDirectory } from '../customer-card/useUserDirectory';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate } from '../ui/format';
import { addDays, startOfWeek } from './dates';
import { ExportListButton } from './ExportListButton';
import { VisitStatusBadge } from './VisitStatusBadge';
import classes from './VisitWeek.module.css';

const VisitCell = ({ visit, showPerson }: { visit: VisitRow; showPerson: boolean }) => {
  const navigate = useNavigate();
  return (
    <UnstyledButton className={classes.visit} onClick={() => void navigate(`/visits/${visit.id}`)} data-testid="week-visit">
      <Group gap={4} justify="space-between" wrap="nowrap">
        <Text size="xs" fw={600}>
          {localTime(visit.plannedAt)}
        </Text>
        <VisitStatusBadge status={visit.status} />
      </Group>
      <Text size="sm" fw={500} lineClamp={2}>
        {visit.customerName}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={1}>
        {showPerson ? `${visit.salesperson.displayName} · ${visit.purpose}` : visit.purpose}
      </Text>
    </UnstyledButton>
  );
};

/** A-grade customers not visited within the configured gap and with nothing planned. */
const Suggestions = ({ session, salespersonId }: { session: SessionInfo; salespersonId: string | null }) => {
  const { t } = useTranslation();
  const settings = useChannelQuery('visits.settings', {});
  const list = useChannelQuery('visits.suggestions', salespersonId ? { salespersonId } : {});
  const rows = list.data ?? [];
  return (
    <Paper withBorder p="sm" data-testid="visit-suggestions">
      <Group justify="space-between" mb={4}>
        <Text fw={600}>{t('visits.suggestions.title')}</Text>
        <Text size="xs" c="dimmed">
          {t('visits.suggestions.hint', { days: settings.data?.aGradeGapDays ?? '' })}
        </Text>
      </Group>
      <ErrorAlert error={list.error} />
      {list.data && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('visits.suggestions.empty')}
        </Text>
      )}
      {rows.length > 0 && (
        <Table striped>
          <Table.Tbody>
            {rows.map((s) => (
              <Table.Tr key={s.customerId}>
                <Table.Td>
                  <Anchor component={Link} to={`/customers/${s.customerId}`} size="sm">
                    {s.customerName}
                  </Anchor>
                </Table.Td>
                {session.user.can.seeTeam && <Table.Td>{s.owner?.displayName ?? ''}</Table.Td>}
                <Table.Td c={s.daysSince === null ? 'dimmed' : 'orange'}>
                  {s.daysSince === null ? t('visits.suggestions.never') : t('visits.suggestions.daysSince', { count: s.daysSince })}
                </Table.Td>
                <Table.Td w={120}>
                  <Button size="compact-xs" variant="light" component={Link} to={`/visits/new?customerId=${s.customerId}`}>
                    {t('visits.suggestions.plan')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
};

/** /visits — the week view: my planned visits day by day (managers: everyone's, filterable by salesperson). */
export const VisitWeekPage = ({ session }: { session: SessionInfo }) => {
  const { t } = useTranslation();
  // Everyone's visits (UserCan.seeTeam): the salesperson filter and column.
  const seeTeam = session.user.can.seeTeam;
  const now = useNow();
  const [weekStart, setWeekStart] = useState(() => startOfWeek(Date.now()));
  const [salespersonId, setSalespersonId] = useState<string | null>(null);
  const directory = useUserDirectory();
  const weekEnd = addDays(weekStart, 7);
  const query = { from: weekStart, to: weekEnd, ...(seeTeam && salespersonId ? { salespersonId } : {}) };
  const visits = useChannelQuery('visits.list', query);
  const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const today = formatDate(now);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>{seeTeam ? t('visits.week.title') : t('visits.week.mine')}</Title>
        <Button leftSection={<IconPlus size={16} />} component={Link} to="/visits/new">
          {t('visits.week.plan')}
        </Button>
      </Group>
      <Group gap="xs">
        <Button variant="default" size="xs" leftSection={<IconChevronLeft size={14} />} onClick={() => setWeekStart(addDays(weekStart, -7))}>
          {t('visits.week.prev')}
        </Button>
        <Button variant="default" size="xs" onClick={() => setWeekStart(startOfWeek(Date.now()))}>
          {t('visits.week.thisWeek')}
        </Button>
        <Button variant="default" size="xs" rightSection={<IconChevronRight size={14} />} onClick={() => setWeekStart(addDays(weekStart, 7))}>
          {t('visits.week.next')}
        </Button>
        <Text size="sm" fw={500} mr="auto" data-testid="week-range">
          {t('visits.week.range', { from: formatDate(weekStart), to: formatDate(addDays(weekStart, 6)) })}
        </Text>
        {seeTeam && (
          <Select
            size="xs"
            w={180}
            placeholder={t('visits.week.allSalespeople')}
            aria-label={t('visits.week.salesperson')}
            clearable
            data={directory.users.filter((u) => u.active).map((u) => ({ value: u.id, label: u.displayName }))}
            value={salespersonId}
            onChange={setSalespersonId}
            data-testid="week-salesperson"
          />
        )}
        <ExportListButton channel="visits.export" input={query} />
      </Group>
      <ErrorAlert error={visits.error} />
      <SimpleGrid cols={7} spacing={6}>
        {days.map((day, i) => {
          const rows = (visits.data ?? []).filter((v) => v.plannedAt >= day && v.plannedAt < addDays(day, 1));
          const isToday = formatDate(day) === today;
          return (
            <Paper key={day} withBorder p={6} className={classes.day} data-today={isToday || undefined}>
              <Text size="xs" fw={600} c={isToday ? 'blue' : 'dimmed'} mb={4}>
                {`${t(`visits.week.weekdays.d${i}`)} ${formatDate(day).slice(5)}`}
              </Text>
              <Stack gap={6}>
                {rows.map((v) => (
                  <VisitCell key={v.id} visit={v} showPerson={seeTeam} />
                ))}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
      {visits.data && visits.data.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('visits.week.empty')}
        </Text>
      )}
      <Suggestions session={session} salespersonId={seeTeam ? salespersonId : null} />
    </Stack>
  );
};
