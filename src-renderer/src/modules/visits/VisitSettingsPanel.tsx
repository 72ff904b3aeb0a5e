import { Button, Center, Loader, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { visitSettingsSchema, type VisitSettings } from '@shared/visits/schemas';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useZodForm } from '../ui/useZodForm';
import { useUpdateVisitSettings } from './hooks';

const SettingsForm = ({ initial }: { initial: VisitSettings }) => {
  const { t } = useTranslation();
  const update = useUpdateVisitSettings();
  const form = useZodForm(visitSettingsSchema, { mode: 'controlled', initialValues: initial });
  return (
    <form onSubmit={form.onSubmit((values) => update.mutate(values, { onSuccess: () => notifications.show({ color: 'green', message: t('common.saved') }) }))}>
      <Stack>
        <Text fw={600}>{t('visits.settings.title')}</Text>
        <NumberInput
          label={t('visits.settings.newCustomerVisitTarget')}
          description={t('visits.settings.newCustomerVisitTargetHint')}
          min={1}
          max={50}
          {...form.getInputProps('newCustomerVisitTarget')}
        />
        <NumberInput
          label={t('visits.settings.aGradeGapDays')}
          description={t('visits.settings.aGradeGapDaysHint')}
          min={1}
          max={365}
          {...form.getInputProps('aGradeGapDays')}
        />
        <ErrorAlert error={update.error} />
        <Button type="submit" loading={update.isPending} w="fit-content">
          {t('common.save')}
        </Button>
      </Stack>
    </form>
  );
};

/** 设置 → 拜访 (managers and admins): the visit target for new customers and the A-customer visit gap. */
export const VisitSettingsPanel = () => {
  const settings = useChannelQuery('visits.settings', {});
  return (
    <Paper withBorder p="md" maw={520}>
      <ErrorAlert error={settings.error} />
      {settings.data ? (
        <SettingsForm initial={settings.data} />
      ) : (
        <Center>
          <Loader size="sm" />
        </Center>
      )}
    </Paper>
  );
};
