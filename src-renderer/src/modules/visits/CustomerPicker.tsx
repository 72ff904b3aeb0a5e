import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@shared/types';
import { useChannelQuery } from '../api/hooks';

/** Picks a customer the user may write visits and minutes for: a salesperson's own, any with UserCan.workForAnyCustomer. */
export const CustomerPicker = ({
  session,
  value,
  initialName,
  onChange,
  error,
  disabled,
}: {
  session: SessionInfo;
  value: string | null;
  initialName?: string;
  onChange: (id: string | null) => void;
  error?: string;
  disabled?: boolean;
}) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState(initialName ?? '');
  const [debounced] = useDebouncedValue(search, 250);
  const list = useChannelQuery('customers.list', {
    filter: { ...(session.user.can.workForAnyCustomer ? {} : { owner: 'me' as const }), ...(debounced.trim() ? { text: debounced.trim() } : {}) },
    sort: { field: 'name', dir: 'asc' },
    limit: 50,
  });
  const data = (list.data?.rows ?? []).map((r) => ({ value: r.id, label: r.name }));
  // A customer given from outside (the card's 计划拜访, ?customerId=) is shown by its name even when it is not among the 50 listed.
  const listed = !value || data.some((d) => d.value === value);
  const given = useChannelQuery('customers.get', { id: value ?? '' }, { enabled: !listed && !initialName });
  const name = initialName ?? given.data?.customer.name;
  if (value && name && !listed) data.unshift({ value, label: name });
  return (
    <Select
      label={t('visits.fields.customer')}
      placeholder={t('visits.form.customerPlaceholder')}
      withAsterisk
      searchable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={onChange}
      filter={({ options }) => options}
      nothingFoundMessage={list.isFetching ? t('common.loading') : undefined}
      error={error}
      disabled={disabled}
      data-testid="customer-picker"
    />
  );
};
