import { Badge, Group, Pagination, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginEventKind } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';

const PAGE = 50;
const kindColor: Record<LoginEventKind, string> = {
  success: 'green',
  logout: 'gray',
  failure: 'orange',
  locked: 'red',
  recovery: 'grape',
};

export const LoginHistoryPanel = () => {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const history = useChannelQuery('loginHistory.list', { limit: PAGE, offset: (page - 1) * PAGE });
  const total = history.data?.total ?? 0;
  return (
    <Paper withBorder p="md">
      <Stack>
        <ErrorAlert error={history.error} />
        <Table striped highlightOnHover stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={180}>{t('loginHistory.time')}</Table.Th>
              <Table.Th>{t('loginHistory.user')}</Table.Th>
              <Table.Th>{t('loginHistory.event')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.data?.rows.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{formatDateTime(e.at)}</Table.Td>
                <Table.Td>{e.username ?? <Text span c="dimmed">{t('loginHistory.unknownUser')}</Text>}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={kindColor[e.kind]}>
                    {t(`loginHistory.kinds.${e.kind}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('common.total', { count: total })}
          </Text>
          <Pagination total={Math.max(1, Math.ceil(total / PAGE))} value={page} onChange={setPage} size="sm" />
        </Group>
      </Stack>
    </Paper>
  );
};
