import { Box, Group, Stack, Text } from '@mantine/core';
import { formatPercent, funnelTables } from '@shared/reports/tables';
import type { FunnelResult } from '@shared/reports/types';
import { ChartBox } from './ChartBox';
import { ReportTables } from './ReportTables';
import { useT } from './useT';

const stageColors = { potential: 'gray.5', target: 'blue.6', first_purchase: 'cyan.6', repeat: 'teal.6', loyal: 'green.7' } as const;

/**
 * Lifecycle funnel: one centred bar per stage, as wide as the customers who reached it, with the
 * stage's name beside it and its count and step conversion after it. (A drawn funnel became one
 * grey wedge with floating numbers when nearly everyone is still a potential customer.)
 */
export const FunnelView = ({ data }: { data: FunnelResult }) => {
  const t = useT();
  const widest = Math.max(1, ...data.stages.map((s) => s.reached));
  return (
    <Stack gap="md">
      <ChartBox title={t('reports.funnel.chartTitle')} width={560} testId="chart-funnel">
        <Stack gap={6}>
          {data.stages.map((s) => (
            <Group key={s.stage} gap="sm" wrap="nowrap" data-testid={`funnel-stage-${s.stage}`}>
              <Text size="sm" w={72} ta="right">
                {t(`customer.status.${s.stage}`)}
              </Text>
              <Box style={{ flex: 1 }}>
                <Box
                  h={22}
                  bg={stageColors[s.stage]}
                  mx="auto"
                  w={`${Math.max(1.5, (s.reached / widest) * 100)}%`}
                  style={{ borderRadius: 4, printColorAdjust: 'exact', WebkitPrintColorAdjust: 'exact' }}
                />
              </Box>
              <Text size="sm" w={130}>
                {s.reached.toLocaleString('zh-CN')}
                {s.rate === null ? '' : `（${formatPercent(s.rate)}）`}
              </Text>
            </Group>
          ))}
        </Stack>
      </ChartBox>
      <ReportTables tables={funnelTables(t, data)} />
    </Stack>
  );
};
