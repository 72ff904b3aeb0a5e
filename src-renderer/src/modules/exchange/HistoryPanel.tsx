import { Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExchangePeer } from '@shared/exchange/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';

/** Every export and committed import, and the PCs this one has exchanged with. */
export const HistoryPanel = ({ peers }: { peers: ExchangePeer[] }) => {
  const { t } = useTranslation();
  const history = useChannelQuery('exchange.history', { limit: 100 });
  const countText = (counts: Record<string, number>): string =>
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${t(`exchange.counts.${k}`, { defaultValue: k })} ${n}`)
      .join('，');
  return (
    <Stack gap="lg" maw={1100}>
      <ErrorAlert error={history.error} />
      {history.data?.length === 0 && <Text c="dimmed">{t('exchange.history.empty')}</Text>}
      {!!history.data?.length && (
        <Table withTableBorder striped fz="sm" data-testid="exchange-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('exchange.history.at')}</Table.Th>
              <Table.Th>{t('exchange.history.kind')}</Table.Th>
              <Table.Th>{t('exchange.history.user')}</Table.Th>
              <Table.Th>{t('exchange.history.peer')}</Table.Th>
              <Table.Th>{t('exchange.history.file')}</Table.Th>
              <Table.Th>{t('exchange.history.counts')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.data.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>{formatDateTime(h.at)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={h.kind === 'import' ? 'blue' : 'teal'}>
                    {t(`exchange.history.${h.kind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{h.user?.displayName ?? ''}</Table.Td>
                <Table.Td>{h.peer ? `${h.peer.label || ''} (${h.peer.node})` : ''}</Table.Td>
                <Table.Td>{h.fileName}</Table.Td>
                <Table.Td>{countText(h.counts)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {peers.length > 0 && (
        <Stack gap="xs">
          <Text fw={600}>{t('exchange.peers.title')}</Text>
          <Table withTableBorder fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('exchange.history.peer')}</Table.Th>
                <Table.Th>{t('exchange.peers.lastImport')}</Table.Th>
                <Table.Th>{t('exchange.peers.lastExport')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {peers.map((p) => (
                <Table.Tr key={p.node}>
                  <Table.Td>
                    {p.label} ({p.node})
                  </Table.Td>
                  <Table.Td>{formatDateTime(p.lastImportAt)}</Table.Td>
                  <Table.Td>{formatDateTime(p.lastExportAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
};
