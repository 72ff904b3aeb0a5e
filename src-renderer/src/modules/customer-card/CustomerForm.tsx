import {
  Alert,
  Button,
  Group,
  Loader,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconLock, IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { customerSources, financialFields, staffSizes } from '@shared/customers/enums';
import { customerFieldsSchema, type CustomerFields, type CustomerFieldsInput } from '@shared/customers/schemas';
import type { Customer, DuplicateHit } from '@shared/customers/types';
import type { SessionInfo } from '@shared/types';
import { formatPhone } from '@shared/rules/phone';
import { ApiError, call } from '../api/api';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useZodForm } from '../ui/useZodForm';
import { DuplicateList } from './DuplicateList';
import { RegionSelects } from './RegionSelects';
import { duplicateProbe, useDuplicateCheck } from './useDuplicateCheck';
import { bringIntoView, focusFirstError } from '../ui/focusFirstError';
import { useUserDirectory } from './useUserDirectory';
import { useCreateCustomer, useTagCustomers, useUpdateCustomer } from '../customer-list/hooks';

const text = (v: string | null | undefined): string => v ?? '';

const toFormValues = (c: Customer | null): CustomerFieldsInput => ({
  name: c?.name ?? '',
  shortName: text(c?.shortName),
  creditCode: text(c?.creditCode),
  legalRep: text(c?.legalRep),
  industry: text(c?.industry),
  staffSize: c?.staffSize ?? null,
  registeredCapital: c?.registeredCapital ?? null,
  registeredCapitalCurrency: c?.registeredCapitalCurrency ?? null,
  foundedOn: text(c?.foundedOn),
  description: text(c?.description),
  creditRating: text(c?.creditRating),
  source: c?.source ?? null,
  provinceCode: c?.provinceCode ?? null,
  cityCode: c?.cityCode ?? null,
  districtCode: c?.districtCode ?? null,
  address: text(c?.address),
  website: text(c?.website),
  phone: c?.phone ? formatPhone(c.phone) : '',
  email: text(c?.email),
  bankName: text(c?.bankName),
  bankAccount: text(c?.bankAccount),
  taxId: text(c?.taxId),
  creditStatus: text(c?.creditStatus),
  purchaseHabits: text(c?.purchaseHabits),
  purchaseCycle: text(c?.purchaseCycle),
  preferences: text(c?.preferences),
  interests: text(c?.interests),
  notes: text(c?.notes),
});

const financial = new Set<string>(financialFields);

/** The fields an edit really changes (the service ignores the rest anyway; sending less keeps the history honest). */
const changedFields = (next: CustomerFields, current: Customer): Partial<CustomerFields> => {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (current.financialHidden && financial.has(key)) continue;
    if (JSON.stringify(value) !== JSON.stringify(current[key as keyof CustomerFields])) patch[key] = value;
  }
  return patch as Partial<CustomerFields>;
};

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <Paper withBorder p="md">
    <Title order={5} mb="sm" c="blue.9">
      {title}
    </Title>
    {children}
  </Paper>
);

const Wide = ({ children }: { children: ReactNode }) => <div style={{ gridColumn: '1 / -1' }}>{children}</div>;

/**
 * The create/edit form, validated by the schema the main process applies
 * (customerFieldsSchema). Before a new customer is saved, possible duplicates
 * are shown with their owner; saving over them needs an explicit "仍然保存".
 */
export const CustomerForm = ({ session, customer, onReload }: { session: SessionInfo; customer: Customer | null; onReload: () => void }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  // A new customer's owner: a manager may choose anyone or the pool (UserCan.assignCustomers); a salesperson owns what they record.
  const chooseOwner = session.user.can.assignCustomers;
  const editing = customer !== null;
  const tagList = useChannelQuery('tags.list', {});
  const { users } = useUserDirectory();
  const create = useCreateCustomer();
  const update = useUpdateCustomer();
  const bulkTag = useTagCustomers();
  const [tagIds, setTagIds] = useState<string[]>(customer?.tags.map((tag) => tag.id) ?? []);
  const [owner, setOwner] = useState<string>('me');
  const [confirmHits, setConfirmHits] = useState<DuplicateHit[] | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // The version the form was loaded from: a newer one on the server means someone else saved meanwhile.
  const [loadedAt] = useState(customer?.updatedAt);
  const form = useZodForm(customerFieldsSchema, {
    mode: 'controlled',
    initialValues: toFormValues(customer),
    // A confirmation was for the duplicates of what was typed then; new name, code or phone, new check.
    onValuesChange: (next, previous) => {
      if (next.name !== previous.name || next.creditCode !== previous.creditCode || next.phone !== previous.phone) setConfirmHits(null);
    },
  });
  const v = form.values;
  const live = useDuplicateCheck(duplicateProbe(v, customer?.id));
  const f = (key: string): string => t(`customer.fields.${key}`);
  const error = create.error ?? update.error ?? bulkTag.error;
  const conflict = error instanceof ApiError && error.data.code === 'CONFLICT';

  const ownerId = (): string | null | undefined => (!chooseOwner || owner === 'me' ? undefined : owner === 'pool' ? null : owner);

  const save = async (values: CustomerFieldsInput, confirmDuplicates: boolean): Promise<void> => {
    const fields = customerFieldsSchema.parse(values);
    if (!customer) {
      if (!confirmDuplicates) {
        // Checked again on submit: the debounced check may not have caught the last keystroke.
        const hits = await call('customers.checkDuplicates', duplicateProbe(values));
        if (hits.length && !hits.some((h) => h.matchedOn.includes('creditCode'))) {
          setConfirmHits(hits);
          return;
        }
      }
      try {
        const created = await create.mutateAsync({ fields, tagIds, ownerId: ownerId(), confirmDuplicates });
        notifications.show({ color: 'green', message: t('customerCard.form.created') });
        void navigate(`/customers/${created.id}`);
      } catch (e) {
        if (e instanceof ApiError && e.data.code === 'POSSIBLE_DUPLICATES') {
          setConfirmHits(await call('customers.checkDuplicates', duplicateProbe(values)));
          create.reset();
        }
      }
      return;
    }
    const patch = changedFields(fields, customer);
    const before = new Set(customer.tags.map((tag) => tag.id));
    const add = tagIds.filter((id) => !before.has(id));
    const remove = [...before].filter((id) => !tagIds.includes(id));
    try {
      if (Object.keys(patch).length) await update.mutateAsync({ id: customer.id, fields: patch, expectedUpdatedAt: loadedAt });
      if (add.length || remove.length) await bulkTag.mutateAsync({ ids: [customer.id], add, remove });
      const changed = Object.keys(patch).length > 0 || add.length > 0 || remove.length > 0;
      notifications.show({ color: changed ? 'green' : 'gray', message: changed ? t('customerCard.form.saved') : t('customerCard.form.noChanges') });
      void navigate(`/customers/${customer.id}`);
    } catch {
      // The error is on the mutation and shown below the form.
    }
  };

  const submit = (confirmDuplicates: boolean) =>
    form.onSubmit(
      async (values) => {
        setSubmitting(true);
        try {
          await save(values, confirmDuplicates);
        } finally {
          setSubmitting(false);
        }
      },
      // An invalid field far down a long form: go to it.
      () => focusFirstError(),
    );

  const hits = live.hits;
  const sameCode = hits.some((h) => h.matchedOn.includes('creditCode'));
  const ownerOptions = [
    { value: 'me', label: `${t('customerCard.form.ownerMe')}（${session.user.displayName}）` },
    { value: 'pool', label: t('customerCard.form.ownerPool') },
    ...users.filter((u) => u.active && u.id !== session.user.id).map((u) => ({ value: u.id, label: `${u.displayName}（${t(`roles.${u.role}`)}）` })),
  ];

  return (
    <form onSubmit={submit(false)} noValidate>
      <Stack gap="sm">
        {hits.length > 0 && !confirmHits && (
          <Alert
            color={sameCode ? 'red' : 'orange'}
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title={t('customerCard.duplicates.title', { count: hits.length })}
            data-testid="duplicates-alert"
          >
            <Stack gap="xs">
              <DuplicateList hits={hits} />
              {sameCode && !editing && (
                <Text size="sm" c="red.8">
                  {t('customerCard.duplicates.sameCode')}
                </Text>
              )}
            </Stack>
          </Alert>
        )}
        <Section title={t('customer.sections.basic')}>
          <SimpleGrid cols={2} spacing="md" verticalSpacing="xs">
            <TextInput
              label={f('name')}
              withAsterisk
              data-autofocus
              rightSection={live.checking ? <Loader size={14} /> : null}
              {...form.getInputProps('name')}
            />
            <TextInput label={f('shortName')} {...form.getInputProps('shortName')} />
            <TextInput
              label={f('creditCode')}
              description={t('customerCard.form.creditCodeHint')}
              maxLength={24}
              styles={{ input: { fontFamily: 'monospace' } }}
              {...form.getInputProps('creditCode')}
            />
            <TextInput label={f('legalRep')} {...form.getInputProps('legalRep')} style={{ alignSelf: 'end' }} />
            <TextInput label={f('industry')} {...form.getInputProps('industry')} />
            <Select
              label={f('staffSize')}
              data={staffSizes.map((s) => ({ value: s, label: t(`customer.staffSize.${s}`) }))}
              clearable
              {...form.getInputProps('staffSize')}
            />
            <NumberInput
              label={f('registeredCapital')}
              prefix="¥"
              thousandSeparator=","
              decimalScale={2}
              min={0}
              allowNegative={false}
              value={v.registeredCapital ?? ''}
              onChange={(n) => form.setFieldValue('registeredCapital', typeof n === 'number' ? n : null)}
              error={form.errors.registeredCapital}
            />
            <TextInput label={f('foundedOn')} placeholder={t('customerCard.form.datePlaceholder')} {...form.getInputProps('foundedOn')} />
            <TextInput label={f('creditRating')} {...form.getInputProps('creditRating')} />
            <Select
              label={f('source')}
              data={customerSources.map((s) => ({ value: s, label: t(`customer.source.${s}`) }))}
              clearable
              searchable
              {...form.getInputProps('source')}
            />
            {!editing && chooseOwner ? (
              <Select
                label={f('owner')}
                data={ownerOptions}
                value={owner}
                onChange={(o) => setOwner(o ?? 'me')}
                allowDeselect={false}
                searchable
                data-testid="owner-select"
              />
            ) : (
              <TextInput
                label={f('owner')}
                value={editing ? (customer.owner?.displayName ?? t('customer.pool')) : session.user.displayName}
                readOnly
                variant="filled"
              />
            )}
            <MultiSelect
              label={f('tags')}
              placeholder={tagIds.length ? undefined : t('customerCard.form.tagsPlaceholder')}
              data={(tagList.data ?? []).map((tag) => ({ value: tag.id, label: tag.name }))}
              value={tagIds}
              onChange={setTagIds}
              searchable
              clearable
            />
            <Wide>
              <Textarea label={f('description')} autosize minRows={2} maxRows={6} {...form.getInputProps('description')} />
            </Wide>
          </SimpleGrid>
        </Section>

        <Section title={t('customer.sections.address')}>
          <SimpleGrid cols={2} spacing="md" verticalSpacing="xs">
            <Wide>
              <RegionSelects
                value={{ provinceCode: v.provinceCode ?? null, cityCode: v.cityCode ?? null, districtCode: v.districtCode ?? null }}
                onChange={(codes) => form.setValues(codes)}
              />
            </Wide>
            <Wide>
              <TextInput label={f('address')} {...form.getInputProps('address')} />
            </Wide>
            <TextInput label={f('phone')} inputMode="tel" {...form.getInputProps('phone')} />
            <TextInput label={f('email')} {...form.getInputProps('email')} />
            <TextInput label={f('website')} {...form.getInputProps('website')} />
          </SimpleGrid>
        </Section>

        <Section title={t('customer.sections.financial')}>
          {customer?.financialHidden ? (
            <Group gap="xs">
              <IconLock size={16} color="var(--mantine-color-dimmed)" />
              <Text size="sm" c="dimmed">
                {t('customerCard.form.financialHiddenNote')}
              </Text>
            </Group>
          ) : (
            <SimpleGrid cols={2} spacing="md" verticalSpacing="xs">
              <TextInput label={f('bankName')} {...form.getInputProps('bankName')} />
              <TextInput label={f('bankAccount')} {...form.getInputProps('bankAccount')} />
              <TextInput label={f('taxId')} {...form.getInputProps('taxId')} />
              <TextInput label={f('creditStatus')} {...form.getInputProps('creditStatus')} />
            </SimpleGrid>
          )}
        </Section>

        <Section title={t('customer.sections.behaviour')}>
          <SimpleGrid cols={2} spacing="md" verticalSpacing="xs">
            <Textarea label={f('purchaseHabits')} autosize minRows={1} maxRows={4} {...form.getInputProps('purchaseHabits')} />
            <TextInput label={f('purchaseCycle')} {...form.getInputProps('purchaseCycle')} />
            <Textarea label={f('preferences')} autosize minRows={1} maxRows={4} {...form.getInputProps('preferences')} />
            <Textarea label={f('interests')} autosize minRows={1} maxRows={4} {...form.getInputProps('interests')} />
            <Wide>
              <Textarea label={f('notes')} autosize minRows={2} maxRows={8} {...form.getInputProps('notes')} />
            </Wide>
          </SimpleGrid>
        </Section>

        {confirmHits && confirmHits.length > 0 && (
          <Alert
            ref={bringIntoView}
            color="orange"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title={t('customerCard.duplicates.title', { count: confirmHits.length })}
            data-testid="duplicates-confirm"
          >
            <Stack gap="xs">
              <DuplicateList hits={confirmHits} />
              <Text size="sm">{t('customerCard.duplicates.confirmText')}</Text>
              <Group gap="xs">
                <Button size="xs" color="orange" loading={submitting} onClick={() => submit(true)()}>
                  {t('customerCard.duplicates.saveAnyway')}
                </Button>
                <Button size="xs" variant="default" onClick={() => setConfirmHits(null)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {conflict ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert" data-testid="conflict">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('customerCard.form.conflict')}</Text>
              <Button size="xs" variant="light" color="red" leftSection={<IconRefresh size={14} />} onClick={onReload}>
                {t('customerCard.form.reload')}
              </Button>
            </Stack>
          </Alert>
        ) : (
          <ErrorAlert error={error} />
        )}
        <Group justify="flex-end" pb="md">
          <Button
            variant="default"
            onClick={() => {
              void client.cancelQueries({ queryKey: ['customers.checkDuplicates'] });
              void navigate(customer ? `/customers/${customer.id}` : '/customers');
            }}
          >
            {t('customerCard.form.cancel')}
          </Button>
          <Button type="submit" loading={submitting && !confirmHits} disabled={confirmHits !== null}>
            {editing ? t('customerCard.form.save') : t('customerCard.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
