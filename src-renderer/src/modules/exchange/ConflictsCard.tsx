import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useChannelQuery } from '../api/hooks';

/** On 首页, only while exchange conflicts wait for a person. */
export const ConflictsCard = () => {
  const { t } = useTranslation();
  const status = useChannelQuery('exchange.status', {});
  const pending = status.data?.pendingConflicts ?? 0;
  if (!pending) return null;
  return (
    <Paper withBorder p="md" data-testid="exchange-conflicts-card">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap={6}>
            <IconArrowsExchange size={18} />
            <Text fw={600}>{t('exchange.dashboard.title')}</Text>
          </Group>
          <Anchor component={Link} to="/exchange" size="sm">
            {t('exchange.dashboard.open')}
          </Anchor>
        </Group>
        <Text size="sm" c="orange.8" fw={600}>
          {t('exchange.dashboard.pending', { count: pending })}
        </Text>
      </Stack>
    </Paper>
  );
};
