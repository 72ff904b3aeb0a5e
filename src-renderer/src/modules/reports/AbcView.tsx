import { BarChart, LineChart } from '@mantine/charts';
import { Group, Stack, Text } from '@mantine/core';
import type { ReportFilter } from '@shared/reports/schemas';
import { abcTables, formatFen, formatPercent } from '@shared/reports/tables';
import type { AbcResult } from '@shared/reports/types';
import { ChartBox, yuanFormatter } from './ChartBox';
import { ReportTables } from './ReportTables';
import { useT } from './useT';


/** ABC / Pareto: the cumulative share of sales by customer rank against the 80 % line, sales by grade, the tables. */
export const AbcView = ({ data }: { data: AbcResult; filter: ReportFilter }) => {
  const t = useT();
  const a = data.grades.find((g) => g.grade === 'A')!;
  return (
    <Stack gap="md">
      <Text size="sm" data-testid="report-summary">
        {t('reports.abc.summary', { total: formatFen(data.total), count: data.customerCount, a: a.count, aShare: formatPercent(a.share) })}
      </Text>
      <Text size="xs" c="dimmed" data-testid="abc-period-note">
        {t('orders.card.abcReportNote')}
      </Text>
      <Group align="flex-start" gap="lg">
        <ChartBox title={t('reports.abc.chartTitle')} testId="chart-pareto">
          <LineChart
            h={240}
            data={data.curve.map((p) => ({ x: formatPercent(p.customerShare), share: Math.round(p.salesShare * 1000) / 10 }))}
            dataKey="x"
            series={[{ name: 'share', label: t('reports.abc.salesShare'), color: 'violet.6' }]}
            curveType="linear"
            withDots={false}
            yAxisProps={{ domain: [0, 100] }}
            xAxisLabel={t('reports.abc.customerAxis')}
            valueFormatter={(v) => `${v}%`}
            referenceLines={[{ y: 80, label: t('reports.abc.line80'), color: 'red.6' }]}
          />
        </ChartBox>
        <ChartBox title={t('reports.abc.gradeChartTitle')} width={300} testId="chart-grades">
          <BarChart
            h={240}
            data={data.grades.map((g) => ({ grade: g.grade, amount: g.amount / 100 }))}
            dataKey="grade"
            yAxisProps={{ width: 90 }}
            series={[{ name: 'amount', label: t('reports.col.sales'), color: 'violet.6' }]}
            valueFormatter={yuanFormatter}
            withBarValueLabel
          />
        </ChartBox>
      </Group>
      <ReportTables tables={abcTables(t, data)} />
    </Stack>
  );
};
