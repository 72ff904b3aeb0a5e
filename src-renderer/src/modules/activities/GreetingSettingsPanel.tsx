import { Button, Group, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_GREETING_DAYS } from '@shared/activities/enums';
import { greetingSettingsSchema } from '@shared/activities/schemas';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { checkWith } from './zodErrors';
import { useUpdateGreetingSettings } from './hooks';

/** 设置 → 关怀提醒: how many days ahead the greeting list looks (managers and admins). */
export const GreetingSettingsPanel = () => {
  const settings = useChannelQuery('activities.greetingSettings', {});
  if (!settings.data) return <ErrorAlert error={settings.error} />;
  return <GreetingSettingsForm initial={settings.data.days} />;
};

const GreetingSettingsForm = ({ initial }: { initial: number }) => {
  const { t } = useTranslation();
  const update = useUpdateGreetingSettings();
  const [days, setDays] = useState<number | string>(initial);
  const [error, setError] = useState<string | null>(null);
  return (
    <Paper withBorder p="md" maw={640}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('activities.greetings.settingsHelp')}
        </Text>
        <Group align="flex-end">
          <NumberInput label={t('activities.greetings.days')} min={1} max={MAX_GREETING_DAYS} w={140} value={days} onChange={setDays} error={error} data-testid="greeting-days-setting" />
          <Button
            loading={update.isPending}
            onClick={() => {
              const checked = checkWith(greetingSettingsSchema, { days: Number(days) }, t);
              if (!checked.ok) {
                setError(checked.errors.days ?? t('validation.invalid'));
                return;
              }
              setError(null);
              update.mutate(checked.value, { onSuccess: () => notifications.show({ color: 'green', message: t('activities.greetings.saved') }) });
            }}
          >
            {t('common.save')}
          </Button>
        </Group>
        <ErrorAlert error={update.error} />
      </Stack>
    </Paper>
  );
};
