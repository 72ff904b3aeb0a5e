import { Button, FileButton, Group, Image, Paper, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { logoDataUrl } from '@shared/print/company';
import { settingsUpdateSchema } from '@shared/schemas';
import type { AppStatus } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useErrorText } from '../ui/useErrorText';
import { useZodForm } from '../ui/useZodForm';
import { useSetLogo, useUpdateSettings } from './hooks';

/** A picked file as base64 (the main process decodes it and checks what it is). */
const fileBase64 = async (file: File): Promise<string> => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

/** 设置 → 公司信息: the company's name, address, phone, fax and logo, as every printed form and report shows them. */
export const CompanyPanel = () => {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const settings = useChannelQuery('settings.get', {});
  const update = useUpdateSettings();
  const setLogo = useSetLogo();
  const form = useZodForm(settingsUpdateSchema, { mode: 'controlled', initialValues: { companyName: '', address: '', phone: '', fax: '' } });
  const loaded = settings.data;
  useEffect(() => {
    if (loaded) form.setValues({ companyName: loaded.companyName, address: loaded.address, phone: loaded.phone, fax: loaded.fax });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once when the value arrives
  }, [loaded?.companyName, loaded?.address, loaded?.phone, loaded?.fax]);
  const logo = logoDataUrl(loaded?.logo);
  const pickLogo = async (file: File | null) => {
    if (!file) return;
    setLogo.mutate(
      { dataBase64: await fileBase64(file) },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('forms.company.logoSaved') }),
        onError: (e) => notifications.show({ color: 'red', message: errorText(e) }),
      },
    );
  };
  return (
    <Stack maw={560} data-testid="company-panel">
      <Paper withBorder p="md">
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
            <TextInput label={t('forms.company.address')} description={t('forms.company.detailsHint')} {...form.getInputProps('address')} />
            <Group grow align="flex-start">
              <TextInput label={t('forms.company.phone')} {...form.getInputProps('phone')} />
              <TextInput label={t('forms.company.fax')} {...form.getInputProps('fax')} />
            </Group>
            <ErrorAlert error={settings.error ?? update.error} />
            <Button type="submit" loading={update.isPending} w="fit-content">
              {t('common.save')}
            </Button>
          </Stack>
        </form>
      </Paper>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Text fw={500} size="sm">
            {t('forms.company.logo')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('forms.company.logoHint')}
          </Text>
          {logo ? (
            <Image src={logo} alt={t('forms.company.logoAlt')} h={48} w="auto" fit="contain" data-testid="company-logo" style={{ alignSelf: 'flex-start' }} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('forms.company.logoNone')}
            </Text>
          )}
          <Group gap="xs">
            <FileButton onChange={(f) => void pickLogo(f)} accept="image/png,image/jpeg">
              {(props) => (
                <Button {...props} size="xs" variant="default" loading={setLogo.isPending} data-testid="company-logo-choose">
                  {t('forms.company.logoChoose')}
                </Button>
              )}
            </FileButton>
            {logo && (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={() =>
                  setLogo.mutate({ dataBase64: null }, { onSuccess: () => notifications.show({ color: 'green', message: t('forms.company.logoRemoved') }) })
                }
              >
                {t('forms.company.logoRemove')}
              </Button>
            )}
          </Group>
          <ErrorAlert error={setLogo.error} />
        </Stack>
      </Paper>
    </Stack>
  );
};
