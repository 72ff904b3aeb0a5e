import { ActionIcon, Group, SegmentedControl, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { addDays, periodContaining, previousPeriod, type PeriodKind, type PeriodSpec } from '@shared/reports/period';
import { DateText } from './DateText';
import { safePeriod } from './useReportFilter';

type Props = { value: PeriodSpec; onChange: (v: PeriodSpec) => void; kinds?: readonly PeriodKind[] };

const ALL: readonly PeriodKind[] = ['day', 'week', 'month', 'quarter', 'year', 'custom'];

/** Day/week/month/quarter/year/custom, a date inside it, and arrows to the previous and next period. */
export const PeriodPicker = ({ value, onChange, kinds = ALL }: Props) => {
  const { t } = useTranslation();
  const period = safePeriod(value);
  const setKind = (kind: PeriodKind) => {
    const base = period ?? { from: 'anchor' in value ? value.anchor : value.from, to: 'anchor' in value ? value.anchor : value.to };
    onChange(kind === 'custom' ? { kind, from: base.from, to: base.to } : { kind, anchor: base.from });
  };
  const step = (dir: -1 | 1) => {
    if (!period) return;
    if (dir === -1) {
      const p = previousPeriod(period);
      onChange(value.kind === 'custom' ? { kind: 'custom', from: p.from, to: p.to } : { kind: value.kind, anchor: p.from });
    } else if (value.kind === 'custom') {
      const n = Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000) + 1;
      onChange({ kind: 'custom', from: addDays(period.from, n), to: addDays(period.to, n) });
    } else {
      onChange({ kind: value.kind, anchor: periodContaining(value.kind, addDays(period.to, 1)).from });
    }
  };
  return (
    <Group gap="xs" wrap="nowrap" data-testid="period-picker">
      <SegmentedControl
        size="xs"
        value={value.kind}
        onChange={(v) => setKind(v as PeriodKind)}
        data={kinds.map((k) => ({ value: k, label: t(`reports.period.kinds.${k}`) }))}
      />
      <ActionIcon variant="default" size="sm" aria-label={t('reports.period.previous')} onClick={() => step(-1)}>
        <IconChevronLeft size={14} />
      </ActionIcon>
      {value.kind === 'custom' ? (
        <>
          <DateText label={t('reports.period.from')} value={value.from} onChange={(from) => onChange({ ...value, from })} />
          <Text size="xs">–</Text>
          <DateText label={t('reports.period.to')} value={value.to} onChange={(to) => onChange({ ...value, to })} />
        </>
      ) : (
        <DateText label={t('reports.period.anchor')} value={value.anchor} onChange={(anchor) => onChange({ kind: value.kind, anchor })} />
      )}
      <ActionIcon variant="default" size="sm" aria-label={t('reports.period.next')} onClick={() => step(1)}>
        <IconChevronRight size={14} />
      </ActionIcon>
      {period && (
        <Text size="xs" c="dimmed" data-testid="period-range">
          {t('reports.period.range', { from: period.from, to: period.to })}
        </Text>
      )}
    </Group>
  );
};
