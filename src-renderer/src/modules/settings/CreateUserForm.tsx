import { PasswordField } from '../ui/PasswordField';
import { Button, Checkbox, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { createUserInputSchema } from '@shared/schemas';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useZodForm } from '../ui/useZodForm';
import { RoleSelect } from './RoleSelect';
import { useCreateUser } from './hooks';

export const CreateUserForm = ({ onDone }: { onDone: () => void }) => {
  const { t } = useTranslation();
  const create = useCreateUser();
  const form = useZodForm(createUserInputSchema, {
    mode: 'controlled',
    initialValues: { username: '', displayName: '', role: 'sales' as const, password: '', mustChangePassword: true },
  });
  return (
    <form onSubmit={form.onSubmit((values) => create.mutate(values, { onSuccess: onDone }))}>
      <Stack>
        <TextInput label={t('users.username')} withAsterisk data-autofocus {...form.getInputProps('username')} />
        <TextInput label={t('users.displayName')} withAsterisk {...form.getInputProps('displayName')} />
        <RoleSelect label={t('users.role')} withAsterisk {...form.getInputProps('role')} />
        <PasswordField label={t('users.password')} withAsterisk autoComplete="new-password" {...form.getInputProps('password')} />
        <Checkbox
          label={t('firstLogin.mustChange')}
          description={t('firstLogin.mustChangeHint')}
          {...form.getInputProps('mustChangePassword', { type: 'checkbox' })}
        />
        <ErrorAlert error={create.error} />
        <Button type="submit" loading={create.isPending}>
          {t('common.save')}
        </Button>
      </Stack>
    </form>
  );
};
