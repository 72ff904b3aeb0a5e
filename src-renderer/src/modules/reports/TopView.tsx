import { BarChart } from '@mantine/charts';
import { Group, Stack } from '@mantine/core';
import { topTables } from '@shared/reports/tables';
import type { TopResult } from '@shared/reports/types';
import { ChartBox, yuanFormatter } from './ChartBox';
import { ReportTables } from './ReportTables';
import { useT } from './useT';

/** Top N: customers by sales and salespeople by sales as bars, every ranking as a table. */
export const TopView = ({ data }: { data: TopResult }) => {
  const t = useT();
  const bars = (rows: { name: string; value: number }[]) => rows.map((r) => ({ name: r.name, value: r.value / 100 }));
  return (
    <Stack gap="md">
      <Group align="flex-start" gap="lg">
        <ChartBox title={t('reports.top.customersBySales', { n: data.n })} testId="chart-top-customers">
          <BarChart
            h={Math.max(160, data.customersBySales.length * 26)}
            data={bars(data.customersBySales)}
            dataKey="name"
            orientation="vertical"
            yAxisProps={{ width: 200, interval: 0 }}
            series={[{ name: 'value', label: t('reports.col.sales'), color: 'blue.6' }]}
            valueFormatter={yuanFormatter}
          />
        </ChartBox>
        <ChartBox title={t('reports.top.salesBySales')} width={360} testId="chart-top-sales">
          <BarChart
            h={Math.max(160, data.salesBySales.length * 30)}
            data={bars(data.salesBySales)}
            dataKey="name"
            orientation="vertical"
            yAxisProps={{ width: 70, interval: 0 }}
            series={[{ name: 'value', label: t('reports.col.sales'), color: 'teal.6' }]}
            valueFormatter={yuanFormatter}
          />
        </ChartBox>
      </Group>
      <ReportTables tables={topTables(t, data)} />
    </Stack>
  );
};
