import { Button, Center, Group, Loader, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergeRecord } from '@shared/customers/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { useUndoMerge } from '../customer-list/hooks';

/** Merges this customer took part in, each undoable once (managers). */
export const MergesPanel = ({ customerId }: { customerId: string }) => {
  const { t } = useTranslation();
  const merges = useChannelQuery('customers.merges', { limit: 500, customerId });
  const undo = useUndoMerge();
  const [confirm, setConfirm] = useState<MergeRecord | null>(null);
  const close = () => {
    setConfirm(null);
    undo.reset();
  };
  if (merges.isPending) {
    return (
      <Center p="lg">
        <Loader size="sm" />
      </Center>
    );
  }
  if (merges.isError) return <ErrorAlert error={merges.error} />;
  const mine = merges.data.filter((m) => m.survivorId === customerId || m.mergedId === customerId);
  return (
    <Paper withBorder p="md">
      {mine.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('customerCard.merge.noRecords')}
        </Text>
      ) : (
        <Table verticalSpacing={6} fz="sm" data-testid="merges-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={150}>{t('customerCard.merge.at')}</Table.Th>
              <Table.Th w={110}>{t('customerCard.merge.by')}</Table.Th>
              <Table.Th>{t('customerCard.merge.what')}</Table.Th>
              <Table.Th w={180}>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {mine.map((m) => (
              <Table.Tr key={m.id} data-testid="merge-row">
                <Table.Td>{formatDateTime(m.at)}</Table.Td>
                <Table.Td>{m.actor?.displayName ?? ''}</Table.Td>
                <Table.Td>
                  {m.survivorId === customerId ? t('customerCard.merge.into', { merged: m.mergedName }) : t('customerCard.merge.intoOther')}
                </Table.Td>
                <Table.Td>
                  {m.undoneAt ? (
                    <Text size="xs" c="dimmed">
                      {t('customerCard.merge.undone', { time: formatDateTime(m.undoneAt) })}
                    </Text>
                  ) : (
                    <Button size="compact-xs" variant="light" color="orange" leftSection={<IconArrowBackUp size={12} />} onClick={() => setConfirm(m)}>
                      {t('customerCard.merge.undo')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={confirm !== null} onClose={close} title={t('customerCard.merge.undo')}>
        {confirm && (
          <Stack>
            <Text size="sm">{t('customerCard.merge.undoConfirm')}</Text>
            <ErrorAlert error={undo.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button
                color="orange"
                loading={undo.isPending}
                onClick={() =>
                  undo.mutate(
                    { id: confirm.id },
                    {
                      onSuccess: () => {
                        notifications.show({ color: 'green', message: t('customerCard.merge.undoDone') });
                        close();
                      },
                    },
                  )
                }
              >
                {t('customerCard.merge.undo')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Paper>
  );
};
