import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerStatus } from '@shared/customers/enums';
import { statusColor } from './customerColors';

/** A customer's lifecycle status (潜在 → 忠诚, 流失), in its consistent colour. */
export const StatusBadge = ({ status, ...props }: { status: CustomerStatus } & Omit<BadgeProps, 'children' | 'color'>) => {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={statusColor[status]} radius="sm" size="sm" tt="none" fw={500} {...props}>
      {t(`customer.status.${status}`)}
    </Badge>
  );
};
