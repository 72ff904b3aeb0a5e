import { BarChart, DonutChart } from '@mantine/charts';
import { ColorSwatch, Group, Stack, Text } from '@mantine/core';
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
          <Group gap="md" wrap="nowrap">
            <DonutChart
              size={160}
              thickness={28}
              withTooltip={false}
              data={ageingBuckets.map((b) => ({ name: t(`reports.bucket.${b}`), value: data.totals[b] / 100, color: bucketColors[b] }))}
            />
            <Stack gap={2}>
              {ageingBuckets.map((b) => (
                <Group key={b} gap={6} wrap="nowrap">
                  <ColorSwatch color={`var(--mantine-color-${bucketColors[b].replace('.', '-')})`} size={10} />
                  <Text size="xs">
                    {t(`reports.bucket.${b}`)}：{formatFen(data.totals[b])}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Group>
        </ChartBox>
        <ChartBox title={t('reports.receivables.bySalesperson', { date: data.asOf })} width={420} testId="chart-ageing-sales">
          <BarChart
            h={260}
            type="stacked"
            orientation="vertical"
            yAxisProps={{ width: 70 }}
            data={data.bySalesperson.slice(0, 10).map((p) => ({
              name: p.name ?? t('reports.unset'),
              ...Object.fromEntries(ageingBuckets.map((b) => [b, p[b] / 100])),
            }))}
            dataKey="name"
            series={series}
            withLegend
            valueFormatter={yuanFormatter}
          />
        </ChartBox>
      </Group>
      <ReportTables tables={receivablesTables(t, data)} />
    </Stack>
  );
};
