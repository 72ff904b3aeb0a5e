import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { localDateTimeInput } from '@shared/dates';
import { visitResultSchema } from '@shared/visits/schemas';
import type { VisitDetail } from '@shared/visits/types';
import { useNow } from '../customer-card/useNow';
import { ErrorAlert } from '../ui/ErrorAlert';
import { fromLocalInput } from './dates';
import { useRecordVisitResult } from './hooks';

type Values = { doneAt: string; contactId: string | null; summary: string; outcome: string; nextStep: string; nextFollowUpAt: string };

/** Records what came of an approved visit; the main process turns it into a contact-log entry of type visit. */
export const RecordResultDialog = ({ visit, opened, onClose }: { visit: VisitDetail; opened: boolean; onClose: () => void }) => {
  const { t } = useTranslation();
  const now = useNow();
  const record = useRecordVisitResult();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      doneAt: localDateTimeInput(Math.min(visit.plannedAt, now)),
      contactId: visit.contacts[0]?.id ?? null,
      summary: '',
      outcome: '',
      nextStep: '',
      nextFollowUpAt: '',
    },
  });
  const f = (key: string): string => t(`visits.fields.${key}`);
  const save = (values: Values) => {
    const parsed = visitResultSchema.safeParse({
      id: visit.id,
      doneAt: fromLocalInput(values.doneAt) ?? NaN,
      contactId: values.contactId,
      summary: values.summary,
      outcome: values.outcome,
      nextStep: values.nextStep,
      nextFollowUpAt: fromLocalInput(values.nextFollowUpAt),
    });
    if (!parsed.success) {
      form.setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), t(i.message, { defaultValue: t('validation.invalid') })])));
      return;
    }
    record.mutate(parsed.data, {
      onSuccess: (v) => {
        notifications.show({ color: 'green', message: t('visits.detail.recorded', { count: v.visitNo ?? 0 }) });
        onClose();
      },
    });
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('visits.detail.recordTitle')} size="lg">
      <form onSubmit={form.onSubmit(save)}>
        <Stack gap="sm">
          <SimpleGrid cols={2} spacing="md" verticalSpacing="xs">
            <TextInput type="datetime-local" label={f('doneAt')} withAsterisk max={localDateTimeInput(now)} {...form.getInputProps('doneAt')} />
            <Select
              label={f('contactMet')}
              clearable
              data={visit.contacts.map((c) => ({ value: c.id, label: c.title ? t('visits.common.paren', { main: c.name, note: c.title }) : c.name }))}
              {...form.getInputProps('contactId')}
            />
          </SimpleGrid>
          <Textarea label={f('resultSummary')} withAsterisk autosize minRows={3} data-autofocus {...form.getInputProps('summary')} />
          <Textarea label={f('resultOutcome')} autosize minRows={2} {...form.getInputProps('outcome')} />
          <SimpleGrid cols={2} spacing="md" verticalSpacing="xs">
            <TextInput label={f('nextStep')} {...form.getInputProps('nextStep')} />
            <TextInput type="date" label={f('nextFollowUpAt')} {...form.getInputProps('nextFollowUpAt')} />
          </SimpleGrid>
          <ErrorAlert error={record.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={record.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
