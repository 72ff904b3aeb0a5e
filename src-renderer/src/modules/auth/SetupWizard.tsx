import { PasswordField } from '../ui/PasswordField';
import { Anchor, Button, Group, Stack, Stepper, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@shared/roles';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useZodForm } from '../ui/useZodForm';
import { AuthFrame } from './AuthFrame';
import { JoinFromBackup } from './JoinFromBackup';
import { RecoveryKeyCard } from './RecoveryKeyCard';
import { setupFormSchema } from './formSchemas';
import { useCreateWorkspace } from './hooks';

/** First run: company → administrator → recovery key (shown once, confirmed saved) → login. */
export const SetupWizard = () => {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [step, setStep] = useState(0);
  const [joining, setJoining] = useState(false);
  const create = useCreateWorkspace();
  const form = useZodForm(setupFormSchema, {
    mode: 'controlled',
    initialValues: { companyName: '', adminUsername: '', adminDisplayName: '', password: '', passwordConfirm: '' },
  });

  const next = () => {
    if (!form.validateField('companyName').hasError) setStep(1);
  };
  const submit = form.onSubmit((values) => {
    create.mutate(
      {
        companyName: values.companyName,
        adminUsername: values.adminUsername,
        adminDisplayName: values.adminDisplayName,
        password: values.password,
        locale: i18n.language as Locale,
      },
      { onSuccess: () => setStep(2) },
    );
  });
  // The status is refetched only after the key was confirmed: it then says "initialized" and the login screen opens.
  const finish = () => void client.invalidateQueries({ queryKey: ['app.status'] });

  if (joining)
    return (
      <AuthFrame title={t('join.title')} subtitle={t('setup.subtitle')} width={600}>
        <JoinFromBackup onCancel={() => setJoining(false)} />
      </AuthFrame>
    );
  return (
    <AuthFrame title={t('setup.title')} subtitle={t('setup.subtitle')} width={600}>
      {step === 0 && (
        <Text size="sm" mb="sm" data-testid="join-offer">
          {t('join.offer')}{' '}
          <Anchor component="button" type="button" size="sm" onClick={() => setJoining(true)}>
            {t('join.offerLink')}
          </Anchor>
        </Text>
      )}
      <Stepper active={step} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t('setup.stepCompany')}>
          <Stack mt="md">
            <TextInput
              label={t('setup.companyName')}
              description={t('setup.companyNameHint')}
              withAsterisk
              data-autofocus
              {...form.getInputProps('companyName')}
              onKeyDown={(e) => e.key === 'Enter' && next()}
            />
            <Group justify="flex-end">
              <Button onClick={next}>{t('common.next')}</Button>
            </Group>
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={t('setup.stepAdmin')}>
          <form onSubmit={submit}>
            <Stack mt="md">
              <TextInput label={t('setup.adminUsername')} withAsterisk {...form.getInputProps('adminUsername')} />
              <TextInput label={t('setup.adminDisplayName')} withAsterisk {...form.getInputProps('adminDisplayName')} />
              <PasswordField
                label={t('setup.password')}
                description={t('setup.passwordHint')}
                withAsterisk
                {...form.getInputProps('password')}
              />
              <PasswordField label={t('setup.passwordConfirm')} withAsterisk {...form.getInputProps('passwordConfirm')} />
              <ErrorAlert error={create.error} />
              <Group justify="space-between">
                <Button variant="default" onClick={() => setStep(0)} disabled={create.isPending}>
                  {t('common.back')}
                </Button>
                <Button type="submit" loading={create.isPending}>
                  {t('setup.create')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Stepper.Step>
        <Stepper.Step label={t('setup.stepRecovery')}>
          {create.data && (
            <RecoveryKeyCard
              recoveryKey={create.data.recoveryKey}
              companyName={form.getValues().companyName}
              doneLabel={t('setup.recoveryDone')}
              onDone={finish}
            />
          )}
        </Stepper.Step>
      </Stepper>
    </AuthFrame>
  );
};
