import { BarChart, DonutChart } from '@mantine/charts';
import { Group, Stack, Text } from '@mantine/core';
import { formatPercent, serviceTables } from '@shared/reports/tables';
import type { ServiceResult } from '@shared/reports/types';
import { ChartBox, countFormatter, countAxis } from './ChartBox';
import { ReportTables } from './ReportTables';
import { useT } from './useT';

/** Complaints and satisfaction: the satisfaction rate as a ring, complaints per month as bars. */
export const ServiceView = ({ data }: { data: ServiceResult }) => {
  const t = useT();
  const s = data.satisfaction;
  return (
    <Stack gap="md">
      <Group align="flex-start" gap="lg">
        <ChartBox title={t('reports.service.rate')} width={300} testId="chart-satisfaction">
          <DonutChart
            size={160}
            thickness={26}
            chartLabel={formatPercent(s.rate)}
            data={[
              { name: t('reports.col.satisfied'), value: s.satisfied, color: 'teal.6' },
              { name: t('reports.service.notSatisfied'), value: s.scores - s.satisfied, color: 'gray.3' },
            ]}
          />
          <Text size="xs" data-testid="satisfaction-rate">
            {t('reports.service.rateValue', { rate: formatPercent(s.rate) })}
          </Text>
        </ChartBox>
        <ChartBox title={t('reports.service.byMonth')} width={420} testId="chart-complaints">
          <BarChart
            h={200}
            data={data.complaints.byMonth}
            dataKey="month"
            series={[{ name: 'count', label: t('reports.col.complaints'), color: 'red.6' }]}
            valueFormatter={countFormatter} yAxisProps={countAxis}
          />
        </ChartBox>
      </Group>
      <ReportTables tables={serviceTables(t, data)} />
    </Stack>
  );
};
