import { Button, Paper, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsUpdateSchema } from '@shared/schemas';
import type { AppStatus } from '@shared/types';
import { useChannelMutation, useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useZodForm } from '../ui/useZodForm';

export const CompanyPanel = () => {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useChannelQuery('settings.get', {});
  const update = useChannelMutation('settings.update', ['settings.get']);
  const form = useZodForm(settingsUpdateSchema, { mode: 'controlled', initialValues: { companyName: '' } });
  const loaded = settings.data?.companyName;
  useEffect(() => {
    if (loaded !== undefined) form.setValues({ companyName: loaded });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once when the value arrives
  }, [loaded]);
  return (
    <Paper withBorder p="md" maw={520}>
      <form
        onSubmit={form.onSubmit((values) =>
          update.mutate(values, {
            onSuccess: (saved) => {
              client.setQueryData<AppStatus>(['app.status', {}], (s) =>
                s?.session ? { ...s, session: { ...s.session, companyName: saved.companyName } } : s,
              );
              notifications.show({ color: 'green', message: t('settings.companySaved') });
            },
          }),
        )}
      >
        <Stack>
          <TextInput label={t('setup.companyName')} description={t('setup.companyNameHint')} {...form.getInputProps('companyName')} />
          <ErrorAlert error={settings.error ?? update.error} />
          <Button type="submit" loading={update.isPending} w="fit-content">
            {t('common.save')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
};
