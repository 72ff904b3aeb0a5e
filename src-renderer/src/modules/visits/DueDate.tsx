import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MinutesRow } from '@shared/visits/types';
import { dueSoonColor, overdueColor } from '../ui/customerColors';

/** The due date in red when overdue, orange when due today (STYLE.md colours). */
export const DueDate = ({ row }: { row: Pick<MinutesRow, 'dueDate' | 'overdue' | 'dueToday'> }) => {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c={row.overdue ? overdueColor : row.dueToday ? dueSoonColor : undefined} fw={row.overdue ? 600 : undefined}>
        {row.dueDate}
      </Text>
      {row.overdue && (
        <Badge size="xs" color={overdueColor} tt="none" data-testid="minutes-overdue">
          {t('visits.minutes.overdue')}
        </Badge>
      )}
      {row.dueToday && (
        <Badge size="xs" color={dueSoonColor} tt="none">
          {t('visits.minutes.dueToday')}
        </Badge>
      )}
    </Group>
  );
};
