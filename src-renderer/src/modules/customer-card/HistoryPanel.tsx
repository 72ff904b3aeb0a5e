import { Badge, Button, Center, Group, Loader, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRestore } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { financialFields } from '@shared/customers/enums';
import type { Customer, CustomerVersion } from '@shared/customers/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { useFieldText } from './useFieldText';
import { useRestoreCustomerVersion } from '../customer-list/hooks';

/** Bookkeeping columns a person does not edit; their changes are told by the fields they accompany. */
const internal = new Set(['id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'nameKey', 'mergedInto', 'deletedBy', 'assignedAt']);
const hiddenWhenFinancialHidden = new Set<string>(financialFields);

const Change = ({ field, before, after, hidden }: { field: string; before: unknown; after: unknown; hidden: boolean }) => {
  const { t } = useTranslation();
  const { label, value } = useFieldText();
  const show = (v: unknown): string => (hidden ? t('customerCard.hiddenValue') : value(field, v) || t('customerCard.emptyValue'));
  return (
    <Text size="sm" data-testid={`change-${field}`}>
      <Text span fw={500} size="sm">
        {label(field)}
      </Text>
      {t('customerCard.colon')}
      <Text span c="dimmed" td="line-through" size="sm">
        {show(before)}
      </Text>
      {' → '}
      <Text span size="sm">
        {show(after)}
      </Text>
    </Text>
  );
};

/** The record's versions from the change log, newest first; an earlier one can be restored (itself a new version). */
export const HistoryPanel = ({ customer }: { customer: Customer }) => {
  const { t } = useTranslation();
  const history = useChannelQuery('customers.history', { id: customer.id });
  const restore = useRestoreCustomerVersion();
  const [confirm, setConfirm] = useState<CustomerVersion | null>(null);
  const close = () => {
    setConfirm(null);
    restore.reset();
  };
  if (history.isPending) {
    return (
      <Center p="lg">
        <Loader size="sm" />
      </Center>
    );
  }
  if (history.isError) return <ErrorAlert error={history.error} />;
  const versions = history.data;
  return (
    <Paper withBorder p="md">
      {versions.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('customerCard.history.empty')}
        </Text>
      ) : (
        <Table verticalSpacing={8} fz="sm" data-testid="history-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={150}>{t('customerCard.history.time')}</Table.Th>
              <Table.Th w={110}>{t('customerCard.history.who')}</Table.Th>
              <Table.Th>{t('customerCard.history.change')}</Table.Th>
              <Table.Th w={130}>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((v, i) => {
              const older = versions[i + 1]?.values ?? {};
              const changed = v.changed.filter((f) => !internal.has(f));
              return (
                <Table.Tr key={v.changeId} data-testid="history-row" style={{ verticalAlign: 'top' }}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v.at)}</Table.Td>
                  <Table.Td>{v.actor?.displayName ?? t('customerCard.timeline.system')}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Group gap="xs">
                        <Badge size="xs" variant="light" color={v.op === 'insert' ? 'green' : v.op === 'delete' ? 'red' : 'blue'} tt="none">
                          {t(`customerCard.history.ops.${v.op}`)}
                        </Badge>
                        {i === 0 && (
                          <Badge size="xs" variant="outline" color="gray" tt="none">
                            {t('customerCard.history.current')}
                          </Badge>
                        )}
                      </Group>
                      {v.op === 'insert' ? (
                        <Text size="sm">{t('customerCard.history.created')}</Text>
                      ) : (
                        changed.map((f) => (
                          <Change
                            key={f}
                            field={f}
                            before={older[f]}
                            after={v.values[f]}
                            hidden={customer.financialHidden && hiddenWhenFinancialHidden.has(f)}
                          />
                        ))
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {i > 0 && v.op !== 'delete' && (
                      <Button size="compact-xs" variant="light" leftSection={<IconRestore size={12} />} onClick={() => setConfirm(v)}>
                        {t('customerCard.history.restore')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={confirm !== null} onClose={close} title={t('customerCard.history.restoreTitle')}>
        {confirm && (
          <Stack>
            <Text size="sm">{t('customerCard.history.restoreText', { time: formatDateTime(confirm.at) })}</Text>
            <ErrorAlert error={restore.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button
                loading={restore.isPending}
                leftSection={<IconRestore size={14} />}
                onClick={() =>
                  restore.mutate(
                    { id: customer.id, changeId: confirm.changeId },
                    {
                      onSuccess: () => {
                        notifications.show({ color: 'green', message: t('customerCard.history.restored', { time: formatDateTime(confirm.at) }) });
                        close();
                      },
                    },
                  )
                }
              >
                {t('customerCard.history.restore')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Paper>
  );
};
