import { BarChart } from '@mantine/charts';
import { Anchor, Button, Group, Paper, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { localDate } from '@shared/dates';
import type { PeriodSpec } from '@shared/reports/period';
import { sells } from '@shared/roles';
import type { SalesReportKind } from '@shared/reports/schemas';
import { salesReportTables } from '@shared/reports/tables';
import type { SalesReport } from '@shared/reports/types';
import type { SessionInfo } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { useDirectory } from '../customer-list/useDirectory';
import { QueryRows } from '../ui/QueryRows';
import { formatDate, formatDateTime } from '../ui/format';
import { useErrorText } from '../ui/useErrorText';
import { ChartBox, countFormatter, countAxis } from './ChartBox';
import { PeriodPicker } from './PeriodPicker';
import { ReportFrame } from './ReportFrame';
import { ReportTableView, ReportTables } from './ReportTables';
import classes from './Reports.module.css';
import { useT } from './useT';
import { useCommentSalesReport, useSaveSalesReport } from './hooks';

const TEAM = 'team';

/** Text written in the report: a textarea for its writer on screen, plain text on paper and for everyone else. */
const Written = ({ label, value, editable, onChange, testId }: { label: string; value: string; editable: boolean; onChange: (v: string) => void; testId: string }) => {
  const t = useT();
  return (
    <Stack gap={4} className={classes.section}>
      <Text fw={600} size="sm">
        {label}
      </Text>
      {editable && (
        <Textarea className={classes.noPrint} autosize minRows={3} maxRows={12} aria-label={label} data-testid={testId} value={value} onChange={(e) => onChange(e.currentTarget.value)} />
      )}
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} className={editable ? classes.printOnly : undefined} c={value ? undefined : 'dimmed'}>
        {value || t('reports.salesReport.notSaved')}
      </Text>
    </Stack>
  );
};

/** The report body, keyed by report so its text fields start from what was saved. */
const ReportBody = ({ data }: { data: SalesReport }) => {
  const t = useT();
  const errorText = useErrorText();
  const [summary, setSummary] = useState(data.summary);
  const [plan, setPlan] = useState(data.plan);
  const [comment, setComment] = useState(data.managerComment ?? '');
  const save = useSaveSalesReport();
  const commentOn = useCommentSalesReport();
  const f = data.figures;
  const team = data.userId === null;
  const chartData = team
    ? data.people.map((p) => ({ name: p.name, activities: p.activities, visits: p.visits, newCustomers: p.newCustomers, orders: p.orders }))
    : [
        { name: t('reports.col.contacts'), value: f.activities },
        { name: t('reports.col.newCustomers'), value: f.newCustomers },
        { name: t('reports.col.visits'), value: f.visits },
        { name: t('reports.col.minutes'), value: f.minutes },
        { name: t('reports.col.orders'), value: f.orders },
      ];
  return (
    <Stack gap="md">
      <ChartBox title={team ? t('reports.salesReport.chartTitle') : t('reports.salesReport.figuresTitle')} testId="chart-sales-report">
        {team ? (
          <BarChart
            h={220}
            data={chartData}
            dataKey="name"
            withLegend
            valueFormatter={countFormatter} yAxisProps={countAxis}
            series={[
              { name: 'activities', label: t('reports.col.contacts'), color: 'blue.6' },
              { name: 'visits', label: t('reports.col.visits'), color: 'teal.6' },
              { name: 'newCustomers', label: t('reports.col.newCustomers'), color: 'orange.6' },
              { name: 'orders', label: t('reports.col.orders'), color: 'violet.6' },
            ]}
          />
        ) : (
          <BarChart h={200} data={chartData} dataKey="name" valueFormatter={countFormatter} yAxisProps={countAxis} withBarValueLabel series={[{ name: 'value', label: t('reports.salesReport.figuresTitle'), color: 'blue.6' }]} />
        )}
      </ChartBox>
      <ReportTables tables={salesReportTables(t, data).slice(0, team ? 2 : 1)} />
      {team ? (
        <Text size="sm" c="dimmed">
          {t('reports.salesReport.teamNote')}
        </Text>
      ) : (
        <Paper withBorder p="sm" className={classes.section}>
          <Stack gap="sm">
            <Written label={t('reports.salesReport.summary')} value={summary} editable={data.canEdit} onChange={setSummary} testId="report-summary-text" />
            <Written label={t('reports.salesReport.plan')} value={plan} editable={data.canEdit} onChange={setPlan} testId="report-plan-text" />
            {data.canEdit && (
              <Group className={classes.noPrint} gap="sm">
                <Button
                  size="xs"
                  loading={save.isPending}
                  onClick={() =>
                    save.mutate(
                      { kind: data.kind, anchor: data.period.from, summary, plan },
                      {
                        onSuccess: () => notifications.show({ color: 'green', message: t('reports.salesReport.saved') }),
                        onError: (e) => notifications.show({ color: 'red', message: errorText(e) }),
                      },
                    )
                  }
                >
                  {t('reports.salesReport.save')}
                </Button>
                {data.savedAt && (
                  <Text size="xs" c="dimmed">
                    {t('reports.salesReport.savedAt', { date: formatDateTime(data.savedAt) })}
                  </Text>
                )}
              </Group>
            )}
            {!data.canEdit && !data.id && (
              <Text size="xs" c="dimmed">
                {t('reports.salesReport.readOnly')}
              </Text>
            )}
            <Stack gap={4}>
              <Text fw={600} size="sm">
                {t('reports.salesReport.comment')}
              </Text>
              {data.managerComment && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="manager-comment">
                  {data.managerComment}
                  <Text span size="xs" c="dimmed" ml="sm">
                    {t('reports.salesReport.commented', { name: data.commentedBy ?? '', date: formatDateTime(data.commentedAt) })}
                  </Text>
                </Text>
              )}
              {data.canComment && (
                <Group className={classes.noPrint} align="flex-end" gap="sm">
                  <Textarea autosize minRows={2} w={480} aria-label={t('reports.salesReport.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
                  <Button
                    size="xs"
                    variant="light"
                    loading={commentOn.isPending}
                    disabled={!comment.trim() || !data.id}
                    onClick={() => commentOn.mutate({ id: data.id!, comment }, { onError: (e) => notifications.show({ color: 'red', message: errorText(e) }) })}
                  >
                    {t('reports.salesReport.commentSave')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Stack>
        </Paper>
      )}
      {/* The last table prints with the signature lines (ReportFrame's tail). */}
      <ReportTables tables={salesReportTables(t, data).slice(team ? 2 : 1, -1)} />
    </Stack>
  );
};

/** 销售日报/周报/月报: pick the kind, day and person (managers: anyone or the team); write, comment, print, export; earlier reports below. */
export const SalesReportView = ({ session }: { session: SessionInfo }) => {
  const t = useT();
  // Other people's and the team's reports (UserCan.seeTeam); a salesperson reads their own.
  const seeTeam = session.user.can.seeTeam;
  const { users } = useDirectory();
  const [kind, setKind] = useState<SalesReportKind>('day');
  const [anchor, setAnchor] = useState(() => localDate(Date.now()));
  const [userId, setUserId] = useState<string | null>(seeTeam ? null : session.user.id);
  const key = { kind, anchor, userId };
  const q = useChannelQuery('reports.salesReport.get', key, { staleTime: 0 });
  const history = useChannelQuery('reports.salesReport.list', { userId: seeTeam ? userId : null, limit: 30 });
  const person = userId ? (users.find((u) => u.id === userId)?.displayName ?? '') : t('reports.salesReport.team');
  const title = `${t('reports.salesReport.title', { kind: t(`reports.salesReport.kinds.${kind}`) })}（${person}）`;
  const spec: PeriodSpec = { kind, anchor };
  return (
    <Stack gap="md">
      <Group gap="xs" className={classes.noPrint} data-testid="sales-report-controls">
        <PeriodPicker
          value={spec}
          kinds={['day', 'week', 'month']}
          onChange={(v) => {
            if (v.kind === 'custom') return;
            setKind(v.kind as SalesReportKind);
            setAnchor(v.anchor);
          }}
        />
        {seeTeam && (
          <Select
            size="xs"
            w={160}
            aria-label={t('reports.salesReport.person')}
            data-testid="sales-report-person"
            allowDeselect={false}
            data={[{ value: TEAM, label: t('reports.salesReport.team') }, ...users.filter((u) => sells(u.role)).map((u) => ({ value: u.id, label: u.displayName }))]}
            value={userId ?? TEAM}
            onChange={(v) => setUserId(!v || v === TEAM ? null : v)}
          />
        )}
      </Group>
      <ReportFrame
        session={session}
        title={title}
        period={q.data?.period ?? null}
        exportRequest={{ report: 'salesReport', key }}
        loading={q.isPending}
        error={q.error}
        // 日报/周报/月报 are signed by the salesperson and the manager.
        signatures={[t('reports.salesReport.signSales'), t('reports.salesReport.signManager')].map((l) => l.replace(/[：:]\s*$/, ''))}
        tail={q.data && <ReportTableView table={salesReportTables(t, q.data).at(-1)!} />}
      >
        {q.data && <ReportBody key={`${q.data.kind}/${q.data.period.from}/${q.data.userId ?? TEAM}/${q.data.savedAt ?? 0}/${q.data.commentedAt ?? 0}`} data={q.data} />}
      </ReportFrame>
      <Stack gap={4} className={classes.noPrint} data-testid="sales-report-history">
        <Text fw={600} size="sm">
          {t('reports.salesReport.history')}
        </Text>
        <QueryRows error={history.error} rows={history.data} empty={t('reports.salesReport.noHistory')}>
          {(rows) => (
            <Table striped withTableBorder className={classes.table} verticalSpacing={4}>
              <Table.Tbody>
                {rows.map((h) => (
                  <Table.Tr key={h.id}>
                    <Table.Td>{t(`reports.salesReport.kinds.${h.kind}`)}</Table.Td>
                    <Table.Td>{h.period.from === h.period.to ? h.period.from : t('reports.period.range', { from: h.period.from, to: h.period.to })}</Table.Td>
                    <Table.Td>{h.userName}</Table.Td>
                    <Table.Td style={{ maxWidth: 360 }}>
                      <Text size="xs" truncate>
                        {h.summary}
                      </Text>
                    </Table.Td>
                    <Table.Td>{h.hasComment ? t('reports.salesReport.comment') : ''}</Table.Td>
                    <Table.Td>{formatDate(h.savedAt)}</Table.Td>
                    <Table.Td>
                      <Anchor
                        size="xs"
                        component="button"
                        onClick={() => {
                          setKind(h.kind);
                          setAnchor(h.period.from);
                          setUserId(h.userId);
                        }}
                      >
                        {t('reports.salesReport.open')}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryRows>
      </Stack>
    </Stack>
  );
};
