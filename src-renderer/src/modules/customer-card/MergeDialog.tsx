import { Alert, Button, Center, Group, Loader, Radio, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowsJoin2, IconInfoCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { customerFieldsSchema } from '@shared/customers/schemas';
import type { Customer } from '@shared/customers/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useFieldText } from './useFieldText';
import { useMergeCustomers } from '../customer-list/hooks';

type Side = 'this' | 'other';

const mergeFields = Object.keys(customerFieldsSchema.shape) as (keyof typeof customerFieldsSchema.shape)[];
const empty = (v: unknown): boolean => v === null || v === undefined || v === '';

/** The server's default when nobody chooses: the survivor's value, or the other's where the survivor has none. */
const defaults = (a: Customer, b: Customer, keep: Side): Record<string, Side> => {
  const out: Record<string, Side> = {};
  for (const f of mergeFields) {
    const mine = keep === 'this' ? a[f] : b[f];
    out[f] = empty(mine) ? (keep === 'this' ? 'other' : 'this') : keep;
  }
  return out;
};

const Comparison = ({ me, other, onDone }: { me: Customer; other: Customer; onDone: () => void }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { label, value } = useFieldText();
  const client = useQueryClient();
  // When the other record survives, this card is merged away: the page leaves it and drops its cached answer (it would read "not found").
  const merge = useMergeCustomers();
  const [keep, setKeep] = useState<Side>('this');
  const [choices, setChoices] = useState<Record<string, Side>>(() => defaults(me, other, 'this'));
  const rows = mergeFields.filter((f) => !empty(me[f]) || !empty(other[f]));
  const differs = (f: (typeof mergeFields)[number]): boolean => JSON.stringify(me[f]) !== JSON.stringify(other[f]);
  const survivor = keep === 'this' ? me : other;
  const merged = keep === 'this' ? other : me;
  const submit = () => {
    const sent: Record<string, 'survivor' | 'merged'> = {};
    for (const f of rows.filter(differs)) sent[f] = choices[f] === keep ? 'survivor' : 'merged';
    merge.mutate(
      { survivorId: survivor.id, mergedId: merged.id, choices: sent },
      {
        onSuccess: async () => {
          notifications.show({ color: 'green', message: t('customerCard.merge.done') });
          onDone();
          if (survivor.id !== me.id) {
            await navigate(`/customers/${survivor.id}`);
            client.removeQueries({ queryKey: ['customers.get', { id: me.id }] });
          }
        },
      },
    );
  };
  const cell = (f: (typeof mergeFields)[number], side: Side) => {
    const v = value(f, side === 'this' ? me[f] : other[f]);
    if (!differs(f)) return <Text size="sm">{v}</Text>;
    return (
      <Radio
        size="xs"
        checked={choices[f] === side}
        onChange={() => setChoices((c) => ({ ...c, [f]: side }))}
        label={v || t('customerCard.emptyValue')}
        styles={{ label: { wordBreak: 'break-word' } }}
        data-testid={`merge-${f}-${side}`}
      />
    );
  };
  return (
    <Stack gap="sm">
      <Group gap="sm" align="center">
        <Text size="sm" fw={500}>
          {t('customerCard.merge.survivor')}
        </Text>
        <SegmentedControl
          size="xs"
          value={keep}
          onChange={(v) => {
            setKeep(v as Side);
            setChoices(defaults(me, other, v as Side));
          }}
          data={[
            { value: 'this', label: t('customerCard.merge.keepThis') },
            { value: 'other', label: t('customerCard.merge.keepOther') },
          ]}
        />
      </Group>
      <Alert variant="light" color="blue" icon={<IconInfoCircle size={16} />} p="xs">
        <Text size="xs">{t('customerCard.merge.survivorHint')}</Text>
      </Alert>
      <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm" data-testid="merge-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>{t('customerCard.merge.field')}</Table.Th>
            <Table.Th>
              {t('customerCard.merge.thisCustomer')}
              {t('customerCard.colon')}
              {me.name}
            </Table.Th>
            <Table.Th>
              {t('customerCard.merge.otherCustomer')}
              {t('customerCard.colon')}
              {other.name}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((f) => (
            <Table.Tr key={f} bg={differs(f) ? undefined : 'gray.0'}>
              <Table.Td c="dimmed">{label(f)}</Table.Td>
              <Table.Td>{cell(f, 'this')}</Table.Td>
              <Table.Td>{cell(f, 'other')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ErrorAlert error={merge.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button color="orange" leftSection={<IconArrowsJoin2 size={14} />} loading={merge.isPending} onClick={submit}>
          {t('customerCard.merge.submit')}
        </Button>
      </Group>
    </Stack>
  );
};

/**
 * Merging a duplicate into one record (managers): pick the other customer,
 * choose the surviving record and, field by field, whose value stays.
 */
export const MergeDialog = ({ customer, initialOtherId, onDone }: { customer: Customer; initialOtherId: string | null; onDone: () => void }) => {
  const { t } = useTranslation();
  const [otherId, setOtherId] = useState<string | null>(initialOtherId);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const duplicates = useChannelQuery('customers.checkDuplicates', {
    name: customer.name,
    ...(customer.creditCode ? { creditCode: customer.creditCode } : {}),
    ...(customer.phone ? { phone: customer.phone } : {}),
    excludeId: customer.id,
  });
  const found = useChannelQuery('customers.list', { filter: { text: debounced }, limit: 20 }, { enabled: debounced.length > 0 });
  const other = useChannelQuery('customers.get', { id: otherId ?? '' }, { enabled: otherId !== null });
  const suggestions = (duplicates.data ?? []).filter((h) => h.canOpen).map((h) => ({ value: h.id, label: h.name }));
  const results = (found.data?.rows ?? []).filter((r) => r.id !== customer.id && !suggestions.some((s) => s.value === r.id));
  const data = [
    ...(suggestions.length ? [{ group: t('customerCard.merge.suggestions'), items: suggestions }] : []),
    ...(results.length ? [{ group: t('customerCard.merge.pick'), items: results.map((r) => ({ value: r.id, label: r.name })) }] : []),
  ];
  return (
    <Stack>
      <Select
        label={t('customerCard.merge.pick')}
        placeholder={t('customerCard.merge.pickPlaceholder')}
        data={data}
        value={otherId}
        onChange={setOtherId}
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        filter={({ options }) => options}
        nothingFoundMessage={debounced ? t('customerCard.search.empty') : undefined}
        data-autofocus
        data-testid="merge-pick"
      />
      {otherId && other.isPending && (
        <Center p="md">
          <Loader size="sm" />
        </Center>
      )}
      <ErrorAlert error={other.error} />
      {otherId && other.data && <Comparison key={otherId} me={customer} other={other.data.customer} onDone={onDone} />}
    </Stack>
  );
};
