import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { roleColor } from '../ui/roleColor';
import { allowed } from '../shell/extensions';
import { dashboardWidgets } from '../shell/moduleExtensions';

export const HomePage = ({ session }: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const logins = useChannelQuery('auth.myLogins', {});
  const { user } = session;
  return (
    <Stack gap="md" maw={1000}>
      <Title order={3}>{t('home.greeting', { name: user.displayName })}</Title>
      {dashboardWidgets()
        .filter((w) => allowed(session, w.can))
        .map((w) => (
          <w.component key={w.key} session={session} />
        ))}
      <SimpleGrid cols={2}>
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('home.account')}
          </Text>
          <Table variant="vertical" withTableBorder={false}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={120}>{t('home.company')}</Table.Th>
                <Table.Td>{session.companyName}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('users.username')}</Table.Th>
                <Table.Td>{user.username}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('home.role')}</Table.Th>
                <Table.Td>
                  <Badge variant="light" color={roleColor(user.role)}>
                    {t(`roles.${user.role}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Card>
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('home.recentLogins')}
          </Text>
          <ErrorAlert error={logins.error} />
          {logins.data && logins.data.length === 0 && <Text c="dimmed">{t('home.noLogins')}</Text>}
          <Table striped>
            <Table.Tbody>
              {logins.data?.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{formatDateTime(e.at)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge size="sm" variant="dot" color={e.kind === 'success' || e.kind === 'logout' ? 'gray' : 'red'}>
                        {t(`loginHistory.kinds.${e.kind}`)}
                      </Badge>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      </SimpleGrid>
    </Stack>
  );
};
