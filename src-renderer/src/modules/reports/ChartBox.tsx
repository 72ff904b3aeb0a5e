import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './Reports.module.css';

/** A titled chart of a fixed width that fits the A4 printout too (180 mm ≈ 680 px). */
export const ChartBox = ({ title, width = 640, children, testId }: { title: string; width?: number; children: ReactNode; testId?: string }) => (
  <Stack gap={4} className={classes.section} w={width} maw="100%" data-testid={testId ?? 'report-chart'}>
    <Text fw={600} size="sm">
      {title}
    </Text>
    {children}
  </Stack>
);

export const yuanFormatter = (v: number): string => `¥${v.toLocaleString('zh-CN', { maximumFractionDigits: 0 })}`;
export const countFormatter = (v: number): string => v.toLocaleString('zh-CN');
/** The value axis of a chart of counts: whole numbers only (no 0.25, 0.5, 0.75 ticks for small counts). */
export const countAxis = { allowDecimals: false } as const;
