import { ActionIcon, Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCalendarDue, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { localDate, localTime } from '@shared/dates';
import type { SessionInfo } from '@shared/types';
import { minutesFieldsSchema } from '@shared/visits/schemas';
import type { MinutesDetail, VisitDetail } from '@shared/visits/types';
import { minutesDueDate } from '@shared/visits/workdays';
import { useChannelQuery } from '../api/hooks';
import { useUserDirectory } from '../customer-card/useUserDirectory';
import { CustomerPicker } from './CustomerPicker';
import { FormFooter } from './FormFooter';
import { Loaded } from './Loaded';
import { useCreateMinutes, useUpdateMinutes } from './hooks';

type ActionValues = { content: string; ownerName: string; ownerUserId: string | null; dueDate: string };

type Values = {
  customerId: string | null;
  title: string;
  meetingDate: string;
  meetingTime: string;
  place: string;
  ourAttendees: string;
  customerAttendees: string;
  noteTaker: string;
  customerSituation: string;
  needsProblems: string;
  discussion: string;
  agreements: string;
  actions: ActionValues[];
};

const text = (v: string | null | undefined): string => v ?? '';

const initialValues = (session: SessionInfo, m: MinutesDetail | null, visit: VisitDetail | null, customerId: string | null): Values => {
  if (m)
    return {
      customerId: m.customerId,
      title: text(m.title),
      meetingDate: m.meetingDate,
      meetingTime: text(m.meetingTime),
      place: text(m.place),
      ourAttendees: text(m.ourAttendees),
      customerAttendees: text(m.customerAttendees),
      noteTaker: text(m.noteTaker),
      customerSituation: text(m.customerSituation),
      needsProblems: text(m.needsProblems),
      discussion: text(m.discussion),
      agreements: text(m.agreements),
      actions: m.actions.map((a) => ({ content: a.content, ownerName: text(a.ownerName), ownerUserId: a.ownerUser?.id ?? null, dueDate: a.dueDate })),
    };
  const at = visit?.doneAt ?? visit?.plannedAt ?? Date.now();
  return {
    customerId: visit?.customerId ?? customerId,
    title: visit ? visit.purpose.slice(0, 200) : '',
    meetingDate: localDate(at),
    meetingTime: visit ? localTime(at) : '',
    place: text(visit?.place),
    ourAttendees: visit ? visit.salesperson.displayName : session.user.displayName,
    customerAttendees: visit ? visit.contacts.map((c) => (c.title ? `${c.name}（${c.title}）` : c.name)).join('\n') : '',
    noteTaker: session.user.displayName,
    customerSituation: '',
    needsProblems: '',
    discussion: visit ? text(visit.resultSummary) : '',
    agreements: visit ? text(visit.resultOutcome) : '',
    actions: [],
  };
};

const MinutesForm = ({ session, minutes, visit }: { session: SessionInfo; minutes: MinutesDetail | null; visit: VisitDetail | null }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const directory = useUserDirectory();
  const create = useCreateMinutes();
  const update = useUpdateMinutes();
  const form = useForm<Values>({ mode: 'controlled', initialValues: initialValues(session, minutes, visit, params.get('customerId')) });
  const mf = (key: string): string => t(`visits.minutesFields.${key}`);
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(form.values.meetingDate);
  const due = validDate ? minutesDueDate(form.values.meetingDate) : null;

  const save = (values: Values, submit: boolean) => {
    const parsed = minutesFieldsSchema.safeParse({
      ...values,
      customerId: values.customerId ?? '',
      visitId: minutes?.visitId ?? visit?.id ?? null,
    });
    if (!parsed.success) {
      form.setErrors(
        Object.fromEntries(parsed.error.issues.map((i) => [i.path.map(String).join('.'), t(i.message, { defaultValue: t('validation.invalid') })])),
      );
      return;
    }
    const done = (m: MinutesDetail) => {
      notifications.show({ color: 'green', message: t('common.saved') });
      void navigate(`/minutes/${m.id}`);
    };
    if (minutes) {
      const { customerId: _c, visitId: _v, ...fields } = parsed.data;
      update.mutate({ id: minutes.id, fields, submit }, { onSuccess: done });
    } else create.mutate({ fields: parsed.data, submit }, { onSuccess: done });
  };
  const pending = create.isPending || update.isPending;
  const users = directory.users.filter((u) => u.active).map((u) => ({ value: u.id, label: u.displayName }));

  return (
    <form onSubmit={form.onSubmit((v) => save(v, false))}>
      <Stack gap="sm" maw={1000}>
        <Title order={3}>{minutes ? t('visits.minutes.editTitle') : t('visits.minutes.newTitle')}</Title>
        {minutes?.status === 'returned' && minutes.reviewComment && (
          <Alert color="red" variant="light" title={t('visits.common.paren', { main: mf('reviewComment'), note: minutes.reviewedBy?.displayName ?? '' })}>
            {minutes.reviewComment}
          </Alert>
        )}
        <Paper withBorder p="md">
          <Text fw={600} mb="xs">
            {t('visits.minutes.basics')}
          </Text>
          <SimpleGrid cols={2} spacing="md" verticalSpacing="xs">
            <CustomerPicker
              session={session}
              value={form.values.customerId}
              initialName={minutes?.customerName ?? visit?.customerName}
              onChange={(id) => form.setFieldValue('customerId', id)}
              error={form.errors.customerId as string | undefined}
              disabled={!!minutes || !!visit}
            />
            <TextInput label={mf('title')} {...form.getInputProps('title')} />
            <TextInput type="date" label={mf('meetingDate')} withAsterisk {...form.getInputProps('meetingDate')} />
            <TextInput type="time" label={mf('meetingTime')} {...form.getInputProps('meetingTime')} />
            <TextInput label={mf('place')} {...form.getInputProps('place')} />
            <TextInput label={mf('noteTaker')} {...form.getInputProps('noteTaker')} />
            <Textarea label={mf('ourAttendees')} autosize minRows={2} {...form.getInputProps('ourAttendees')} />
            <Textarea label={mf('customerAttendees')} autosize minRows={2} {...form.getInputProps('customerAttendees')} />
          </SimpleGrid>
          {due && (
            <Group gap={6} mt="xs" c="dimmed" data-testid="minutes-due-hint">
              <IconCalendarDue size={16} />
              <Text size="sm">{t('visits.minutes.dueHint', { date: due })}</Text>
            </Group>
          )}
        </Paper>
        <Paper withBorder p="md">
          <Text fw={600} mb="xs">
            {t('visits.minutes.content')}
          </Text>
          <Stack gap="xs">
            <Textarea label={mf('customerSituation')} autosize minRows={2} {...form.getInputProps('customerSituation')} />
            <Textarea label={mf('needsProblems')} autosize minRows={2} {...form.getInputProps('needsProblems')} />
            <Textarea label={mf('discussion')} autosize minRows={3} {...form.getInputProps('discussion')} />
            <Textarea label={mf('agreements')} autosize minRows={2} {...form.getInputProps('agreements')} />
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Text fw={600}>{mf('actions')}</Text>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => form.insertListItem('actions', { content: '', ownerName: '', ownerUserId: null, dueDate: due ?? localDate(Date.now()) })}
            >
              {t('visits.minutes.addAction')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed" mb="xs">
            {t('visits.minutes.tasks')}
          </Text>
          {form.values.actions.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('visits.minutes.noActions')}
            </Text>
          ) : (
            <Table data-testid="minutes-actions-form">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{mf('actionContent')}</Table.Th>
                  <Table.Th w={130}>{mf('actionOwner')}</Table.Th>
                  <Table.Th w={170}>{mf('actionOwnerUser')}</Table.Th>
                  <Table.Th w={160}>{mf('actionDue')}</Table.Th>
                  <Table.Th w={40} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {form.values.actions.map((_, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>
                      <TextInput aria-label={mf('actionContent')} {...form.getInputProps(`actions.${i}.content`)} />
                    </Table.Td>
                    <Table.Td>
                      <TextInput aria-label={mf('actionOwner')} {...form.getInputProps(`actions.${i}.ownerName`)} />
                    </Table.Td>
                    <Table.Td>
                      <Select aria-label={mf('actionOwnerUser')} clearable data={users} {...form.getInputProps(`actions.${i}.ownerUserId`)} />
                    </Table.Td>
                    <Table.Td>
                      <TextInput type="date" aria-label={mf('actionDue')} {...form.getInputProps(`actions.${i}.dueDate`)} />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon variant="subtle" color="red" aria-label={t('visits.minutes.removeAction')} onClick={() => form.removeListItem('actions', i)}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        <FormFooter
          error={create.error ?? update.error}
          pending={pending}
          draftLabel={t('visits.minutes.saveDraft')}
          submitLabel={t('visits.minutes.saveSubmit')}
          onSaveSubmit={() => form.onSubmit((v) => save(v, true))()}
        />
      </Stack>
    </form>
  );
};

/** /minutes/new (?customerId=, ?visitId= to start from a carried-out visit) and /minutes/:id/edit. */
export const MinutesFormPage = ({ session }: { session: SessionInfo }) => {
  const { id } = useParams();
  const [params] = useSearchParams();
  const visitId = params.get('visitId');
  const minutes = useChannelQuery('minutes.get', { id: id ?? '' }, { enabled: !!id });
  const visit = useChannelQuery('visits.get', { id: visitId ?? '' }, { enabled: !id && !!visitId });
  if (id) return <Loaded query={minutes}>{(m) => <MinutesForm key={m.id} session={session} minutes={m} visit={null} />}</Loaded>;
  if (visitId) return <Loaded query={visit}>{(v) => <MinutesForm session={session} minutes={null} visit={v} />}</Loaded>;
  return <MinutesForm session={session} minutes={null} visit={null} />;
};
