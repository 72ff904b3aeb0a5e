import { Alert, Badge, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FIRST_CONTACT_DAYS } from '@shared/customers/enums';
import { useChannelQuery } from '../api/hooks';
import { overdueColor } from '../ui/customerColors';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate } from '../ui/format';

/**
 * 首次联系超期 (managers): customers assigned more than 7 days ago without a
 * first contact, oldest first. A row opens the customer, where it can be
 * reassigned or returned to the pool.
 */
export const OverdueFirstContacts = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useChannelQuery('customers.overdueFirstContact', {});
  const rows = q.data ?? [];
  return (
    <Stack gap="xs" style={{ flex: 1, minHeight: 0 }}>
      <Alert color="blue" variant="light" icon={<IconInfoCircle size={16} />} py={6}>
        <Text size="sm">{t('customerList.overdue.note', { days: FIRST_CONTACT_DAYS })}</Text>
      </Alert>
      <ErrorAlert error={q.error} />
      <Paper withBorder style={{ flex: 1, minHeight: 0, display: 'flex' }}>
        <ScrollArea style={{ flex: 1 }} type="auto">
          <Table striped highlightOnHover stickyHeader verticalSpacing={6} fz="sm" data-testid="overdue-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('customerList.overdue.customer')}</Table.Th>
                <Table.Th>{t('customerList.overdue.owner')}</Table.Th>
                <Table.Th>{t('customerList.overdue.assignedAt')}</Table.Th>
                <Table.Th>{t('customer.fields.lastContactAt')}</Table.Th>
                <Table.Th ta="right">{t('customerList.overdue.daysOverdue')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.customerId} style={{ cursor: 'pointer' }} onClick={() => void navigate(`/customers/${r.customerId}`)}>
                  <Table.Td c="blue.8" fw={500}>
                    {r.name}
                  </Table.Td>
                  <Table.Td>{r.owner?.displayName}</Table.Td>
                  <Table.Td>{formatDate(r.assignedAt)}</Table.Td>
                  <Table.Td>
                    <Text span size="sm" c="dimmed">
                      {t('customerList.overdue.noContact')}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Badge color={overdueColor} variant="filled" radius="sm" size="sm" tt="none">
                      {t('customerList.overdue.days', { count: r.daysOverdue })}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {q.isSuccess && rows.length === 0 && (
            <Text ta="center" c="dimmed" py="xl">
              {t('customerList.overdue.empty')}
            </Text>
          )}
        </ScrollArea>
      </Paper>
      <Text size="xs" c="dimmed">
        {t('common.total', { count: rows.length })}
        {rows.length >= 1000 ? ` · ${t('customerList.overdue.capped')}` : ''}
      </Text>
    </Stack>
  );
};
