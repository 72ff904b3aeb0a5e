import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import type { ChannelInput } from '@shared/contract';
import { useChannelQuery } from '../api/hooks';

type Probe = ChannelInput<'customers.checkDuplicates'>;

/** The probe worth sending: a real name, a whole credit code, a phone long enough to mean something (the service ignores shorter). */
export const duplicateProbe = (values: { name?: string | null; creditCode?: string | null; phone?: string | null }, excludeId?: string): Probe => {
  const probe: Probe = {};
  const name = values.name?.trim() ?? '';
  if (name.length >= 2) probe.name = name;
  const code = values.creditCode?.replace(/\s/g, '') ?? '';
  if (code.length === 18) probe.creditCode = code;
  const phone = values.phone ?? '';
  if (phone.replace(/\D/g, '').length >= 7) probe.phone = phone;
  if (excludeId && (probe.name || probe.creditCode || probe.phone)) probe.excludeId = excludeId;
  return probe;
};

const isEmpty = (p: Probe): boolean => !p.name && !p.creditCode && !p.phone;

/** Possible duplicates of what is being typed, checked a moment after typing stops. */
export const useDuplicateCheck = (probe: Probe) => {
  const [key] = useDebouncedValue(JSON.stringify(probe), 400);
  const debounced = JSON.parse(key) as Probe;
  const enabled = !isEmpty(debounced);
  const query = useChannelQuery('customers.checkDuplicates', debounced, { enabled, placeholderData: keepPreviousData });
  return { hits: enabled ? (query.data ?? []) : [], checking: enabled && query.isFetching };
};
