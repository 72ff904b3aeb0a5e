import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconClock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isLostStatus } from '@shared/customers/enums';
import type { CustomerCard } from '@shared/customers/types';
import { dueSoonColor, overdueColor, tierColor } from '../ui/customerColors';
import { formatDate } from '../ui/format';
import { GradeBadge } from '../ui/GradeBadge';
import { StatusBadge } from '../ui/StatusBadge';
import { TagBadge } from '../ui/TagBadge';
import { useNow } from './useNow';

const DAY = 24 * 60 * 60 * 1000;
/** A follow-up this close is "due soon" (orange). */
const DUE_SOON_DAYS = 3;

const Fact = ({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) => (
  <Group gap={6} wrap="nowrap" data-testid={testId}>
    <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
      {label}
    </Text>
    {children}
  </Group>
);

/** The 7-day first-contact clock after an assignment: days left in orange, overdue in red. */
const FirstContactHint = ({ due }: { due: number | null }) => {
  const { t } = useTranslation();
  if (due === null) return null;
  const overdue = due <= 0;
  const text =
    due > 0
      ? t('customerCard.header.firstContactLeft', { count: due })
      : due === 0
        ? t('customerCard.header.firstContactToday')
        : t('customerCard.header.firstContactOverdue', { count: -due });
  return (
    <Badge
      variant="light"
      color={overdue ? overdueColor : due <= 2 ? dueSoonColor : 'blue'}
      leftSection={overdue ? <IconAlertTriangle size={12} /> : <IconClock size={12} />}
      tt="none"
      fw={500}
      data-testid="first-contact-hint"
    >
      {text}
    </Badge>
  );
};

/** The card's summary: who owns it, where it stands, when it was last and will next be contacted. */
export const CardHeader = ({ card, actions }: { card: CustomerCard; actions: ReactNode }) => {
  const { t } = useTranslation();
  const c = card.customer;
  const now = useNow();
  const followUpColor =
    c.nextFollowUpAt === null ? undefined : c.nextFollowUpAt < now ? overdueColor : c.nextFollowUpAt - now < DUE_SOON_DAYS * DAY ? dueSoonColor : undefined;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
          <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
            <Title order={3} data-testid="customer-name">
              {c.name}
            </Title>
            {c.shortName && (
              <Text c="dimmed" size="sm">
                {c.shortName}
              </Text>
            )}
            <StatusBadge status={c.status} size="md" data-testid="customer-status" />
            <GradeBadge grade={c.grade} size="md" w={26} />
            {c.tier && (
              <Badge variant="outline" color={tierColor[c.tier]} radius="sm" tt="none" fw={500}>
                {t(`customer.tier.${c.tier}`)}
              </Badge>
            )}
            {c.vipLevel ? (
              <Badge variant="filled" color="yellow.7" radius="sm" tt="none">
                {t('customerCard.header.vip', { level: c.vipLevel })}
              </Badge>
            ) : null}
          </Group>
          {actions}
        </Group>
        <Group gap="xl" wrap="wrap" style={{ rowGap: 6 }}>
          <Fact label={t('customerCard.header.owner')} testId="customer-owner">
            {c.owner ? (
              <Text size="sm" fw={500}>
                {c.owner.displayName}
              </Text>
            ) : (
              <Badge variant="outline" color="gray" tt="none" fw={500}>
                {t('customer.pool')}
              </Badge>
            )}
          </Fact>
          <Fact label={t('customerCard.header.lastContact')}>
            <Text size="sm">{c.lastContactAt ? formatDate(c.lastContactAt) : t('common.never')}</Text>
          </Fact>
          <Fact label={t('customerCard.header.nextFollowUp')}>
            <Text size="sm" c={followUpColor} fw={followUpColor ? 600 : undefined}>
              {c.nextFollowUpAt ? formatDate(c.nextFollowUpAt) : t('customerCard.empty')}
            </Text>
          </Fact>
          <Fact label={t('customerCard.header.tags')}>
            {c.tags.length ? (
              <Group gap={4}>
                {c.tags.map((tag) => (
                  <TagBadge key={tag.id} tag={tag} />
                ))}
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                {t('customerCard.header.noTags')}
              </Text>
            )}
          </Fact>
          <FirstContactHint due={card.firstContactDue} />
        </Group>
        {isLostStatus(c.status) && c.lostReason && (
          <Text size="sm" c="red.8">
            {t('customerCard.header.lostReason', { reason: c.lostReason })}
            {c.lostAt ? ` · ${formatDate(c.lostAt)}` : ''}
          </Text>
        )}
      </Stack>
    </Paper>
  );
};
