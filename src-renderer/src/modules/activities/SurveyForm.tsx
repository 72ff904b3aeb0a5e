import { Button, Group, Rating, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { surveyDimensions } from '@shared/activities/enums';
import { surveyInputSchema } from '@shared/activities/schemas';
import type { Contact } from '@shared/customers/types';
import { localDate } from '@shared/dates';
import { useNow } from '../customer-card/useNow';
import { ErrorAlert } from '../ui/ErrorAlert';
import { fromDateInput } from './localTime';
import { checkWith } from './zodErrors';
import { useCreateSurvey } from './hooks';

/** 满意度调查: four scores 1–5 (stars) and comments. */
export const SurveyForm = ({ customerId, contacts, onDone }: { customerId: string; contacts: Contact[]; onDone: () => void }) => {
  const { t } = useTranslation();
  const create = useCreateSurvey();
  const now = useNow();
  const form = useForm({
    mode: 'controlled',
    initialValues: { date: localDate(now), contactId: '', quality: 0, delivery: 0, service: 0, brand: 0, comments: '' },
  });
  return (
    <form
      onSubmit={form.onSubmit((v) => {
        const input = {
          customerId,
          contactId: v.contactId || null,
          surveyedAt: fromDateInput(v.date, 12),
          quality: v.quality,
          delivery: v.delivery,
          service: v.service,
          brand: v.brand,
          comments: v.comments,
        };
        const checked = checkWith(surveyInputSchema, input, t);
        if (!checked.ok) {
          form.setErrors({ ...checked.errors, date: checked.errors.surveyedAt });
          return;
        }
        create.mutate(checked.value, {
          onSuccess: () => {
            notifications.show({ color: 'green', message: t('activities.surveys.saved') });
            onDone();
          },
        });
      })}
    >
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="md" verticalSpacing="xs">
          <TextInput type="date" label={t('activities.surveys.fields.surveyedAt')} withAsterisk {...form.getInputProps('date')} />
          <Select
            label={t('activities.surveys.fields.contact')}
            data={[{ value: '', label: t('activities.log.noContact') }, ...contacts.map((c) => ({ value: c.id, label: c.name }))]}
            allowDeselect={false}
            {...form.getInputProps('contactId')}
          />
        </SimpleGrid>
        <SimpleGrid cols={2} spacing="md" verticalSpacing="xs">
          {surveyDimensions.map((d) => (
            <Stack key={d} gap={2}>
              <Text size="sm" fw={500}>
                {t(`activities.surveys.fields.${d}`)}
              </Text>
              <Rating count={5} value={form.values[d]} onChange={(v) => form.setFieldValue(d, v)} data-testid={`survey-${d}`} />
              {form.errors[d] && (
                <Text size="xs" c="red">
                  {form.errors[d]}
                </Text>
              )}
            </Stack>
          ))}
        </SimpleGrid>
        <Textarea label={t('activities.surveys.fields.comments')} autosize minRows={2} {...form.getInputProps('comments')} />
        <ErrorAlert error={create.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="survey-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
