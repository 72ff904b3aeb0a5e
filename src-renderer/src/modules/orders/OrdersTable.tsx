import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OrderListRow } from '@shared/orders/types';
import { money } from './shared';

/** Orders as rows: date, contract, (customer), products, amount, received, outstanding, due date, salesperson. */
export const OrdersTable = ({ rows, showCustomer, onOpen }: { rows: OrderListRow[]; showCustomer: boolean; onOpen: (id: string) => void }) => {
  const { t } = useTranslation();
  const f = (k: string): string => t(`orders.fields.${k}`);
  return (
    <Table.ScrollContainer minWidth={showCustomer ? 1000 : 860}>
      <Table verticalSpacing={6} fz="sm" highlightOnHover data-testid="orders-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={100}>{f('orderDate')}</Table.Th>
            <Table.Th>{f('contractNo')}</Table.Th>
            {showCustomer && <Table.Th>{f('customer')}</Table.Th>}
            <Table.Th>{f('products')}</Table.Th>
            <Table.Th ta="right">{f('amount')}</Table.Th>
            <Table.Th ta="right">{f('received')}</Table.Th>
            <Table.Th ta="right">{f('outstanding')}</Table.Th>
            <Table.Th w={100}>{f('dueDate')}</Table.Th>
            <Table.Th>{f('salesperson')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id} style={{ cursor: 'pointer' }} onClick={() => onOpen(r.id)} data-testid="order-row">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.orderDate}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.contractNo}</Table.Td>
              {showCustomer && (
                <Table.Td>
                  <Anchor component={Link} to={`/customers/${r.customerId}`} size="sm" onClick={(e) => e.stopPropagation()}>
                    {r.customerName}
                  </Anchor>
                </Table.Td>
              )}
              <Table.Td maw={showCustomer ? 240 : 320}>
                <Text size="sm" truncate>
                  {r.products}
                </Text>
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {money(r.amount)}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {money(r.received)}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {r.outstanding > 0 ? money(r.outstanding) : ''}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Stack gap={2} align="flex-start">
                  {r.dueDate}
                  {r.overdueDays > 0 && (
                    <Badge size="xs" color="red" variant="light" tt="none" data-testid="overdue-badge">
                      {t('orders.receivables.overdueDays', { count: r.overdueDays })}
                    </Badge>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.salesperson?.displayName}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};
