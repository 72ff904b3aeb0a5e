import { Alert, Button, Group, Select, Stack, Textarea } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { customerStatuses, isLostStatus, type CustomerStatus } from '@shared/customers/enums';
import { setStatusSchema } from '@shared/customers/schemas';
import type { Customer } from '@shared/customers/types';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useZodForm } from '../ui/useZodForm';
import { useBulkFeedback } from './useBulkFeedback';
import { useSetCustomerStatus } from '../customer-list/hooks';

/** Lifecycle change: lost needs a reason; leaving lost for an active state is a win-back (挽回). */
export const StatusDialog = ({ customer, onDone }: { customer: Customer; onDone: () => void }) => {
  const { t } = useTranslation();
  const feedback = useBulkFeedback();
  const setStatus = useSetCustomerStatus();
  const form = useZodForm(setStatusSchema, {
    mode: 'controlled',
    initialValues: { ids: [customer.id], status: customer.status, lostReason: customer.lostReason ?? '' },
  });
  const next = form.values.status;
  const lost = isLostStatus(next);
  const winBack = isLostStatus(customer.status) && !lost;
  return (
    <form
      onSubmit={form.onSubmit((values) =>
        setStatus.mutate(
          { ids: values.ids, status: values.status, ...(lost ? { lostReason: values.lostReason } : {}) },
          { onSuccess: (r) => feedback(r, t('customerCard.status.done')) && onDone() },
        ),
      )}
    >
      <Stack>
        <Select
          label={t('customerCard.status.newStatus')}
          data={customerStatuses.map((s) => ({ value: s, label: t(`customer.status.${s}`) }))}
          allowDeselect={false}
          data-autofocus
          {...form.getInputProps('status')}
          onChange={(v) => v && form.setFieldValue('status', v as CustomerStatus)}
        />
        {lost && (
          <Textarea
            label={t('customerCard.status.lostReason')}
            placeholder={t('customerCard.status.lostReasonPlaceholder')}
            withAsterisk
            autosize
            minRows={2}
            {...form.getInputProps('lostReason')}
          />
        )}
        {winBack && (
          <Alert color="green" variant="light" icon={<IconArrowBackUp size={18} />}>
            {t('customerCard.status.winBackHint')}
          </Alert>
        )}
        <ErrorAlert error={setStatus.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={setStatus.isPending} color={winBack ? 'green' : undefined}>
            {winBack ? t('customerCard.status.winBack') : t('customerCard.status.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
