import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../shell/LanguageSwitch';

/** The frame around set-up, login and recovery: app name, language switch, one centred card. */
export const AuthFrame = ({ title, subtitle, width = 420, children }: { title: string; subtitle?: string; width?: number; children: ReactNode }) => {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="space-between" p="md">
        <Text fw={700} c="blue.8" size="lg">
          {t('app.fullName')}
        </Text>
        <LanguageSwitch />
      </Group>
      <Center pt={40} pb={40}>
        <Paper withBorder shadow="sm" p="xl" w={width} radius="md">
          <Stack gap="md">
            <div>
              <Title order={3}>{title}</Title>
              {subtitle && (
                <Text c="dimmed" size="sm" mt={4}>
                  {subtitle}
                </Text>
              )}
            </div>
            {children}
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
};
