import { ActionIcon, Badge, Button, Group, Modal, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCash, IconEdit, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isIsoDate } from '@shared/orders/logic';
import type { Order } from '@shared/orders/types';
import type { SessionInfo } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { DangerConfirm } from '../ui/DangerConfirm';
import { ErrorAlert } from '../ui/ErrorAlert';
import { OrderFormModal } from './OrderFormModal';
import { money, todayIso, toFen } from './shared';
import { useAddPayment, useDeleteOrder, useRemovePayment } from './hooks';

/** 登记回款: date and amount, the amount defaulting to what is still open. */
const PaymentForm = ({ order, onDone }: { order: Order; onDone: () => void }) => {
  const { t } = useTranslation();
  const add = useAddPayment();
  const form = useForm<{ paidOn: string; amount: number | string }>({
    mode: 'controlled',
    initialValues: { paidOn: todayIso(), amount: order.outstanding / 100 },
    validate: {
      paidOn: (v) => (isIsoDate(v) ? null : t('validation.date')),
      amount: (v) => (Number(v) > 0 ? null : t('orders.validation.money')),
    },
  });
  return (
    <form
      onSubmit={form.onSubmit((v) =>
        add.mutate({ orderId: order.id, paidOn: v.paidOn, amount: toFen(v.amount) }, { onSuccess: () => (notifications.show({ color: 'green', message: t('orders.saved') }), onDone()) }),
      )}
    >
      <Stack gap="xs">
        <Group align="flex-end" grow>
          <TextInput type="date" label={t('orders.fields.paidOn')} {...form.getInputProps('paidOn')} data-testid="payment-date" />
          <NumberInput
            label={t('orders.fields.paymentAmount')}
            min={0}
            decimalScale={2}
            thousandSeparator=","
            description={t('orders.payment.outstanding', { amount: money(order.outstanding) })}
            {...form.getInputProps('amount')}
            data-testid="payment-amount"
          />
        </Group>
        <ErrorAlert error={add.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('orders.actions.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending} data-testid="payment-save">
            {t('orders.actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

type Mode = 'view' | 'edit' | 'pay' | 'delete' | { removePayment: string };

/** One order: its figures, lines and payments, with edit / delete / record payment as the order's `can` flags allow (the main process's policy). */
export const OrderDetailModal = ({ orderId, session, onClose }: { orderId: string; session: SessionInfo; onClose: () => void }) => {
  const { t } = useTranslation();
  const q = useChannelQuery('orders.get', { id: orderId });
  const [mode, setMode] = useState<Mode>('view');
  const remove = useDeleteOrder();
  const removePayment = useRemovePayment();
  const o = q.data;
  if (o && mode === 'edit') return <OrderFormModal customerId={o.customerId} order={o} session={session} onClose={() => setMode('view')} />;
  const f = (k: string): string => t(`orders.fields.${k}`);
  return (
    <Modal opened onClose={onClose} size="xl" title={o ? `${o.customerName} · ${o.orderDate}${o.contractNo ? ` · ${o.contractNo}` : ''}` : ''}>
      <ErrorAlert error={q.error} />
      {o && (
        <Stack gap="sm" data-testid="order-detail">
          <SimpleGrid cols={4}>
            {(
              [
                ['amount', money(o.amount)],
                ['received', money(o.received)],
                ['outstanding', money(o.outstanding)],
                ['dueDate', o.dueDate],
              ] as const
            ).map(([k, v]) => (
              <Paper key={k} withBorder p="xs">
                <Text size="xs" c="dimmed">
                  {f(k)}
                </Text>
                <Text fw={600} data-testid={`detail-${k}`}>
                  {v}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {f('salesperson')}：{o.salesperson?.displayName ?? '—'}
            </Text>
            {o.overdueDays > 0 && (
              <Badge color="red" variant="light" tt="none">
                {t('orders.receivables.overdueDays', { count: o.overdueDays })}
              </Badge>
            )}
          </Group>
          <Table verticalSpacing={4} fz="sm" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{f('product')}</Table.Th>
                <Table.Th ta="right">{f('quantity')}</Table.Th>
                <Table.Th ta="right">{f('unitPrice')}</Table.Th>
                <Table.Th ta="right">{f('lineAmount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.lines.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>{l.product}</Table.Td>
                  <Table.Td ta="right">{l.quantity}</Table.Td>
                  <Table.Td ta="right">{money(l.unitPrice)}</Table.Td>
                  <Table.Td ta="right">{money(l.amount)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {o.notes && (
            <Text size="sm">
              {f('notes')}：{o.notes}
            </Text>
          )}
          <Group justify="space-between">
            <Text fw={600} size="sm">
              {t('orders.payment.heading')}
            </Text>
            {o.can.addPayment && mode !== 'pay' && (
              <Button size="xs" leftSection={<IconCash size={14} />} onClick={() => setMode('pay')} data-testid="add-payment">
                {t('orders.actions.addPayment')}
              </Button>
            )}
          </Group>
          {mode === 'pay' && <PaymentForm order={o} onDone={() => setMode('view')} />}
          {o.payments.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('orders.payment.none')}
            </Text>
          ) : (
            <Table verticalSpacing={4} fz="sm" data-testid="payments-table">
              <Table.Tbody>
                {o.payments.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.paidOn}</Table.Td>
                    <Table.Td ta="right">{money(p.amount)}</Table.Td>
                    <Table.Td c="dimmed">{p.createdBy ? t('orders.payment.by', { name: p.createdBy.displayName }) : ''}</Table.Td>
                    <Table.Td w={40}>
                      {o.can.removePayment && (
                        <Tooltip label={t('orders.actions.removePayment')}>
                          <ActionIcon variant="subtle" color="red" size="sm" aria-label={t('orders.actions.removePayment')} onClick={() => setMode({ removePayment: p.id })}>
                            <IconTrash size={14} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {typeof mode === 'object' && (
            <DangerConfirm
              text={t('orders.confirm.deletePayment')}
              confirmLabel={t('orders.actions.removePayment')}
              error={removePayment.error}
              pending={removePayment.isPending}
              onCancel={() => setMode('view')}
              onConfirm={() => removePayment.mutate({ id: mode.removePayment }, { onSuccess: () => setMode('view') })}
            />
          )}
          {mode === 'delete' ? (
            <DangerConfirm
              text={t('orders.confirm.deleteOrder', { contractNo: o.contractNo || o.orderDate, amount: money(o.amount) })}
              confirmLabel={t('orders.actions.delete')}
              error={remove.error}
              pending={remove.isPending}
              onCancel={() => setMode('view')}
              onConfirm={() => remove.mutate({ id: o.id }, { onSuccess: () => (notifications.show({ color: 'green', message: t('orders.deleted') }), onClose()) })}
            />
          ) : (
            // Another salesperson's sale is a manager's to change or remove (policy: canChangeSale).
            (o.can.edit || o.can.delete) && (
              <Group justify="flex-end">
                {o.can.delete && (
                  <Button variant="default" color="red" leftSection={<IconTrash size={14} />} onClick={() => setMode('delete')}>
                    {t('orders.actions.delete')}
                  </Button>
                )}
                {o.can.edit && (
                  <Button variant="light" leftSection={<IconEdit size={14} />} onClick={() => setMode('edit')} data-testid="edit-order">
                    {t('orders.actions.edit')}
                  </Button>
                )}
              </Group>
            )
          )}
        </Stack>
      )}
    </Modal>
  );
};
