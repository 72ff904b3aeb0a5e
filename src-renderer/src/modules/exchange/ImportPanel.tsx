import { Alert, Button, Card, FileButton, Group, List, Stack, Table, Text } from '@mantine/core';
import { IconCheck, IconUpload, IconX } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangeCounts, ExchangeSummary } from '@shared/exchange/types';
import { columnLabel } from '@shared/exchange/labels';
import { bytesToBase64 } from '../ui/base64';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { useAnalyzeExchange, useCancelExchange, useCommitExchange } from './hooks';

const COUNT_KEYS: (keyof ExchangeCounts)[] = ['added', 'updated', 'deleted', 'conflicts', 'duplicates', 'alreadyPending', 'unchanged', 'older', 'skipped'];

/** Import: pick a workbook → the summary of exactly what a commit would do → commit (one transaction) or cancel. */
export const ImportPanel = ({ onShowConflicts }: { onShowConflicts: () => void }) => {
  const { t } = useTranslation();
  const [summary, setSummary] = useState<ExchangeSummary | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const reset = useRef<() => void>(null);
  const analyze = useAnalyzeExchange();
  const commit = useCommitExchange();
  const cancel = useCancelExchange();

  const pick = async (file: File | null) => {
    reset.current?.();
    if (!file) return;
    setSummary(null);
    setMessage(null);
    commit.reset();
    const dataBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
    analyze.mutate({ fileName: file.name, dataBase64 }, { onSuccess: setSummary });
  };
  const shown = commit.data ?? summary;
  const counts = shown?.counts;
  const changes = counts ? counts.added + counts.updated + counts.deleted + counts.conflicts + counts.duplicates : 0;
  return (
    <Stack gap="md" maw={960}>
      <Card withBorder>
        <Stack gap="sm">
          <Text fw={600}>{t('exchange.import.title')}</Text>
          <Group>
            <FileButton onChange={(f) => void pick(f)} accept=".xlsx" resetRef={reset} disabled={analyze.isPending || commit.isPending}>
              {(props) => (
                <Button {...props} leftSection={<IconUpload size={16} />} loading={analyze.isPending}>
                  {t('exchange.import.pick')}
                </Button>
              )}
            </FileButton>
            {analyze.isPending && <Text size="sm">{t('exchange.import.analyzing')}</Text>}
          </Group>
          <ErrorAlert error={analyze.error} />
          {message && (
            <Alert color="gray" variant="light">
              {message}
            </Alert>
          )}
        </Stack>
      </Card>
      {shown && counts && (
        <Card withBorder data-testid="exchange-summary">
          <Stack gap="sm">
            <Text fw={600}>{commit.data ? t('exchange.import.committed') : t('exchange.import.summary')}</Text>
            <Text size="sm">
              {t('exchange.import.from', {
                label: shown.from.label,
                node: shown.from.node,
                at: formatDateTime(shown.from.createdAt),
                mode: t(shown.from.mode === 'all' ? 'exchange.import.modeAll' : 'exchange.import.modeSince'),
              })}
              {shown.from.scope === 'owner' ? ` ${t('exchange.import.scopeOwner')}` : ''}
            </Text>
            <Table withTableBorder striped fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('exchange.sheet')}</Table.Th>
                  {COUNT_KEYS.map((k) => (
                    <Table.Th key={k}>{t(`exchange.counts.${k}`)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.perSheet.map((s) => (
                  <Table.Tr key={s.table}>
                    <Table.Td>{s.sheet}</Table.Td>
                    {COUNT_KEYS.map((k) => (
                      <Table.Td key={k} fw={s.counts[k] && k !== 'unchanged' && k !== 'older' ? 600 : undefined}>
                        {s.counts[k] || ''}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {changes === 0 && <Text size="sm">{t('exchange.import.nothing')}</Text>}
            {counts.conflicts + counts.duplicates + counts.alreadyPending > 0 && (
              <Alert color="orange" variant="light">
                {t('exchange.import.conflictsHint', { count: counts.conflicts + counts.duplicates + counts.alreadyPending })}
              </Alert>
            )}
            {shown.notes.length > 0 && (
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  {t('exchange.notes.title')}
                </Text>
                <List size="sm" spacing={2}>
                  {shown.notes.map((n, i) => (
                    <List.Item key={i}>
                      {n.sheet}:{' '}
                      {t(`exchange.notes.${n.kind}`, {
                        row: n.row,
                        column: n.table && n.column ? `“${columnLabel((k) => t(k), n.table, n.column)}” ` : n.column,
                        sheet: n.sheet,
                        detail: n.detail ?? '',
                        reason: n.reason ? t(`exchange.refusal.${n.reason}`) : '',
                      })}
                    </List.Item>
                  ))}
                </List>
                {shown.moreNotes > 0 && (
                  <Text size="xs" c="dimmed">
                    {t('exchange.notes.more', { count: shown.moreNotes })}
                  </Text>
                )}
              </Stack>
            )}
            <ErrorAlert error={commit.error} />
            {!commit.data ? (
              <Group>
                <Button
                  leftSection={<IconCheck size={16} />}
                  loading={commit.isPending}
                  onClick={() => commit.mutate({ token: shown.token }, { onSuccess: () => setSummary(null) })}
                >
                  {t('exchange.import.commit')}
                </Button>
                <Button
                  variant="default"
                  leftSection={<IconX size={16} />}
                  disabled={commit.isPending}
                  onClick={() =>
                    cancel.mutate(
                      { token: shown.token },
                      {
                        onSuccess: () => {
                          setSummary(null);
                          setMessage(t('exchange.import.cancelled'));
                        },
                      },
                    )
                  }
                >
                  {t('exchange.import.cancel')}
                </Button>
              </Group>
            ) : (
              counts.conflicts + counts.duplicates + counts.alreadyPending > 0 && (
                <Group>
                  <Button variant="light" color="orange" onClick={onShowConflicts}>
                    {t('exchange.conflicts.title')}
                  </Button>
                </Group>
              )
            )}
          </Stack>
        </Card>
      )}
    </Stack>
  );
};
