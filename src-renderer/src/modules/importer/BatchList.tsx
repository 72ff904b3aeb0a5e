import { Alert, Anchor, Badge, Button, Group, List, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportBatchInfo, ImportUndoResult } from '@shared/import/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime, formatCount } from '../ui/format';
import { useUndoImport } from './hooks';

const TOUCHED_SHOWN = 20;

/**
 * 导入记录: every import batch with its counts; a batch can be undone once
 * (its new customers removed, filled fields reverted); customers someone
 * changed after the import are kept and listed.
 */
export const BatchList = () => {
  const { t } = useTranslation();
  const batches = useChannelQuery('import.batches', {});
  const undo = useUndoImport();
  const [confirm, setConfirm] = useState<ImportBatchInfo | null>(null);
  const [result, setResult] = useState<{ batch: ImportBatchInfo; undo: ImportUndoResult } | null>(null);

  const close = () => {
    setConfirm(null);
    undo.reset();
  };
  const run = (batch: ImportBatchInfo) =>
    undo.mutate(
      { batchId: batch.id },
      {
        onSuccess: (r) => {
          setConfirm(null);
          setResult({ batch, undo: r });
        },
      },
    );

  return (
    <Stack gap="sm">
      {result && (
        <Alert color="green" variant="light" withCloseButton onClose={() => setResult(null)} data-testid="import-undo-result">
          <Stack gap={4}>
            <Text size="sm">{t('importer.batches.undoDone', { removed: result.undo.removed, reverted: result.undo.reverted })}</Text>
            {result.undo.touched.length > 0 && (
              <>
                <Text size="sm">{t('importer.batches.touched')}</Text>
                <List size="sm" spacing={2}>
                  {result.undo.touched.slice(0, TOUCHED_SHOWN).map((c) => (
                    <List.Item key={c.id}>
                      <Anchor component={Link} to={`/customers/${c.id}`} size="sm">
                        {c.name}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
                {result.undo.touched.length > TOUCHED_SHOWN && (
                  <Text size="sm" c="dimmed">
                    {t('importer.batches.touchedMore', { count: result.undo.touched.length - TOUCHED_SHOWN })}
                  </Text>
                )}
              </>
            )}
          </Stack>
        </Alert>
      )}
      <ErrorAlert error={batches.error} />
      <Paper withBorder>
        <Table striped highlightOnHover verticalSpacing={6} fz="sm" data-testid="import-batches">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('importer.batches.at')}</Table.Th>
              <Table.Th>{t('importer.batches.user')}</Table.Th>
              <Table.Th>{t('importer.batches.file')}</Table.Th>
              <Table.Th ta="right">{t('importer.batches.created')}</Table.Th>
              <Table.Th ta="right">{t('importer.batches.filled')}</Table.Th>
              <Table.Th ta="right">{t('importer.batches.skipped')}</Table.Th>
              <Table.Th ta="right">{t('importer.batches.rejected')}</Table.Th>
              <Table.Th>{t('importer.batches.status')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {batches.data?.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={9}>
                  <Text size="sm" c="dimmed" ta="center" py="md">
                    {t('importer.batches.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {batches.data?.map((b) => (
              <Table.Tr key={b.id} data-testid="import-batch">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(b.at)}</Table.Td>
                <Table.Td>{b.user?.displayName ?? ''}</Table.Td>
                <Table.Td>
                  <Text size="sm">{b.fileName}</Text>
                  {b.sheetName && (
                    <Text size="xs" c="dimmed">
                      {b.sheetName}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">{formatCount(b.counts.created)}</Table.Td>
                <Table.Td ta="right">{formatCount(b.counts.filled)}</Table.Td>
                <Table.Td ta="right">{formatCount(b.counts.skipped)}</Table.Td>
                <Table.Td ta="right">{formatCount(b.counts.rejected)}</Table.Td>
                <Table.Td>
                  {b.undoneAt ? (
                    <Badge color="gray" variant="light" radius="sm" tt="none">
                      {t('importer.batches.undoneAt', { at: formatDateTime(b.undoneAt) })}
                    </Badge>
                  ) : (
                    <Badge color="green" variant="dot" radius="sm" tt="none">
                      {t('importer.batches.active')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {!b.undoneAt && (
                    <Button size="compact-xs" variant="subtle" color="red" leftSection={<IconArrowBackUp size={14} />} onClick={() => setConfirm(b)}>
                      {t('importer.batches.undo')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Modal opened={confirm !== null} onClose={close} title={t('importer.batches.undoTitle')}>
        {confirm && (
          <Stack>
            <Text size="sm">{t('importer.batches.undoConfirm', { file: confirm.fileName, at: formatDateTime(confirm.at) })}</Text>
            <ErrorAlert error={undo.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button color="red" loading={undo.isPending} onClick={() => run(confirm)}>
                {t('importer.batches.undo')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
};
