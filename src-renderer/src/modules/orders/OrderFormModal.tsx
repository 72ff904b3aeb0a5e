import { ActionIcon, Autocomplete, Button, Group, Modal, NumberInput, Select, Stack, Table, Text, TextInput, Textarea, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, isIsoDate, lineAmount } from '@shared/orders/logic';
import type { Order } from '@shared/orders/types';
import type { SessionInfo } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { useUserDirectory } from '../customer-card/useUserDirectory';
import { ErrorAlert } from '../ui/ErrorAlert';
import { money, todayIso, toFen } from './shared';
import { useCreateOrder, useUpdateOrder } from './hooks';

type LineValues = { product: string; quantity: number | string; unitPrice: number | string };
type Values = { orderDate: string; dueDate: string; contractNo: string; salespersonId: string | null; notes: string; lines: LineValues[] };

const emptyLine = (): LineValues => ({ product: '', quantity: 1, unitPrice: '' });

/** A product cell: free text with suggestions from earlier orders (no inventory), filling the last price when picked. */
const ProductInput = ({ value, onChange, onPick, error }: { value: string; onChange: (v: string) => void; onPick: (price: number) => void; error?: unknown }) => {
  const { t } = useTranslation();
  const [debounced] = useDebouncedValue(value, 200);
  const suggestions = useChannelQuery('orders.products', { prefix: debounced }, { staleTime: 30_000 });
  const data = [...new Set((suggestions.data ?? []).map((s) => s.product))];
  return (
    <Autocomplete
      size="xs"
      aria-label={t('orders.fields.product')}
      placeholder={t('orders.form.productPlaceholder')}
      value={value}
      data={data}
      onChange={onChange}
      onOptionSubmit={(v) => {
        const hit = suggestions.data?.find((s) => s.product === v);
        if (hit) onPick(hit.lastUnitPrice);
      }}
      error={error as string | undefined}
      data-testid="line-product"
    />
  );
};

/** Create or edit an order: date, contract, salesperson, due date, lines (product, quantity, unit price), notes. */
export const OrderFormModal = ({
  customerId,
  order,
  session,
  onClose,
}: {
  customerId: string;
  order?: Order;
  session: SessionInfo;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const { users } = useUserDirectory();
  const create = useCreateOrder();
  const update = useUpdateOrder();
  const [dueTouched, setDueTouched] = useState(!!order);
  const today = todayIso();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: order
      ? {
          orderDate: order.orderDate,
          dueDate: order.dueDate,
          contractNo: order.contractNo,
          salespersonId: order.salesperson?.id ?? null,
          notes: order.notes ?? '',
          lines: order.lines.map((l) => ({ product: l.product, quantity: l.quantity, unitPrice: l.unitPrice / 100 })),
        }
      : { orderDate: today, dueDate: addDays(today, 30), contractNo: '', salespersonId: null, notes: '', lines: [emptyLine()] },
    validate: {
      orderDate: (v) => (isIsoDate(v) ? null : t('validation.date')),
      dueDate: (v, all) => (!isIsoDate(v) ? t('validation.date') : v < all.orderDate ? t('orders.validation.dueBeforeOrder') : null),
      lines: {
        product: (v) => (v.trim() ? null : t('validation.required')),
        quantity: (v) => (Number(v) > 0 ? null : t('orders.validation.quantity')),
        unitPrice: (v) => (v !== '' && Number(v) >= 0 ? null : t('orders.validation.money')),
      },
    },
  });
  const v = form.getValues();
  const total = v.lines.reduce((s, l) => s + lineAmount(Number(l.quantity) || 0, toFen(l.unitPrice)), 0);
  const mutation = order ? update : create;
  const submit = (values: Values) => {
    const body = {
      orderDate: values.orderDate,
      dueDate: values.dueDate,
      contractNo: values.contractNo,
      notes: values.notes || null,
      lines: values.lines.map((l) => ({ product: l.product.trim(), quantity: Number(l.quantity), unitPrice: toFen(l.unitPrice) })),
      ...(values.salespersonId ? { salespersonId: values.salespersonId } : {}),
    };
    const done = { onSuccess: () => (notifications.show({ color: 'green', message: t('orders.saved') }), onClose()) };
    if (order) update.mutate({ id: order.id, ...body }, done);
    else create.mutate({ customerId, ...body }, done);
  };
  // Crediting the sale to someone else (UserCan.actForOthers); a salesperson's sale is their own.
  const creditOthers = session.user.can.actForOthers;
  return (
    <Modal opened onClose={onClose} size="xl" title={order ? t('orders.form.editTitle') : t('orders.form.createTitle')}>
      <form onSubmit={form.onSubmit(submit)}>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label={t('orders.fields.orderDate')}
              withAsterisk
              {...form.getInputProps('orderDate')}
              onChange={(e) => {
                const d = e.currentTarget.value;
                form.setFieldValue('orderDate', d);
                if (!dueTouched && isIsoDate(d)) form.setFieldValue('dueDate', addDays(d, 30));
              }}
              data-testid="order-date"
            />
            <TextInput label={t('orders.fields.contractNo')} maxLength={60} {...form.getInputProps('contractNo')} data-testid="order-contract" />
            <TextInput
              type="date"
              label={t('orders.fields.dueDate')}
              withAsterisk
              {...form.getInputProps('dueDate')}
              onChange={(e) => {
                setDueTouched(true);
                form.setFieldValue('dueDate', e.currentTarget.value);
              }}
              data-testid="order-due"
            />
            {creditOthers && (
              <Select
                label={t('orders.fields.salesperson')}
                placeholder={t('orders.form.salespersonDefault')}
                clearable
                data={users.filter((u) => u.active !== false).map((u) => ({ value: u.id, label: u.displayName }))}
                {...form.getInputProps('salespersonId')}
              />
            )}
          </Group>
          <Text fw={600} size="sm">
            {t('orders.form.lines')}
          </Text>
          <Table verticalSpacing={4} data-testid="order-lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('orders.fields.product')}</Table.Th>
                <Table.Th w={110}>{t('orders.fields.quantity')}</Table.Th>
                <Table.Th w={140}>{t('orders.fields.unitPrice')}</Table.Th>
                <Table.Th w={130} ta="right">
                  {t('orders.fields.lineAmount')}
                </Table.Th>
                <Table.Th w={40} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {v.lines.map((l, i) => (
                <Table.Tr key={form.key(`lines.${i}`)}>
                  <Table.Td>
                    <ProductInput
                      value={l.product}
                      onChange={(x) => form.setFieldValue(`lines.${i}.product`, x)}
                      onPick={(price) => {
                        if (form.getValues().lines[i]?.unitPrice === '') form.setFieldValue(`lines.${i}.unitPrice`, price / 100);
                      }}
                      error={form.errors[`lines.${i}.product`]}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput size="xs" min={0} decimalScale={3} aria-label={t('orders.fields.quantity')} {...form.getInputProps(`lines.${i}.quantity`)} data-testid="line-quantity" />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      size="xs"
                      min={0}
                      decimalScale={2}
                      thousandSeparator=","
                      aria-label={t('orders.fields.unitPrice')}
                      {...form.getInputProps(`lines.${i}.unitPrice`)}
                      data-testid="line-price"
                    />
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {money(lineAmount(Number(l.quantity) || 0, toFen(l.unitPrice)))}
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={t('orders.actions.removeLine')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="sm"
                        aria-label={t('orders.actions.removeLine')}
                        disabled={v.lines.length === 1}
                        onClick={() => form.removeListItem('lines', i)}
                      >
                        <IconTrash size={14} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="space-between">
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('lines', emptyLine())} data-testid="add-line">
              {t('orders.actions.addLine')}
            </Button>
            <Text fw={700} data-testid="order-total">
              {t('orders.form.total', { amount: money(total) })}
            </Text>
          </Group>
          <Textarea label={t('orders.fields.notes')} autosize minRows={1} maxLength={2000} {...form.getInputProps('notes')} />
          <ErrorAlert error={mutation.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('orders.actions.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="order-save">
              {t('orders.actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
