import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChannelQuery } from '../api/hooks';

/** A customer chosen by typing part of its name (the global search: name, pinyin, phone …). */
export const CustomerPicker = ({ value, label, onChange }: { value: string | null; label: string | null; onChange: (id: string | null, name: string | null) => void }) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const hits = useChannelQuery('search.query', { q: debounced, limit: 20 }, { enabled: debounced.length > 0 });
  const options = new Map<string, string>();
  if (value && label) options.set(value, label);
  for (const h of hits.data ?? []) if (h.kind === 'customer' && h.canOpen) options.set(h.customerId, h.title);
  return (
    <Select
      label={t('orders.filters.customer')}
      placeholder={t('orders.filters.customer')}
      searchable
      clearable
      w={240}
      data={[...options].map(([v, l]) => ({ value: v, label: l }))}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      onChange={(id, option) => onChange(id, option?.label ?? null)}
      nothingFoundMessage={debounced ? '—' : undefined}
      data-testid="filter-customer"
    />
  );
};
