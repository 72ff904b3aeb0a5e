import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@shared/customers/types';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useBulkFeedback } from './useBulkFeedback';
import { useUserDirectory } from './useUserDirectory';
import { useAssignCustomers } from '../customer-list/hooks';

const POOL = '__pool__';

/** A manager hands the customer to someone (the 7-day first-contact clock restarts) or back to the pool. */
export const AssignDialog = ({ customer, onDone }: { customer: Customer; onDone: () => void }) => {
  const { t } = useTranslation();
  const feedback = useBulkFeedback();
  const { users } = useUserDirectory();
  const assign = useAssignCustomers();
  const [to, setTo] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const options = [
    ...users
      .filter((u) => u.active && u.id !== customer.owner?.id)
      .map((u) => ({ value: u.id, label: `${u.displayName}（${t(`roles.${u.role}`)}）` })),
    ...(customer.owner ? [{ value: POOL, label: t('customerCard.assign.pool') }] : []),
  ];
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('customerCard.assign.current', { name: customer.owner?.displayName ?? t('customer.pool') })}
      </Text>
      <Select label={t('customerCard.assign.to')} data={options} value={to} onChange={setTo} searchable withAsterisk data-autofocus />
      <TextInput label={t('customerCard.assign.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={200} />
      <ErrorAlert error={assign.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          disabled={!to}
          loading={assign.isPending}
          onClick={() =>
            to &&
            assign.mutate(
              { ids: [customer.id], ownerId: to === POOL ? null : to, reason },
              { onSuccess: (r) => feedback(r, t('customerCard.assign.done')) && onDone() },
            )
          }
        >
          {t('common.confirm')}
        </Button>
      </Group>
    </Stack>
  );
};
