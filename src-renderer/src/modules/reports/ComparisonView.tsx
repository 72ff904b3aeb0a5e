import { BarChart } from '@mantine/charts';
import { Group, Stack, Text } from '@mantine/core';
import { comparisonTables } from '@shared/reports/tables';
import type { ComparisonResult } from '@shared/reports/types';
import { ChartBox, countAxis, countFormatter, yuanFormatter } from './ChartBox';
import { ReportTables } from './ReportTables';
import { useT } from './useT';

/** 同比/环比: for each metric, this period next to the previous one and the same period last year. */
export const ComparisonView = ({ data }: { data: ComparisonResult }) => {
  const t = useT();
  const span = (p: { from: string; to: string }) => (p.from === p.to ? p.from : `${p.from}–${p.to}`);
  return (
    <Stack gap="md">
      <Text size="sm" data-testid="report-summary">
        {t('reports.comparison.periods', { cur: span(data.period), prev: span(data.previous), ly: span(data.lastYear) })}
      </Text>
      <Group align="flex-start" gap="md">
        {data.rows.map((m) => {
          const money = m.metric === 'sales';
          const v = (x: number) => (money ? x / 100 : x);
          return (
            <ChartBox key={m.metric} title={t(`reports.metric.${m.metric}`)} width={300} testId={`chart-comparison-${m.metric}`}>
              <BarChart
                h={180}
                data={[
                  { period: t('reports.comparison.current'), value: v(m.current) },
                  { period: t('reports.comparison.previous'), value: v(m.previous) },
                  { period: t('reports.comparison.lastYear'), value: v(m.lastYear) },
                ]}
                dataKey="period"
                series={[{ name: 'value', label: t(`reports.metric.${m.metric}`), color: money ? 'blue.6' : 'teal.6' }]}
                valueFormatter={money ? yuanFormatter : countFormatter}
                // Room for ¥15,000,000 on the axis: the labels were cut at the left edge, on screen and on paper.
                // Counts tick in whole numbers only.
                yAxisProps={{ width: money ? 96 : 48, ...(money ? {} : countAxis) }}
                withBarValueLabel
              />
            </ChartBox>
          );
        })}
      </Group>
      <ReportTables tables={comparisonTables(t, data)} />
    </Stack>
  );
};
