import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconArrowsJoin2, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DuplicateHit } from '@shared/customers/types';
import { StatusBadge } from '../ui/StatusBadge';

/**
 * Possible duplicates with their owner. A salesperson sees that a customer is
 * taken (已由 张三 负责) even when they may not open it; the link is only there
 * when they may.
 */
export const DuplicateList = ({ hits, onMerge }: { hits: DuplicateHit[]; onMerge?: (hit: DuplicateHit) => void }) => {
  const { t } = useTranslation();
  const sep = t('customerCard.listSeparator');
  return (
    <Stack gap={6}>
      {hits.map((hit) => (
        <Group key={hit.id} gap="sm" wrap="nowrap" data-testid="duplicate-hit">
          {hit.canOpen ? (
            <Anchor component={Link} to={`/customers/${hit.id}`} size="sm" fw={500}>
              {hit.name}
            </Anchor>
          ) : (
            <Group gap={4} wrap="nowrap">
              <IconLock size={14} color="var(--mantine-color-dimmed)" />
              <Text size="sm" fw={500}>
                {hit.name}
              </Text>
            </Group>
          )}
          <StatusBadge status={hit.status} />
          <Badge size="sm" variant="light" color={hit.matchedOn.includes('creditCode') ? 'red' : 'orange'} tt="none" fw={500}>
            {t('customerCard.duplicates.matched', { fields: hit.matchedOn.map((m) => t(`customerCard.duplicates.match.${m}`)).join(sep) })}
          </Badge>
          <Text size="sm" c={hit.owner ? 'dark.6' : 'dimmed'} data-testid="duplicate-owner">
            {hit.owner ? t('customerCard.duplicates.ownedBy', { owner: hit.owner.displayName }) : t('customerCard.duplicates.inPool')}
          </Text>
          {onMerge && hit.canOpen && (
            <Button size="compact-xs" variant="light" color="orange" leftSection={<IconArrowsJoin2 size={12} />} onClick={() => onMerge(hit)}>
              {t('customerCard.duplicates.merge')}
            </Button>
          )}
        </Group>
      ))}
    </Stack>
  );
};
