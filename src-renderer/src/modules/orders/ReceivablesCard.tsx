import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconCash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useChannelQuery } from '../api/hooks';
import { money } from './shared';

/** 首页: receivables due — what is open and what is overdue, by ageing bucket (sales: their own). Nothing when nothing is open. */
export const ReceivablesCard = () => {
  const { t } = useTranslation();
  const q = useChannelQuery('orders.receivables', { limit: 1 });
  const ageing = q.data?.ageing;
  if (!ageing) return null;
  const open = ageing.reduce((s, a) => s + a.outstanding, 0);
  if (open === 0) return null;
  const overdue = ageing.filter((a) => a.bucket !== 'not_due').reduce((s, a) => s + a.outstanding, 0);
  return (
    <Paper withBorder p="md" data-testid="receivables-card">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap={6}>
            <IconCash size={18} />
            <Text fw={600}>{t('orders.dashboard.title')}</Text>
          </Group>
          <Anchor component={Link} to="/receivables" size="sm">
            {t('orders.actions.viewAll')}
          </Anchor>
        </Group>
        <Text size="sm">{t('orders.dashboard.open', { amount: money(open) })}</Text>
        {overdue > 0 && (
          <Text size="sm" c="red" fw={600}>
            {t('orders.dashboard.overdue', { amount: money(overdue) })}
          </Text>
        )}
        <Group gap={6}>
          {ageing
            .filter((a) => a.count > 0)
            .map((a) => (
              <Badge key={a.bucket} variant="light" color={a.bucket === 'not_due' ? 'gray' : 'red'} tt="none">
                {t(`orders.buckets.${a.bucket}`)} {money(a.outstanding)}
              </Badge>
            ))}
        </Group>
      </Stack>
    </Paper>
  );
};
