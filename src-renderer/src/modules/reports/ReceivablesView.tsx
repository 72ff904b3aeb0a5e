import { BarChart } from '@mantine/charts';
import { Group, Stack, Text } from '@mantine/core';
import { formatFen, receivablesTables } from '@shared/reports/tables';
import { ageingBuckets, type ReceivablesResult } from '@shared/reports/types';
import { ChartBox, yuanFormatter } from './ChartBox';
import { ReportTables } from './ReportTables';
import { useT } from './useT';

/** Not due in green, then overdue from orange to deep red: the office's colours for "how late". */
const bucketColors = { not_due: 'green.6', d1_30: 'yellow.6', d31_60: 'orange.6', d61_90: 'red.5', d90_plus: 'red.8' } as const;

/** Receivables: the ageing of what is owed, overall and per salesperson, then by customer. */
export const ReceivablesView = ({ data }: { data: ReceivablesResult }) => {
  const t = useT();
  const series = ageingBuckets.map((b) => ({ name: b, label: t(`reports.bucket.${b}`), color: bucketColors[b] }));
  const overdue = data.totals.total - data.totals.not_due;
  return (
    <Stack gap="md">
      <Text size="sm" data-testid="report-summary">
        {t('reports.receivables.summary', { date: data.asOf, total: formatFen(data.totals.total), overdue: formatFen(overdue) })}
      </Text>
      <Group align="flex-start" gap="lg">
        <ChartBox title={t('reports.receivables.chartTitle')} width={380} testId="chart-ageing">
          <BarChart
            h={220}
            data={ageingBuckets.map((b) => ({ bucket: t(`reports.bucket.${b}`), amount: data.totals[b] / 100 }))}
            dataKey="bucket"
            series={[{ name: 'amount', label: t('reports.col.receivable'), color: 'orange.6' }]}
            valueFormatter={yuanFormatter}
          />
        </ChartBox>
        <ChartBox title={t('reports.receivables.bySalesperson', { date: data.asOf })} width={420} testId="chart-ageing-sales">
          <BarChart
            h={220}
            type="stacked"
            orientation="vertical"
            yAxisProps={{ width: 70 }}
            data={data.bySalesperson.slice(0, 10).map((p) => ({
              name: p.name ?? t('reports.unset'),
              ...Object.fromEntries(ageingBuckets.map((b) => [b, p[b] / 100])),
            }))}
            dataKey="name"
            series={series}
            valueFormatter={yuanFormatter}
          />
        </ChartBox>
      </Group>
      <ReportTables tables={receivablesTables(t, data)} />
    </Stack>
  );
};
