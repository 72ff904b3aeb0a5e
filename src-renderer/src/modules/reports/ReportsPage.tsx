import '@mantine/charts/styles.css';
import { Select, Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { ChannelInput } from '@shared/contract';
import { describeFilter } from '@shared/reports/describeFilter';
import { reportKinds, statDimensions, type ReportFilter, type ReportKind, type StatDimension } from '@shared/reports/schemas';
import type { SessionInfo } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { useDirectory } from '../customer-list/useDirectory';
import { AbcView } from './AbcView';
import { ChurnView } from './ChurnView';
import { ComparisonView } from './ComparisonView';
import { FunnelView } from './FunnelView';
import { ReceivablesView } from './ReceivablesView';
import { ReportFilterBar } from './ReportFilterBar';
import { ReportFrame } from './ReportFrame';
import classes from './Reports.module.css';
import { SalesReportView } from './SalesReportView';
import { ServiceView } from './ServiceView';
import { StatisticsView } from './StatisticsView';
import { TopView } from './TopView';
import { safePeriod, useReportFilter } from './useReportFilter';
import { useT } from './useT';

type BodyProps = { session: SessionInfo; filter: ReportFilter; title: string; filterText: string };

/** One report under the shared filter: its query, its own controls, the frame with export and print. */
const FilterReport = ({ kind, ...p }: BodyProps & { kind: Exclude<ReportKind, 'salesReport'> }) => {
  const t = useT();
  const [n, setN] = useState(10);
  const [dim1, setDim1] = useState<StatDimension>('owner');
  const [dim2, setDim2] = useState<StatDimension | null>(null);
  const input = { filter: p.filter };
  // Every query is declared (hooks run unconditionally); only the open report's is enabled. Reports read what
  // other screens write (orders, contacts, visits): recomputed whenever a report is opened, never served stale.
  const on = (k: ReportKind) => ({ enabled: kind === k, staleTime: 0 });
  const abc = useChannelQuery('reports.abc', input, on('abc'));
  const top = useChannelQuery('reports.top', { ...input, n }, on('top'));
  const comparison = useChannelQuery('reports.comparison', input, on('comparison'));
  const statistics = useChannelQuery('reports.statistics', { ...input, dim1, dim2 }, on('statistics'));
  const churn = useChannelQuery('reports.churn', input, on('churn'));
  const funnel = useChannelQuery('reports.funnel', input, on('funnel'));
  const receivables = useChannelQuery('reports.receivables', input, on('receivables'));
  const service = useChannelQuery('reports.service', input, on('service'));
  const q = { abc, top, comparison, statistics, churn, funnel, receivables, service }[kind];
  const exportRequest: ChannelInput<'reports.export'> =
    kind === 'top' ? { report: 'top', filter: p.filter, n } : kind === 'statistics' ? { report: 'statistics', filter: p.filter, dim1, dim2 } : { report: kind, filter: p.filter };
  const dims = statDimensions.map((d) => ({ value: d, label: t(`reports.dim.${d}`) }));
  const controls =
    kind === 'top' ? (
      <Select
        size="xs"
        w={110}
        label={null}
        aria-label={t('reports.top.n')}
        data-testid="top-n"
        allowDeselect={false}
        data={[5, 10, 20, 50].map((x) => ({ value: String(x), label: `${t('reports.top.n')} ${x}` }))}
        value={String(n)}
        onChange={(v) => setN(Number(v ?? 10))}
      />
    ) : kind === 'statistics' ? (
      <>
        <Select size="xs" w={150} aria-label={t('reports.statistics.dim1')} data-testid="stat-dim1" allowDeselect={false} data={dims} value={dim1} onChange={(v) => {
          const d = (v ?? 'owner') as StatDimension;
          setDim1(d);
          if (dim2 === d) setDim2(null);
        }} />
        <Select
          size="xs"
          w={150}
          aria-label={t('reports.statistics.dim2')}
          data-testid="stat-dim2"
          allowDeselect={false}
          data={[{ value: '', label: `${t('reports.statistics.dim2')}：${t('reports.statistics.none')}` }, ...dims.filter((d) => d.value !== dim1)]}
          value={dim2 ?? ''}
          onChange={(v) => setDim2(v ? (v as StatDimension) : null)}
        />
      </>
    ) : undefined;
  return (
    <ReportFrame
      session={p.session}
      title={p.title}
      period={safePeriod(p.filter.period)}
      filterText={p.filterText}
      exportRequest={exportRequest}
      loading={q.isPending}
      error={q.error}
      controls={controls}
    >
      {kind === 'abc' && abc.data && <AbcView data={abc.data} filter={p.filter} />}
      {kind === 'top' && top.data && <TopView data={top.data} />}
      {kind === 'comparison' && comparison.data && <ComparisonView data={comparison.data} />}
      {kind === 'statistics' && statistics.data && <StatisticsView data={statistics.data} />}
      {kind === 'churn' && churn.data && <ChurnView data={churn.data} />}
      {kind === 'funnel' && funnel.data && <FunnelView data={funnel.data} />}
      {kind === 'receivables' && receivables.data && <ReceivablesView data={receivables.data} />}
      {kind === 'service' && service.data && <ServiceView data={service.data} />}
    </ReportFrame>
  );
};

/** 报表: one tab per report; every report but the sales daily report shares the filter bar. */
export const ReportsPage = ({ session }: { session: SessionInfo }) => {
  const t = useT();
  const navigate = useNavigate();
  const params = useParams();
  const kind: ReportKind = reportKinds.includes(params.kind as ReportKind) ? (params.kind as ReportKind) : 'salesReport';
  const { filter, setFilter } = useReportFilter();
  const { users } = useDirectory();
  const period = safePeriod(filter.period);
  const filterText = describeFilter(t, filter, (id) => users.find((u) => u.id === id)?.displayName ?? id);
  return (
    <Stack gap="sm" data-testid="reports-page">
      <Tabs value={kind} onChange={(v) => v && navigate(`/reports/${v}`)} className={classes.noPrint}>
        <Tabs.List>
          {reportKinds.map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`report-tab-${k}`}>
              {t(`reports.kind.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {kind === 'salesReport' ? (
        <SalesReportView session={session} />
      ) : (
        <>
          <div className={classes.noPrint}>
            <ReportFilterBar session={session} filter={filter} onChange={setFilter} />
          </div>
          {period && <FilterReport key={kind} kind={kind} session={session} filter={filter} title={t(`reports.kind.${kind}`)} filterText={filterText} />}
        </>
      )}
    </Stack>
  );
};
