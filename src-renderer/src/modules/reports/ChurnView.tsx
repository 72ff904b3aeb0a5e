import { BarChart, DonutChart } from '@mantine/charts';
import { Group, Stack, Text } from '@mantine/core';
import { churnTables } from '@shared/reports/tables';
import type { ChurnResult } from '@shared/reports/types';
import { ChartBox, countFormatter, countAxis } from './ChartBox';
import { ReportTables } from './ReportTables';
import { useT } from './useT';

const PALETTE = ['red.6', 'orange.6', 'yellow.6', 'grape.6', 'pink.6', 'gray.5', 'cyan.6', 'indigo.6'];

/** 流失分析: lost customers by month and by reason, then the tables and the customers at risk now. */
export const ChurnView = ({ data }: { data: ChurnResult }) => {
  const t = useT();
  return (
    <Stack gap="md">
      <Text size="sm" data-testid="report-summary">
        {t('reports.churn.summary', { lost: data.lostTotal, risk: data.atRiskTotal, factor: data.churnFactor })}
      </Text>
      <Group align="flex-start" gap="lg">
        <ChartBox title={t('reports.churn.byMonth')} width={400} testId="chart-churn-month">
          <BarChart
            h={220}
            data={data.byMonth}
            dataKey="month"
            series={[{ name: 'count', label: t('reports.col.customers'), color: 'red.6' }]}
            valueFormatter={countFormatter} yAxisProps={countAxis}
          />
        </ChartBox>
        <ChartBox title={t('reports.churn.byReason')} width={360} testId="chart-churn-reason">
          <Group gap="md" wrap="nowrap">
            <DonutChart
              size={160}
              thickness={28}
              withTooltip
              data={data.byReason.map((r, i) => ({ name: r.reason ?? t('reports.unset'), value: r.count, color: PALETTE[i % PALETTE.length]! }))}
            />
            <Stack gap={2}>
              {data.byReason.map((r) => (
                <Text key={r.reason ?? ''} size="xs">
                  {r.reason ?? t('reports.unset')}：{r.count}
                </Text>
              ))}
            </Stack>
          </Group>
        </ChartBox>
      </Group>
      <ReportTables tables={churnTables(t, data)} />
    </Stack>
  );
};
