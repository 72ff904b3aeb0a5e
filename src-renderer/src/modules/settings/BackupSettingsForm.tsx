import { Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { backupSettingsSchema } from '@shared/schemas';
import type { BackupSettings } from '@shared/types';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useUpdateBackupSettings } from './hooks';

type Values = { dir: string; retentionDays: number | string };

/** The form's values as the channel takes them: an empty folder means the default folder (null). */
const toInput = (v: Values) => ({
  dir: v.dir.trim() || null,
  retentionDays: v.retentionDays === '' ? Number.NaN : Number(v.retentionDays),
});

/** The backup folder and how long automatic backups are kept; validated by the schema the main process applies. */
export const BackupSettingsForm = ({ initial }: { initial: BackupSettings }) => {
  const { t } = useTranslation();
  const update = useUpdateBackupSettings();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { dir: initial.isDefault ? '' : initial.dir, retentionDays: initial.retentionDays },
    validate: (values) => {
      const parsed = backupSettingsSchema.safeParse(toInput(values));
      if (parsed.success) return {};
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        errors[field] = field === 'dir' ? t('backupUi.dirTooLong') : t('backupUi.retentionInvalid');
      }
      return errors;
    },
  });
  return (
    <form
      onSubmit={form.onSubmit((values) =>
        update.mutate(backupSettingsSchema.parse(toInput(values)), {
          onSuccess: (saved) => {
            form.setValues({ dir: saved.isDefault ? '' : saved.dir, retentionDays: saved.retentionDays });
            form.resetDirty({ dir: saved.isDefault ? '' : saved.dir, retentionDays: saved.retentionDays });
            notifications.show({ color: 'green', message: t('backupUi.settingsSaved') });
          },
        }),
      )}
    >
      <Stack gap="sm">
        <TextInput
          label={t('backupUi.dir')}
          description={t('backupUi.dirHint')}
          placeholder={t('backupUi.dirPlaceholder')}
          spellCheck={false}
          {...form.getInputProps('dir')}
        />
        <NumberInput
          label={t('backupUi.retentionDays')}
          description={t('backupUi.retentionHint')}
          suffix={t('backupUi.daysSuffix')}
          min={1}
          max={3650}
          allowDecimal={false}
          allowNegative={false}
          styles={{ wrapper: { width: 160 } }}
          {...form.getInputProps('retentionDays')}
        />
        <ErrorAlert error={update.error} />
        <Group>
          <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
