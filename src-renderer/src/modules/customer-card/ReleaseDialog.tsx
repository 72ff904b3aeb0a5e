import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@shared/customers/types';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useBulkFeedback } from './useBulkFeedback';
import { useReleaseCustomers } from '../customer-list/hooks';

/** The owner (or a manager) returns the customer to the pool, saying why. */
export const ReleaseDialog = ({ customer, onDone }: { customer: Customer; onDone: () => void }) => {
  const { t } = useTranslation();
  const feedback = useBulkFeedback();
  const release = useReleaseCustomers();
  const [reason, setReason] = useState('');
  return (
    <Stack>
      <Text size="sm">{t('customerCard.release.text')}</Text>
      <TextInput label={t('customerCard.release.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={200} data-autofocus />
      <ErrorAlert error={release.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          color="orange"
          loading={release.isPending}
          onClick={() =>
            release.mutate({ ids: [customer.id], reason }, { onSuccess: (r) => feedback(r, t('customerCard.release.done')) && onDone() })
          }
        >
          {t('customerCard.actions.release')}
        </Button>
      </Group>
    </Stack>
  );
};
