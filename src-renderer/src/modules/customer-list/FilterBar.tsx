import { Button, CloseButton, Group, NumberInput, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDate } from '@shared/dates';
import { customerGrades, customerSources, customerStatuses, customerTiers } from '@shared/customers/enums';
import type { CustomerFilter } from '@shared/customers/schemas';
import type { Tag } from '@shared/customers/types';
import { citiesOf, provinces } from '@shared/regions';
import { FilterMenu } from './FilterMenu';
import { activeFilterCount } from './listState';
import type { DirectoryUser } from './useDirectory';

const OWNER_ANY = '';

/** 2026-11-23 ↔ local midnight in ms (the end of that day for "to"). */
const toDateText = (ms: number | undefined): string => (ms === undefined ? '' : localDate(ms));
const fromDateText = (v: string, endOfDay: boolean): number | null => {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(y, mo - 1, d);
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  if (endOfDay) date.setDate(date.getDate() + 1);
  return date.getTime() - (endOfDay ? 1 : 0);
};

/**
 * A date typed the way tables show it (2026-11-23), not the browser's date
 * widget, whose format follows the operating system's locale. Applied once
 * it is a real date; cleared when emptied.
 */
const DateField = ({ value, onChange, endOfDay, label }: { value: number | undefined; onChange: (v: number | undefined) => void; endOfDay: boolean; label: string }) => {
  const { t } = useTranslation();
  const [text, setText] = useState(toDateText(value));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setText(toDateText(value));
  }
  const parsed = text.trim() === '' ? undefined : fromDateText(text, endOfDay);
  return (
    <TextInput
      size="xs"
      w={104}
      aria-label={label}
      placeholder={t('customerList.filters.datePlaceholder')}
      value={text}
      error={parsed === null}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setText(v);
        const ms = v.trim() === '' ? undefined : fromDateText(v, endOfDay);
        if (ms !== null && ms !== value) {
          setSeen(ms);
          onChange(ms);
        }
      }}
    />
  );
};

/** A text field that reports after the user pauses typing, and at once when cleared. */
const DebouncedText = ({
  value,
  onChange,
  ...props
}: { value: string | undefined; onChange: (v: string | undefined) => void; placeholder: string; 'aria-label': string; w: number; withIcon?: boolean }) => {
  const [text, setText] = useState(value ?? '');
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    // The filter was reset from outside (clear, quick view): follow it.
    setSeen(value);
    setText(value ?? '');
  }
  const report = useDebouncedCallback((v: string) => onChange(v.trim() || undefined), 300);
  const { withIcon, ...rest } = props;
  return (
    <TextInput
      size="xs"
      {...rest}
      value={text}
      leftSection={withIcon ? <IconSearch size={14} /> : undefined}
      rightSection={
        text ? (
          <CloseButton
            size="xs"
            onClick={() => {
              setText('');
              onChange(undefined);
            }}
            aria-label={props['aria-label']}
          />
        ) : undefined
      }
      onChange={(e) => {
        setText(e.currentTarget.value);
        report(e.currentTarget.value);
      }}
    />
  );
};

type Props = {
  filter: CustomerFilter;
  onChange: (filter: CustomerFilter) => void;
  /** The session may list everyone's customers (UserCan.seeTeam): the owner filter names every user. */
  seeTeam: boolean;
  users: DirectoryUser[];
  tags: Tag[];
};

/**
 * Every filter of the customer list. The everyday ones are always shown;
 * region, industry, tier, dates and days since update fold away.
 */
export const FilterBar = ({ filter, onChange, seeTeam, users, tags }: Props) => {
  const { t } = useTranslation();
  const [more, setMore] = useState(false);
  const set = (patch: Partial<CustomerFilter>) => onChange({ ...filter, ...patch });

  const ownerData = useMemo(() => {
    const base = [
      { value: OWNER_ANY, label: t('customerList.filters.ownerAny') },
      { value: 'me', label: t('customerList.filters.ownerMe') },
      { value: 'pool', label: t('customerList.filters.ownerPool') },
    ];
    if (!seeTeam) return base;
    return [
      ...base,
      ...users.map((u) => ({
        value: u.id,
        label: u.active ? u.displayName : t('customerList.filters.ownerInactive', { name: u.displayName }),
      })),
    ];
  }, [t, seeTeam, users]);
  const provinceData = useMemo(() => provinces().map((p) => ({ value: p.code, label: p.name })), []);
  const cityData = useMemo(
    () => (filter.provinceCode ? citiesOf(filter.provinceCode).map((c) => ({ value: c.code, label: c.name })) : []),
    [filter.provinceCode],
  );
  const hiddenCount = [filter.tier?.length, filter.provinceCode, filter.cityCode, filter.industry, filter.createdFrom, filter.createdTo].filter(
    (v) => v !== undefined && v !== 0,
  ).length;
  const anySet = activeFilterCount(filter) > 0 || filter.owner !== undefined || filter.staleDays !== undefined;

  return (
    <Group gap={6} wrap="wrap" data-testid="filter-bar">
      <DebouncedText
        w={200}
        withIcon
        value={filter.text}
        onChange={(text) => set({ text })}
        placeholder={t('customerList.filters.textPlaceholder')}
        aria-label={t('customerList.filters.text')}
      />
      <Select
        size="xs"
        w={150}
        aria-label={t('customerList.filters.owner')}
        data={ownerData}
        value={filter.owner ?? OWNER_ANY}
        onChange={(v) => set({ owner: v ? (v as CustomerFilter['owner']) : undefined })}
        allowDeselect={false}
        searchable={seeTeam}
        comboboxProps={{ withinPortal: true }}
      />
      <FilterMenu
        label={t('customerList.filters.status')}
        testId="filter-status"
        options={customerStatuses.map((s) => ({ value: s, label: t(`customer.status.${s}`) }))}
        value={filter.status}
        onChange={(status) => set({ status })}
      />
      <FilterMenu
        label={t('customerList.filters.grade')}
        testId="filter-grade"
        options={customerGrades.map((g) => ({ value: g, label: g }))}
        value={filter.grade}
        onChange={(grade) => set({ grade })}
      />
      <FilterMenu
        label={t('customerList.filters.source')}
        testId="filter-source"
        options={customerSources.map((s) => ({ value: s, label: t(`customer.source.${s}`) }))}
        value={filter.source}
        onChange={(source) => set({ source })}
      />
      <Select
        size="xs"
        w={140}
        clearable
        placeholder={t('customerList.filters.tag')}
        aria-label={t('customerList.filters.tag')}
        data={tags.map((tag) => ({ value: tag.id, label: tag.name }))}
        value={filter.tagId ?? null}
        onChange={(v) => set({ tagId: v ?? undefined })}
        comboboxProps={{ withinPortal: true }}
      />
      <Button
        size="xs"
        variant={hiddenCount ? 'light' : 'subtle'}
        leftSection={<IconAdjustmentsHorizontal size={14} />}
        onClick={() => setMore((m) => !m)}
        aria-expanded={more}
      >
        {more
          ? t('customerList.filters.less')
          : hiddenCount > 0
            ? t('customerList.filters.moreCount', { count: hiddenCount })
            : t('customerList.filters.more')}
      </Button>
      {anySet && (
        <Button size="xs" variant="subtle" color="gray" leftSection={<IconFilterOff size={14} />} onClick={() => onChange({})}>
          {t('customerList.filters.clear')}
        </Button>
      )}
      {more && (
        <Group gap={6} wrap="wrap" w="100%">
          <FilterMenu
            label={t('customerList.filters.tier')}
            testId="filter-tier"
            options={customerTiers.map((x) => ({ value: x, label: t(`customer.tier.${x}`) }))}
            value={filter.tier}
            onChange={(tier) => set({ tier })}
          />
          <Select
            size="xs"
            w={120}
            clearable
            searchable
            placeholder={t('customerList.filters.province')}
            aria-label={t('customerList.filters.province')}
            data={provinceData}
            value={filter.provinceCode ?? null}
            onChange={(v) => set({ provinceCode: v ?? undefined, cityCode: undefined })}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            size="xs"
            w={120}
            clearable
            searchable
            disabled={!filter.provinceCode}
            placeholder={t('customerList.filters.city')}
            aria-label={t('customerList.filters.city')}
            data={cityData}
            value={filter.cityCode ?? null}
            onChange={(v) => set({ cityCode: v ?? undefined })}
            comboboxProps={{ withinPortal: true }}
          />
          <DebouncedText
            w={140}
            value={filter.industry}
            onChange={(industry) => set({ industry })}
            placeholder={t('customerList.filters.industryPlaceholder')}
            aria-label={t('customerList.filters.industry')}
          />
          <Group gap={4} wrap="nowrap">
            <Text size="xs" c="dimmed">
              {t('customerList.filters.created')}
            </Text>
            <DateField
              label={t('customerList.filters.createdFrom')}
              value={filter.createdFrom}
              endOfDay={false}
              onChange={(createdFrom) => set({ createdFrom })}
            />
            <Text size="xs" c="dimmed">
              –
            </Text>
            <DateField label={t('customerList.filters.createdTo')} value={filter.createdTo} endOfDay onChange={(createdTo) => set({ createdTo })} />
          </Group>
          <Group gap={4} wrap="nowrap">
            <Text size="xs" c="dimmed">
              {t('customerList.filters.staleDays')}
            </Text>
            <NumberInput
              size="xs"
              w={80}
              min={1}
              max={3650}
              allowDecimal={false}
              allowNegative={false}
              aria-label={t('customerList.filters.staleDays')}
              placeholder={t('customerList.filters.any')}
              value={filter.staleDays ?? ''}
              onChange={(v) => set({ staleDays: typeof v === 'number' && v >= 1 ? Math.min(v, 3650) : undefined })}
            />
          </Group>
        </Group>
      )}
    </Group>
  );
};
