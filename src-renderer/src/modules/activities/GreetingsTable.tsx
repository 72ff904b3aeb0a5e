import { Anchor, Badge, Table, Text, Tooltip } from '@mantine/core';
import { IconCake, IconConfetti } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Greeting } from '@shared/activities/types';
import { formatPhone } from '@shared/rules/phone';
import { Link } from 'react-router';

/** What the greeting is for: a holiday's name, 生日, or 农历生日（腊月廿九）. */
export const useOccasion = () => {
  const { t, i18n } = useTranslation();
  return (g: Greeting): string => {
    if (g.kind === 'holiday') return t(`activities.holidays.${g.holiday}`);
    if (!g.lunar) return t('activities.greetings.birthday');
    // The lunar label is Chinese by nature; English shows the stored month-day instead.
    const label = i18n.language.startsWith('zh') ? g.lunarLabel : g.birthday?.slice(-5);
    return t('activities.greetings.lunarBirthday', { label });
  };
};

export const WhenBadge = ({ g }: { g: Greeting }) => {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={g.daysAway === 0 ? 'orange' : 'blue'}>
      {g.daysAway === 0 ? t('activities.greetings.today') : t('activities.greetings.inDays', { days: g.daysAway })}
    </Badge>
  );
};

/** The greeting list: date, occasion, the contact with phone and address, the customer. */
export const GreetingsTable = ({ items, compact = false }: { items: Greeting[]; compact?: boolean }) => {
  const { t } = useTranslation();
  const occasion = useOccasion();
  const c = (key: string) => t(`activities.greetings.columns.${key}`);
  return (
    <Table verticalSpacing={6} fz="sm" striped data-testid="greetings-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={150}>{c('date')}</Table.Th>
          <Table.Th>{c('occasion')}</Table.Th>
          <Table.Th>{c('contact')}</Table.Th>
          <Table.Th>{c('customer')}</Table.Th>
          <Table.Th>{c('phone')}</Table.Th>
          {!compact && <Table.Th>{c('address')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((g) => (
          <Table.Tr key={`${g.kind}-${g.holiday ?? g.contactId}-${g.date}`} data-testid="greeting-row">
            <Table.Td>
              <Text size="sm" span mr={6}>
                {g.date}
              </Text>
              <WhenBadge g={g} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" span c={g.kind === 'holiday' ? 'red.7' : undefined} fw={g.kind === 'holiday' ? 600 : undefined}>
                {g.kind === 'holiday' ? <IconConfetti size={14} style={{ verticalAlign: -2, marginRight: 4 }} /> : <IconCake size={14} style={{ verticalAlign: -2, marginRight: 4 }} />}
                {occasion(g)}
              </Text>
              {g.shifted && (
                <Tooltip label={t('activities.greetings.shifted')}>
                  <Badge size="xs" ml={4} variant="outline" color="gray">
                    *
                  </Badge>
                </Tooltip>
              )}
            </Table.Td>
            <Table.Td>
              {g.contactName ?? ''}
              {g.contactTitle && (
                <Text size="xs" c="dimmed" span ml={4}>
                  {g.contactTitle}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {g.customerId && (
                <Anchor component={Link} to={`/customers/${g.customerId}?tab=contacts`} size="sm">
                  {g.customerName}
                </Anchor>
              )}
            </Table.Td>
            <Table.Td>{g.phone ? formatPhone(g.phone) : ''}</Table.Td>
            {!compact && <Table.Td>{g.address ?? ''}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
};
