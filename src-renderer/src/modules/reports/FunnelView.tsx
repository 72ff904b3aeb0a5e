import { FunnelChart } from '@mantine/charts';
import { Stack } from '@mantine/core';
import { formatPercent, funnelTables } from '@shared/reports/tables';
import type { FunnelResult } from '@shared/reports/types';
import { ChartBox } from './ChartBox';
import { ReportTables } from './ReportTables';
import { useT } from './useT';

const stageColors = { potential: 'gray.5', target: 'blue.6', first_purchase: 'cyan.6', repeat: 'teal.6', loyal: 'green.7' } as const;

/** Lifecycle funnel: the cohort narrowing from potential to loyal, with the conversion of each step. */
export const FunnelView = ({ data }: { data: FunnelResult }) => {
  const t = useT();
  return (
    <Stack gap="md">
      <ChartBox title={t('reports.funnel.chartTitle')} width={480} testId="chart-funnel">
        <FunnelChart
          size={260}
          withLabels
          labelsPosition="right"
          valueFormatter={(v) => v.toLocaleString('zh-CN')}
          data={data.stages.map((s) => ({
            name: `${t(`customer.status.${s.stage}`)}${s.rate === null ? '' : `（${formatPercent(s.rate)}）`}`,
            value: s.reached,
            color: stageColors[s.stage],
          }))}
        />
      </ChartBox>
      <ReportTables tables={funnelTables(t, data)} />
    </Stack>
  );
};
