import { Paper, SimpleGrid, Text } from '@mantine/core';
import classes from './Importer.module.css';
import { formatCount } from '../ui/format';

export type Stat = { key: string; label: string; value: number; color?: string };

/** A row of small counters (office density: a label over a number, no big cards). */
export const StatCards = ({ stats, cols }: { stats: Stat[]; cols: number }) => (
  <SimpleGrid cols={cols} spacing="xs">
    {stats.map((s) => (
      <Paper key={s.key} withBorder className={classes.stat} data-testid={`import-stat-${s.key}`} title={s.label}>
        <Text size="xs" c="dimmed" lineClamp={2}>
          {s.label}
        </Text>
        <Text size="lg" fw={700} c={s.value > 0 ? s.color : undefined}>
          {formatCount(s.value)}
        </Text>
      </Paper>
    ))}
  </SimpleGrid>
);
