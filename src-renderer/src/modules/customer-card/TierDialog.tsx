import { Button, Group, NumberInput, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerTiers, type CustomerTier } from '@shared/customers/enums';
import type { Customer } from '@shared/customers/types';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useBulkFeedback } from './useBulkFeedback';
import { useSetCustomerTier } from '../customer-list/hooks';

/** The manual tier (重要/主要/普通/小客户) and VIP level, managers only. */
export const TierDialog = ({ customer, onDone }: { customer: Customer; onDone: () => void }) => {
  const { t } = useTranslation();
  const feedback = useBulkFeedback();
  const setTier = useSetCustomerTier();
  const [tier, setTierValue] = useState<string | null>(customer.tier);
  const [vip, setVip] = useState<number | string>(customer.vipLevel ?? '');
  const vipLevel = typeof vip === 'number' ? vip : null;
  return (
    <Stack>
      <Select
        label={t('customerCard.tier.tier')}
        placeholder={t('customerCard.tier.none')}
        data={customerTiers.map((v) => ({ value: v, label: t(`customer.tier.${v}`) }))}
        value={tier}
        onChange={setTierValue}
        clearable
        data-autofocus
      />
      <NumberInput label={t('customerCard.tier.vip')} value={vip} onChange={setVip} min={0} max={10} allowDecimal={false} allowNegative={false} />
      <ErrorAlert error={setTier.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          loading={setTier.isPending}
          onClick={() =>
            setTier.mutate(
              { ids: [customer.id], tier: tier as CustomerTier | null, vipLevel },
              { onSuccess: (r) => feedback(r, t('customerCard.tier.done')) && onDone() },
            )
          }
        >
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
};
