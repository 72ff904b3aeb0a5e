import { BarChart } from '@mantine/charts';
import { Stack, Text } from '@mantine/core';
import { dimensionText, statisticsTables } from '@shared/reports/tables';
import type { StatisticsResult } from '@shared/reports/types';
import { ChartBox, countFormatter, countAxis } from './ChartBox';
import { ReportTables } from './ReportTables';
import { useT } from './useT';

const PALETTE = ['blue.6', 'teal.6', 'orange.6', 'violet.6', 'cyan.6', 'pink.6', 'lime.7', 'gray.5'];
const GRADE_COLORS: Record<string, string> = { A: 'violet.6', B: 'blue.6', C: 'gray.6' };
const MAX_BARS = 15;
const MAX_SERIES = 7;

/**
 * Customer statistics: customers by one dimension as bars, or by two as
 * stacked bars (the largest values of the second dimension, the rest as 其他).
 */
export const StatisticsView = ({ data }: { data: StatisticsResult }) => {
  const t = useT();
  const label1 = (v: string | null) => dimensionText(t, data.dim1, v, data.names);
  const totals = new Map<string | null, number>();
  for (const r of data.rows) totals.set(r.v1, (totals.get(r.v1) ?? 0) + r.count);
  const keys1 = [...totals].sort((a, b) => (data.dim1 === 'createdMonth' ? String(a[0]).localeCompare(String(b[0])) : b[1] - a[1])).map(([k]) => k);
  const shown1 = data.dim1 === 'createdMonth' ? keys1.slice(-MAX_BARS * 2) : keys1.slice(0, MAX_BARS);
  let chart;
  if (!data.dim2) {
    chart = (
      <BarChart
        h={260}
        data={shown1.map((k) => ({ name: label1(k), count: totals.get(k) ?? 0 }))}
        dataKey="name"
        series={[{ name: 'count', label: t('reports.col.customers'), color: 'blue.6' }]}
        valueFormatter={countFormatter} yAxisProps={countAxis}
        withBarValueLabel
      />
    );
  } else {
    const dim2 = data.dim2;
    const totals2 = new Map<string | null, number>();
    for (const r of data.rows) totals2.set(r.v2, (totals2.get(r.v2) ?? 0) + r.count);
    const keys2 = [...totals2].sort((a, b) => b[1] - a[1]).map(([k]) => k);
    const shown2 = keys2.slice(0, MAX_SERIES);
    const other = t('reports.other');
    const name2 = (k: string | null) => dimensionText(t, dim2, k, data.names);
    const rows = shown1.map((k1) => {
      const row: Record<string, string | number> = { name: label1(k1) };
      for (const r of data.rows.filter((x) => x.v1 === k1)) {
        const key = shown2.includes(r.v2) ? name2(r.v2) : other;
        row[key] = ((row[key] as number | undefined) ?? 0) + r.count;
      }
      return row;
    });
    // Grades keep their colours from every other screen (A strongest).
    const colorOf = (k: string | null, i: number) => (dim2 === 'grade' ? (GRADE_COLORS[k ?? ''] ?? 'gray.3') : PALETTE[i % PALETTE.length]!);
    const series = shown2.map((k, i) => ({ name: name2(k), color: colorOf(k, i) }));
    if (keys2.length > MAX_SERIES) series.push({ name: other, color: 'gray.4' });
    chart = <BarChart h={280} type="stacked" data={rows} dataKey="name" series={series} withLegend valueFormatter={countFormatter} yAxisProps={countAxis} />;
  }
  return (
    <Stack gap="md">
      <ChartBox title={t('reports.statistics.chartTitle')} width={760} testId="chart-statistics">
        {chart}
      </ChartBox>
      <Text size="xs" c="dimmed">
        {t('reports.statistics.amountNote')}
      </Text>
      <ReportTables tables={statisticsTables(t, data)} />
    </Stack>
  );
};
