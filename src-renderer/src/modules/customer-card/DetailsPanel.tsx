import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@shared/customers/types';
import { regionPathLabel } from '@shared/regions';
import { formatPhone } from '@shared/rules/phone';
import { formatDate, formatDateTime } from '../ui/format';
import { formatMoney } from '../ui/formatMoney';
import { TagBadge } from '../ui/TagBadge';
import { useNow } from './useNow';
import { useUserDirectory } from './useUserDirectory';

const DAY = 24 * 60 * 60 * 1000;

type Item = { key: string; label: string; value: ReactNode; wide?: boolean };

const Field = ({ item }: { item: Item }) => (
  <Group gap="sm" wrap="nowrap" align="flex-start" data-testid={`field-${item.key}`} style={item.wide ? { gridColumn: '1 / -1' } : undefined}>
    <Text size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }}>
      {item.label}
    </Text>
    {typeof item.value === 'string' || item.value === null || item.value === undefined ? (
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', minWidth: 0 }} c={item.value ? undefined : 'dimmed'}>
        {item.value || '—'}
      </Text>
    ) : (
      item.value
    )}
  </Group>
);

const Section = ({ title, children, testId }: { title: string; children: ReactNode; testId: string }) => (
  <Paper withBorder p="md" data-testid={testId}>
    <Title order={5} mb="sm" c="blue.9">
      {title}
    </Title>
    {children}
  </Paper>
);

const Fields = ({ items }: { items: Item[] }) => (
  <SimpleGrid cols={2} spacing="xl" verticalSpacing={8}>
    {items.map((item) => (
      <Field key={item.key} item={item} />
    ))}
  </SimpleGrid>
);

/** The four sections of the office's customer form (PRODUCT.md §2), read-only and dense. */
export const DetailsPanel = ({ customer: c }: { customer: Customer }) => {
  const { t } = useTranslation();
  const { nameOf } = useUserDirectory();
  const now = useNow();
  const f = (key: keyof Customer | string): string => t(`customer.fields.${key}`);
  const basic: Item[] = [
    { key: 'name', label: f('name'), value: c.name },
    { key: 'shortName', label: f('shortName'), value: c.shortName },
    { key: 'creditCode', label: f('creditCode'), value: c.creditCode },
    { key: 'legalRep', label: f('legalRep'), value: c.legalRep },
    { key: 'industry', label: f('industry'), value: c.industry },
    { key: 'staffSize', label: f('staffSize'), value: c.staffSize ? t(`customer.staffSize.${c.staffSize}`) : null },
    { key: 'registeredCapital', label: f('registeredCapital'), value: formatMoney(c.registeredCapital, c.registeredCapitalCurrency) },
    { key: 'foundedOn', label: f('foundedOn'), value: c.foundedOn },
    { key: 'creditRating', label: f('creditRating'), value: c.creditRating },
    { key: 'source', label: f('source'), value: c.source ? t(`customer.source.${c.source}`) : null },
    { key: 'owner', label: f('owner'), value: c.owner?.displayName ?? t('customer.pool') },
    {
      key: 'tags',
      label: f('tags'),
      value: c.tags.length ? (
        <Group gap={4}>
          {c.tags.map((tag) => (
            <TagBadge key={tag.id} tag={tag} />
          ))}
        </Group>
      ) : null,
    },
    { key: 'createdAt', label: f('createdAt'), value: formatDateTime(c.createdAt) },
    { key: 'createdBy', label: f('createdBy'), value: nameOf(c.createdBy) },
    { key: 'description', label: f('description'), value: c.description, wide: true },
  ];
  const address: Item[] = [
    { key: 'region', label: f('region'), value: regionPathLabel(c.provinceCode ?? undefined, c.cityCode ?? undefined, c.districtCode ?? undefined, ' ') },
    { key: 'address', label: f('address'), value: c.address },
    { key: 'phone', label: f('phone'), value: c.phone ? formatPhone(c.phone) : null },
    { key: 'email', label: f('email'), value: c.email },
    { key: 'website', label: f('website'), value: c.website },
  ];
  const financial: Item[] = [
    { key: 'bankName', label: f('bankName'), value: c.bankName },
    { key: 'bankAccount', label: f('bankAccount'), value: c.bankAccount },
    { key: 'taxId', label: f('taxId'), value: c.taxId },
    { key: 'creditStatus', label: f('creditStatus'), value: c.creditStatus },
  ];
  const behaviour: Item[] = [
    { key: 'purchaseHabits', label: f('purchaseHabits'), value: c.purchaseHabits },
    { key: 'purchaseCycle', label: f('purchaseCycle'), value: c.purchaseCycle },
    { key: 'preferences', label: f('preferences'), value: c.preferences },
    { key: 'interests', label: f('interests'), value: c.interests },
    { key: 'notes', label: f('notes'), value: c.notes, wide: true },
    { key: 'lastContactAt', label: f('lastContactAt'), value: c.lastContactAt ? formatDate(c.lastContactAt) : t('common.never') },
    { key: 'nextFollowUpAt', label: f('nextFollowUpAt'), value: formatDate(c.nextFollowUpAt) },
    { key: 'assignedAt', label: f('assignedAt'), value: formatDate(c.assignedAt) },
    { key: 'updatedAt', label: f('updatedAt'), value: formatDateTime(c.updatedAt) },
    {
      key: 'daysSinceUpdate',
      label: f('daysSinceUpdate'),
      value: t('customerCard.details.daysSinceUpdate', { count: Math.max(0, Math.floor((now - c.updatedAt) / DAY)) }),
    },
  ];
  return (
    <Stack gap="sm">
      <Section title={t('customer.sections.basic')} testId="section-basic">
        <Fields items={basic} />
      </Section>
      <Section title={t('customer.sections.address')} testId="section-address">
        <Fields items={address} />
      </Section>
      <Section title={t('customer.sections.financial')} testId="section-financial">
        {c.financialHidden ? (
          <Group gap="xs" c="dimmed" data-testid="financial-hidden">
            <IconLock size={16} />
            <Text size="sm" c="dimmed">
              {t('customerCard.details.financialHidden')}
            </Text>
          </Group>
        ) : (
          <Fields items={financial} />
        )}
      </Section>
      <Section title={t('customer.sections.behaviour')} testId="section-behaviour">
        <Fields items={behaviour} />
      </Section>
    </Stack>
  );
};
