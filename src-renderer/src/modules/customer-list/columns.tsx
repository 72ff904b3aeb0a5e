import { Group, Text, Tooltip } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { CustomerListRow } from '@shared/customers/types';
import { regionPathLabel } from '@shared/regions';
import { formatPhone } from '@shared/rules/phone';
import { formatDate } from '../ui/format';
import { formatMoney } from '../ui/formatMoney';
import { GradeBadge } from '../ui/GradeBadge';
import { StatusBadge } from '../ui/StatusBadge';
import { TagBadge } from '../ui/TagBadge';
import type { SortField } from './listState';

export type ColumnGroup = 'basic' | 'address' | 'financial' | 'behaviour' | 'management';

export type ColumnDef = {
  key: string;
  group: ColumnGroup;
  width: number;
  /** The server-side sort this column's header toggles; `invert` for a column that runs opposite to the field (days since update ↔ updated at). */
  sort?: { field: SortField; invert?: boolean };
  align?: 'right' | 'center';
  render: (row: CustomerListRow, t: TFunction) => ReactNode;
};

const text = (v: string | null | undefined): ReactNode => v ?? '';

const dimmed = (v: string): ReactNode => (
  <Text span size="sm" c="dimmed">
    {v}
  </Text>
);

/** Financial fields: blank with a lock for a salesperson who does not own the customer (the main process sends null). */
const financial =
  (get: (r: CustomerListRow) => string | null) =>
  (r: CustomerListRow, t: TFunction): ReactNode =>
    r.financialHidden ? (
      <Tooltip label={t('customerList.columns.financialHidden')} withinPortal>
        <IconLock size={14} color="var(--mantine-color-gray-5)" aria-label={t('customerList.columns.financialHidden')} />
      </Tooltip>
    ) : (
      text(get(r))
    );

/**
 * Every field of PRODUCT.md §2 that a list row carries, as a column. The
 * label is `customer.fields.<key>` (shared with the card and form). The
 * table shows the chosen ones in this order: name first, then what people
 * scan most; the chooser groups them like the customer form.
 */
export const columns: ColumnDef[] = [
  { key: 'name', group: 'basic', width: 260, sort: { field: 'name' }, render: (r) => r.name },
  { key: 'shortName', group: 'basic', width: 110, render: (r) => text(r.shortName) },
  { key: 'owner', group: 'basic', width: 96, sort: { field: 'owner' }, render: (r, t) => (r.owner ? r.owner.displayName : dimmed(t('customer.pool'))) },
  { key: 'status', group: 'management', width: 124, sort: { field: 'status' }, render: (r) => <StatusBadge status={r.status} /> },
  { key: 'grade', group: 'management', width: 84, sort: { field: 'grade' }, align: 'center', render: (r) => <GradeBadge grade={r.grade} /> },
  { key: 'tier', group: 'management', width: 90, render: (r, t) => (r.tier ? t(`customer.tier.${r.tier}`) : '') },
  { key: 'vipLevel', group: 'management', width: 76, align: 'right', render: (r, t) => (r.vipLevel ? t('customerList.vip', { level: r.vipLevel }) : '') },
  { key: 'region', group: 'address', width: 170, render: (r) => regionPathLabel(r.provinceCode ?? undefined, r.cityCode ?? undefined, r.districtCode ?? undefined) },
  { key: 'industry', group: 'basic', width: 110, render: (r) => text(r.industry) },
  { key: 'phone', group: 'address', width: 140, render: (r) => (r.phone ? formatPhone(r.phone) : '') },
  { key: 'source', group: 'basic', width: 110, render: (r, t) => (r.source ? t(`customer.source.${r.source}`) : '') },
  {
    key: 'tags',
    group: 'basic',
    width: 170,
    render: (r) => (
      <Group gap={4} wrap="nowrap">
        {r.tags.map((tag) => (
          <TagBadge key={tag.id} tag={tag} />
        ))}
      </Group>
    ),
  },
  { key: 'lastContactAt', group: 'behaviour', width: 100, sort: { field: 'lastContactAt' }, render: (r) => formatDate(r.lastContactAt) },
  { key: 'nextFollowUpAt', group: 'behaviour', width: 100, render: (r) => formatDate(r.nextFollowUpAt) },
  {
    key: 'daysSinceUpdate',
    group: 'behaviour',
    width: 96,
    align: 'right',
    sort: { field: 'updatedAt', invert: true },
    render: (r) => r.daysSinceUpdate,
  },
  { key: 'contactCount', group: 'behaviour', width: 80, align: 'right', render: (r) => r.contactCount },
  { key: 'creditCode', group: 'basic', width: 180, render: (r) => text(r.creditCode) },
  { key: 'legalRep', group: 'basic', width: 110, render: (r) => text(r.legalRep) },
  { key: 'staffSize', group: 'basic', width: 100, render: (r, t) => (r.staffSize ? t(`customer.staffSize.${r.staffSize}`) : '') },
  {
    key: 'registeredCapital',
    group: 'basic',
    width: 150,
    align: 'right',
    render: (r) => formatMoney(r.registeredCapital, r.registeredCapitalCurrency),
  },
  { key: 'foundedOn', group: 'basic', width: 100, render: (r) => text(r.foundedOn) },
  { key: 'creditRating', group: 'basic', width: 90, render: (r) => text(r.creditRating) },
  { key: 'description', group: 'basic', width: 220, render: (r) => text(r.description) },
  { key: 'address', group: 'address', width: 200, render: (r) => text(r.address) },
  { key: 'email', group: 'address', width: 180, render: (r) => text(r.email) },
  { key: 'website', group: 'address', width: 170, render: (r) => text(r.website) },
  { key: 'bankName', group: 'financial', width: 170, render: financial((r) => r.bankName) },
  { key: 'bankAccount', group: 'financial', width: 180, render: financial((r) => r.bankAccount) },
  { key: 'taxId', group: 'financial', width: 170, render: financial((r) => r.taxId) },
  { key: 'creditStatus', group: 'financial', width: 110, render: financial((r) => r.creditStatus) },
  { key: 'purchaseHabits', group: 'behaviour', width: 160, render: (r) => text(r.purchaseHabits) },
  { key: 'purchaseCycle', group: 'behaviour', width: 100, render: (r) => text(r.purchaseCycle) },
  { key: 'preferences', group: 'behaviour', width: 160, render: (r) => text(r.preferences) },
  { key: 'interests', group: 'behaviour', width: 160, render: (r) => text(r.interests) },
  { key: 'notes', group: 'behaviour', width: 200, render: (r) => text(r.notes) },
  { key: 'lostReason', group: 'management', width: 140, render: (r) => text(r.lostReason) },
  { key: 'lostAt', group: 'management', width: 100, render: (r) => formatDate(r.lostAt) },
  { key: 'assignedAt', group: 'management', width: 100, render: (r) => formatDate(r.assignedAt) },
  { key: 'createdAt', group: 'management', width: 100, sort: { field: 'createdAt' }, render: (r) => formatDate(r.createdAt) },
  { key: 'updatedAt', group: 'management', width: 100, sort: { field: 'updatedAt' }, render: (r) => formatDate(r.updatedAt) },
];

export const columnByKey: ReadonlyMap<string, ColumnDef> = new Map(columns.map((c) => [c.key, c]));

/** What a user sees before choosing: what a salesperson looks at every day. */
export const defaultColumnKeys: readonly string[] = [
  'name',
  'owner',
  'status',
  'grade',
  'region',
  'industry',
  'phone',
  'source',
  'tags',
  'lastContactAt',
  'daysSinceUpdate',
  'updatedAt',
];

export const columnGroups: readonly ColumnGroup[] = ['basic', 'address', 'financial', 'behaviour', 'management'];

/** The stored choice in column order, unknown keys dropped, the name column always first. */
export const normaliseColumnKeys = (stored: unknown): string[] => {
  if (!Array.isArray(stored)) return [...defaultColumnKeys];
  const chosen = new Set(stored.filter((k): k is string => typeof k === 'string' && columnByKey.has(k)));
  chosen.add('name');
  return columns.filter((c) => chosen.has(c.key)).map((c) => c.key);
};

/** The column header label: the shared field label. */
export const columnLabel = (key: string, t: TFunction): string => t(`customer.fields.${key}`);
