import {
  Alert,
  Badge,
  Checkbox,
  Group,
  Loader,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconUserCheck } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { localDateTimeInput } from '@shared/dates';
import { regionPathLabel } from '@shared/regions';
import type { SessionInfo } from '@shared/types';
import { visitChecklist, visitMaterials, type VisitChecklistItem, type VisitMaterial } from '@shared/visits/enums';
import { visitFieldsSchema } from '@shared/visits/schemas';
import type { VisitDetail } from '@shared/visits/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { CustomerPicker } from './CustomerPicker';
import { fromLocalInput } from './dates';
import { FormFooter } from './FormFooter';
import { Loaded } from './Loaded';
import { useCreateVisit, useUpdateVisit } from './hooks';

type Values = {
  customerId: string | null;
  plannedAt: string;
  durationMinutes: number;
  place: string;
  contactIds: string[];
  purpose: string;
  objectives: string;
  materials: VisitMaterial[];
  materialsOther: string;
  checklist: VisitChecklistItem[];
};

const DAY = 24 * 60 * 60 * 1000;

/** Tomorrow 09:30 local time: a sensible first suggestion for a new plan. */
const defaultTime = (): number => {
  const d = new Date(Date.now() + DAY);
  d.setHours(9, 30, 0, 0);
  return d.getTime();
};

const initialValues = (visit: VisitDetail | null, customerId: string | null): Values => ({
  customerId: visit?.customerId ?? customerId,
  plannedAt: localDateTimeInput(visit?.plannedAt ?? defaultTime()),
  durationMinutes: visit?.durationMinutes ?? 60,
  place: visit?.place ?? '',
  contactIds: visit?.contacts.map((c) => c.id) ?? [],
  purpose: visit?.purpose ?? '',
  objectives: visit?.objectives ?? '',
  materials: visit?.materials ?? ['companyBrochure', 'productCatalog'],
  materialsOther: visit?.materialsOther ?? '',
  checklist: visit ? visitChecklist.filter((k) => visit[k]) : [],
});

/** The contacts of the chosen customer as a checklist, with a decision-maker mark and whether one is among them. */
const ContactChoice = ({ customerId, value, onChange }: { customerId: string; value: string[]; onChange: (v: string[]) => void }) => {
  const { t } = useTranslation();
  const card = useChannelQuery('customers.get', { id: customerId });
  if (card.isPending) return <Loader size="sm" />;
  const contacts = card.data?.contacts ?? [];
  const hasDm = contacts.some((c) => c.isDecisionMaker);
  const meetsDm = contacts.some((c) => c.isDecisionMaker && value.includes(c.id));
  return (
    <Stack gap={6}>
      <ErrorAlert error={card.error} />
      {contacts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('visits.form.noContacts')}
        </Text>
      ) : (
        <Checkbox.Group label={t('visits.fields.contacts')} value={value} onChange={onChange}>
          <Group gap="lg" mt={4}>
            {contacts.map((c) => (
              <Checkbox
                key={c.id}
                value={c.id}
                label={
                  <Group gap={4} wrap="nowrap">
                    <span>{c.title ? t('visits.common.paren', { main: c.name, note: c.title }) : c.name}</span>
                    {c.isDecisionMaker && (
                      <Badge size="xs" color="violet" variant="light" tt="none">
                        {t('visits.form.decisionMaker')}
                      </Badge>
                    )}
                  </Group>
                }
              />
            ))}
          </Group>
        </Checkbox.Group>
      )}
      <Text size="sm" c={meetsDm ? 'teal' : 'orange'} data-testid="decision-maker-hint">
        <Group gap={4} component="span">
          {meetsDm ? <IconUserCheck size={14} /> : <IconAlertTriangle size={14} />}
          {meetsDm ? t('visits.form.meetsDecisionMaker') : hasDm ? t('visits.form.noDecisionMakerChosen') : t('visits.form.noDecisionMakerKnown')}
        </Group>
      </Text>
    </Stack>
  );
};

/** A customer's address as written on an envelope: the region, then the street (when the street does not already start with it). */
const addressOf = (c: { provinceCode?: string | null; cityCode?: string | null; districtCode?: string | null; address?: string | null }): string => {
  const region = regionPathLabel(c.provinceCode ?? undefined, c.cityCode ?? undefined, c.districtCode ?? undefined);
  const street = (c.address ?? '').trim();
  return street.startsWith(region) ? street : `${region}${street}`;
};

const VisitForm = ({ session, visit }: { session: SessionInfo; visit: VisitDetail | null }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const create = useCreateVisit();
  const update = useUpdateVisit();
  const form = useForm<Values>({ mode: 'controlled', initialValues: initialValues(visit, params.get('customerId')) });
  const f = (key: string): string => t(`visits.fields.${key}`);
  // The place defaults to the customer's address (the same query as the contact list below), until the person types one.
  const customerId = form.values.customerId;
  const card = useChannelQuery('customers.get', { id: customerId ?? '' }, { enabled: !!customerId && !visit });
  const filledPlace = useRef('');
  const address = card.data && card.data.customer.id === customerId ? addressOf(card.data.customer) : '';
  const { place } = form.values;
  const { setFieldValue } = form;
  useEffect(() => {
    if (!address || (place !== '' && place !== filledPlace.current)) return;
    filledPlace.current = address;
    setFieldValue('place', address);
  }, [address, place, setFieldValue]);

  const save = (values: Values, submit: boolean) => {
    const parsed = visitFieldsSchema.safeParse({
      customerId: values.customerId ?? '',
      plannedAt: fromLocalInput(values.plannedAt) ?? NaN,
      durationMinutes: values.durationMinutes,
      place: values.place,
      contactIds: values.contactIds,
      purpose: values.purpose,
      objectives: values.objectives,
      materials: values.materials,
      materialsOther: values.materialsOther,
      ...Object.fromEntries(visitChecklist.map((k) => [k, values.checklist.includes(k)])),
    });
    if (!parsed.success) {
      form.setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), t(i.message, { defaultValue: t('validation.invalid') })])));
      return;
    }
    const done = (v: VisitDetail) => {
      notifications.show({ color: 'green', message: submit ? t('visits.detail.submitted') : t('common.saved') });
      void navigate(`/visits/${v.id}`);
    };
    if (visit) {
      const { customerId: _ignored, ...fields } = parsed.data;
      update.mutate({ id: visit.id, fields, submit }, { onSuccess: done });
    } else create.mutate({ fields: parsed.data, submit }, { onSuccess: done });
  };

  const pending = create.isPending || update.isPending;
  return (
    <form onSubmit={form.onSubmit((v) => save(v, false))}>
      <Stack gap="sm" maw={900}>
        <Title order={3}>{visit ? t('visits.form.editTitle') : t('visits.form.newTitle')}</Title>
        {visit?.status === 'rejected' && visit.decisionComment && (
          <Alert color="red" variant="light" title={t('visits.status.rejected')}>
            {visit.decisionComment}
          </Alert>
        )}
        <Paper withBorder p="md">
          <Stack gap="sm">
            <SimpleGrid cols={2} spacing="md" verticalSpacing="xs">
              <CustomerPicker
                session={session}
                value={form.values.customerId}
                initialName={visit?.customerName}
                onChange={(id) => {
                  form.setFieldValue('customerId', id);
                  form.setFieldValue('contactIds', []);
                }}
                error={form.errors.customerId as string | undefined}
                disabled={!!visit}
              />
              <TextInput type="datetime-local" label={f('plannedAt')} withAsterisk {...form.getInputProps('plannedAt')} />
              <TextInput label={f('place')} {...form.getInputProps('place')} />
              <NumberInput label={f('duration')} min={10} max={1440} step={15} {...form.getInputProps('durationMinutes')} />
            </SimpleGrid>
            {form.values.customerId && (
              <ContactChoice
                customerId={form.values.customerId}
                value={form.values.contactIds}
                onChange={(v) => form.setFieldValue('contactIds', v)}
              />
            )}
            <Textarea label={f('purpose')} withAsterisk autosize minRows={2} {...form.getInputProps('purpose')} />
            <Textarea label={f('objectives')} autosize minRows={2} {...form.getInputProps('objectives')} />
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <SimpleGrid cols={2} spacing="lg">
            <Stack gap="xs">
              <Checkbox.Group label={f('materials')} {...form.getInputProps('materials')}>
                <SimpleGrid cols={2} spacing={6} mt={6}>
                  {visitMaterials.map((m) => (
                    <Checkbox key={m} value={m} label={t(`visits.materials.${m}`)} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
              <TextInput label={f('materialsOther')} {...form.getInputProps('materialsOther')} />
            </Stack>
            <Checkbox.Group label={f('checklist')} {...form.getInputProps('checklist')}>
              <Stack gap={6} mt={6}>
                {visitChecklist.map((k) => (
                  <Checkbox key={k} value={k} label={t(`visits.checklist.${k}`)} />
                ))}
              </Stack>
            </Checkbox.Group>
          </SimpleGrid>
        </Paper>
        <FormFooter
          error={create.error ?? update.error}
          pending={pending}
          draftLabel={t('visits.form.saveDraft')}
          submitLabel={t('visits.form.saveSubmit')}
          onSaveSubmit={() => form.onSubmit((v) => save(v, true))()}
        />
      </Stack>
    </form>
  );
};

/** /visits/new (optionally ?customerId=) and /visits/:id/edit. */
export const VisitFormPage = ({ session }: { session: SessionInfo }) => {
  const { id } = useParams();
  const visit = useChannelQuery('visits.get', { id: id ?? '' }, { enabled: !!id });
  if (!id) return <VisitForm session={session} visit={null} />;
  return <Loaded query={visit}>{(v) => <VisitForm key={v.id} session={session} visit={v} />}</Loaded>;
};
