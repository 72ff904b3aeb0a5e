import { Button, Group, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { taskInputSchema } from '@shared/activities/schemas';
import { localDate } from '@shared/dates';
import { useNow } from '../customer-card/useNow';
import { ErrorAlert } from '../ui/ErrorAlert';
import { fromDateInput } from './localTime';
import { checkWith } from './zodErrors';
import { useCreateTask } from './hooks';

/** 新建回访任务 for one customer (assigned to the person creating it). */
export const TaskForm = ({ customerId, onDone }: { customerId: string; onDone: () => void }) => {
  const { t } = useTranslation();
  const create = useCreateTask();
  const now = useNow();
  const form = useForm({ mode: 'controlled', initialValues: { title: '', due: localDate(now + 24 * 60 * 60 * 1000), notes: '' } });
  return (
    <form
      onSubmit={form.onSubmit((v) => {
        const input = { customerId, title: v.title, dueAt: fromDateInput(v.due), notes: v.notes, sourceType: 'manual' as const };
        const checked = checkWith(taskInputSchema, input, t);
        if (!checked.ok) {
          form.setErrors({ ...checked.errors, due: checked.errors.dueAt });
          return;
        }
        create.mutate(checked.value, {
          onSuccess: () => {
            notifications.show({ color: 'green', message: t('activities.tasks.created') });
            onDone();
          },
        });
      })}
    >
      <Stack gap="sm">
        <TextInput label={t('activities.tasks.fields.title')} withAsterisk data-autofocus data-testid="task-title" {...form.getInputProps('title')} />
        <TextInput type="date" label={t('activities.tasks.fields.dueAt')} withAsterisk {...form.getInputProps('due')} />
        <Textarea label={t('activities.tasks.fields.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
        <ErrorAlert error={create.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="task-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
