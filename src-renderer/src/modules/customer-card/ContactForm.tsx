import { Button, Checkbox, Group, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { contactFieldsSchema } from '@shared/customers/schemas';
import type { Contact } from '@shared/customers/types';
import { formatPhone } from '@shared/rules/phone';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useZodForm } from '../ui/useZodForm';
import { useCreateContact, useUpdateContact } from '../customer-list/hooks';

const text = (v: string | null | undefined): string => v ?? '';

/** Add or edit a contact, validated by the schema the main process applies (contactFieldsSchema). */
export const ContactForm = ({
  customerId,
  contact,
  onSaved,
  onCancel,
}: {
  customerId: string;
  contact: Contact | null;
  onSaved: () => void;
  onCancel: () => void;
}) => {
  const { t } = useTranslation();
  const create = useCreateContact();
  const update = useUpdateContact();
  const form = useZodForm(contactFieldsSchema, {
    mode: 'controlled',
    initialValues: {
      name: contact?.name ?? '',
      title: text(contact?.title),
      isDecisionMaker: contact?.isDecisionMaker ?? false,
      decisionRole: text(contact?.decisionRole),
      mobile: contact?.mobile ? formatPhone(contact.mobile) : '',
      phone: contact?.phone ? formatPhone(contact.phone) : '',
      email: text(contact?.email),
      wechat: text(contact?.wechat),
      birthday: text(contact?.birthday),
      birthdayLunar: contact?.birthdayLunar ?? false,
      homeAddress: text(contact?.homeAddress),
      hobbies: text(contact?.hobbies),
      personality: text(contact?.personality),
      education: text(contact?.education),
      family: text(contact?.family),
      notes: text(contact?.notes),
    },
  });
  const f = (key: string): string => t(`customer.contactFields.${key}`);
  const error = create.error ?? update.error;
  return (
    <form
      onSubmit={form.onSubmit((values) => {
        if (contact) update.mutate({ id: contact.id, fields: values }, { onSuccess: onSaved });
        else create.mutate({ customerId, fields: values }, { onSuccess: onSaved });
      })}
    >
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="md" verticalSpacing="xs">
          <TextInput label={f('name')} withAsterisk data-autofocus {...form.getInputProps('name')} />
          <TextInput label={f('title')} {...form.getInputProps('title')} />
          <Checkbox mt={28} label={f('isDecisionMaker')} {...form.getInputProps('isDecisionMaker', { type: 'checkbox' })} />
          <TextInput label={f('decisionRole')} disabled={!form.values.isDecisionMaker} {...form.getInputProps('decisionRole')} />
          <TextInput label={f('mobile')} inputMode="tel" {...form.getInputProps('mobile')} />
          <TextInput label={f('phone')} inputMode="tel" {...form.getInputProps('phone')} />
          <TextInput label={f('email')} {...form.getInputProps('email')} />
          <TextInput label={f('wechat')} {...form.getInputProps('wechat')} />
          <TextInput label={f('birthday')} placeholder={t('customerCard.contacts.birthdayPlaceholder')} {...form.getInputProps('birthday')} />
          <Checkbox mt={28} label={f('birthdayLunar')} {...form.getInputProps('birthdayLunar', { type: 'checkbox' })} />
          <TextInput label={f('education')} {...form.getInputProps('education')} />
          <TextInput label={f('personality')} {...form.getInputProps('personality')} />
          <TextInput label={f('hobbies')} {...form.getInputProps('hobbies')} />
          <TextInput label={f('family')} {...form.getInputProps('family')} />
        </SimpleGrid>
        <TextInput label={f('homeAddress')} {...form.getInputProps('homeAddress')} />
        <Textarea label={f('notes')} autosize minRows={2} maxRows={6} {...form.getInputProps('notes')} />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
