import { Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { activityTypes, complaintSeverities, type ActivityType, type ComplaintSeverity } from '@shared/activities/enums';
import { activityInputSchema, activityUpdateSchema } from '@shared/activities/schemas';
import type { Activity } from '@shared/activities/types';
import type { Contact } from '@shared/customers/types';
import { localDateTimeInput } from '@shared/dates';
import { useChannelQuery } from '../api/hooks';
import { useNow } from '../customer-card/useNow';
import { ErrorAlert } from '../ui/ErrorAlert';
import { fromDateInput, fromDateTimeInput } from './localTime';
import { checkWith } from './zodErrors';
import { useLogContact, useUpdateActivity } from './hooks';

type Values = {
  type: ActivityType;
  occurredAt: string;
  contactId: string;
  summary: string;
  outcome: string;
  nextStep: string;
  nextFollowUp: string;
  complaint: boolean;
  severity: ComplaintSeverity | '';
};

/** What a new entry and a correction both send of the form: the kind, the time, the contact and the three texts. */
const entryFields = (v: Values) => ({
  type: v.type,
  occurredAt: fromDateTimeInput(v.occurredAt),
  contactId: v.contactId || null,
  summary: v.summary,
  outcome: v.outcome,
  nextStep: v.nextStep,
});

const ContactSelect = ({ contacts, value, onChange }: { contacts: Contact[]; value: string; onChange: (v: string) => void }) => {
  const { t } = useTranslation();
  return (
    <Select
      label={t('activities.fields.contact')}
      data={[{ value: '', label: t('activities.log.noContact') }, ...contacts.map((c) => ({ value: c.id, label: c.title ? `${c.name}（${c.title}）` : c.name }))]}
      value={value}
      onChange={(v) => onChange(v ?? '')}
      allowDeselect={false}
      data-testid="log-contact-person"
    />
  );
};

/** The form inside the dialog: what a person fills in after a call, a visit, a walk-in… */
const LogContactForm = ({
  customerId,
  contacts,
  initialContactId,
  activity = null,
  onDone,
}: {
  customerId: string;
  contacts: Contact[];
  initialContactId: string | null;
  /** Correcting an existing entry (its follow-up and complaint flags are not changed here). */
  activity?: Activity | null;
  onDone: () => void;
}) => {
  const { t } = useTranslation();
  const create = useLogContact();
  const update = useUpdateActivity();
  const now = useNow();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      type: activity?.type ?? 'call_out',
      occurredAt: localDateTimeInput(activity?.occurredAt ?? now),
      contactId: activity ? (activity.contactId ?? '') : (initialContactId ?? ''),
      summary: activity?.summary ?? '',
      outcome: activity?.outcome ?? '',
      nextStep: activity?.nextStep ?? '',
      nextFollowUp: '',
      complaint: false,
      severity: '',
    },
  });
  const submitEdit = (v: Values, current: Activity) => {
    const input = { id: current.id, ...entryFields(v) };
    const checked = checkWith(activityUpdateSchema, input, t);
    if (!checked.ok) {
      form.setErrors(checked.errors);
      return;
    }
    update.mutate(input as Parameters<typeof update.mutate>[0], {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('activities.log.updated') });
        onDone();
      },
    });
  };
  const submit = (v: Values) => {
    if (activity) {
      submitEdit(v, activity);
      return;
    }
    const input = {
      customerId,
      ...entryFields(v),
      nextFollowUpAt: v.nextFollowUp ? fromDateInput(v.nextFollowUp) : null,
      complaint: v.complaint,
      severity: v.complaint && v.severity ? v.severity : null,
    };
    const checked = checkWith(activityInputSchema, input, t);
    if (!checked.ok) {
      form.setErrors({ ...checked.errors, nextFollowUp: checked.errors.nextFollowUpAt });
      return;
    }
    create.mutate(input as Parameters<typeof create.mutate>[0], {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('activities.log.saved') });
        onDone();
      },
    });
  };
  return (
    <form onSubmit={form.onSubmit(submit)} data-testid="log-contact-form">
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="md" verticalSpacing="xs">
          <Select
            label={t('activities.fields.type')}
            data={activityTypes.map((x) => ({ value: x, label: t(`activities.types.${x}`) }))}
            allowDeselect={false}
            withAsterisk
            data-testid="log-contact-type"
            {...form.getInputProps('type')}
          />
          <TextInput type="datetime-local" label={t('activities.fields.occurredAt')} withAsterisk max={localDateTimeInput(now)} {...form.getInputProps('occurredAt')} />
          <ContactSelect contacts={contacts} value={form.values.contactId} onChange={(v) => form.setFieldValue('contactId', v)} />
          {!activity && (
            <TextInput
              type="date"
              label={t('activities.fields.nextFollowUpAt')}
              description={t('activities.log.followUpHint')}
              data-testid="log-contact-follow-up"
              {...form.getInputProps('nextFollowUp')}
            />
          )}
        </SimpleGrid>
        <Textarea label={t('activities.fields.summary')} withAsterisk autosize minRows={2} maxRows={6} data-autofocus data-testid="log-contact-summary" {...form.getInputProps('summary')} />
        <SimpleGrid cols={2} spacing="md" verticalSpacing="xs">
          <TextInput label={t('activities.fields.outcome')} {...form.getInputProps('outcome')} />
          <TextInput label={t('activities.fields.nextStep')} {...form.getInputProps('nextStep')} />
          {!activity && (
            <>
              <Checkbox mt={28} label={t('activities.fields.complaint')} data-testid="log-contact-complaint" {...form.getInputProps('complaint', { type: 'checkbox' })} />
              <Select
                label={t('activities.fields.severity')}
                disabled={!form.values.complaint}
                data={complaintSeverities.map((x) => ({ value: x, label: t(`activities.severity.${x}`) }))}
                data-testid="log-contact-severity"
                {...form.getInputProps('severity')}
              />
            </>
          )}
        </SimpleGrid>
        <ErrorAlert error={create.error ?? update.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending} data-testid="log-contact-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

/** Loads the customer's contacts when the caller (the global search) does not have them. */
const WithContacts = ({ customerId, children }: { customerId: string; children: (contacts: Contact[]) => ReactNode }) => {
  const card = useChannelQuery('customers.get', { id: customerId });
  if (card.isError) return <ErrorAlert error={card.error} />;
  if (!card.data) return <Text c="dimmed">…</Text>;
  return <>{children(card.data.contacts)}</>;
};

/** 记录联系: the dialog used from the customer card and from the global search. */
export const LogContactDialog = ({
  opened,
  onClose,
  customer,
  contacts,
  contactId = null,
}: {
  opened: boolean;
  onClose: () => void;
  customer: { id: string; name: string } | null;
  contacts?: Contact[];
  contactId?: string | null;
}) => {
  const { t } = useTranslation();
  return (
    <Modal opened={opened && !!customer} onClose={onClose} title={customer ? t('activities.log.title', { name: customer.name }) : ''} size="lg">
      {customer &&
        (contacts ? (
          <LogContactForm customerId={customer.id} contacts={contacts} initialContactId={contactId} onDone={onClose} />
        ) : (
          <WithContacts customerId={customer.id}>
            {(list) => <LogContactForm customerId={customer.id} contacts={list} initialContactId={contactId} onDone={onClose} />}
          </WithContacts>
        ))}
    </Modal>
  );
};

/** 修改联系记录: the same form over an existing entry (the customer's contacts are loaded for the contact person). */
export const EditActivityDialog = ({ activity, onClose }: { activity: Activity | null; onClose: () => void }) => {
  const { t } = useTranslation();
  return (
    <Modal opened={!!activity} onClose={onClose} title={activity ? t('activities.log.editTitle', { name: activity.customerName }) : ''} size="lg">
      {activity && (
        <WithContacts customerId={activity.customerId}>
          {(list) => <LogContactForm customerId={activity.customerId} contacts={list} initialContactId={null} activity={activity} onDone={onClose} />}
        </WithContacts>
      )}
    </Modal>
  );
};
