import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MinutesRow, VisitRow } from '@shared/visits/types';
import { formatDateTime } from '../ui/format';
import { DueDate } from './DueDate';
import { MinutesStatusBadge, VisitStatusBadge } from './VisitStatusBadge';

type Column<R> = { head: string; cell: (row: R) => ReactNode };

type Layout<K extends string> = {
  /** The columns to show, in this order. */
  columns: K[];
  testId?: string;
  withTableBorder?: boolean;
  /** The 首页 cards' layout: no header row, no stripes, these column widths. */
  compact?: Partial<Record<K, number>>;
};

/** Rows that open their record when clicked, striped under a header row (or compact on 首页). */
const RecordTable = <R extends { id: string }, K extends string>({
  rows,
  catalog,
  href,
  rowBg,
  columns,
  testId,
  withTableBorder,
  compact,
}: Layout<K> & { rows: R[]; catalog: Record<K, Column<R>>; href: (row: R) => string; rowBg?: (row: R) => string | undefined }) => {
  const navigate = useNavigate();
  return (
    <Table highlightOnHover striped={!compact} withTableBorder={withTableBorder} data-testid={testId}>
      {!compact && (
        <Table.Thead>
          <Table.Tr>
            {columns.map((k) => (
              <Table.Th key={k}>{catalog[k].head}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
      )}
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.id} style={{ cursor: 'pointer' }} bg={rowBg?.(r)} onClick={() => void navigate(href(r))}>
            {columns.map((k) => (
              <Table.Td key={k} w={compact?.[k]}>
                {catalog[k].cell(r)}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
};

type VisitColumn = 'formNo' | 'customer' | 'salesperson' | 'plannedAt' | 'purpose' | 'submittedAt' | 'visitNo' | 'status';

/** Visit plans; a row opens the visit. */
export const VisitTable = ({ rows, ...layout }: Layout<VisitColumn> & { rows: VisitRow[] }) => {
  const { t } = useTranslation();
  const f = (key: string): string => t(`visits.fields.${key}`);
  const catalog: Record<VisitColumn, Column<VisitRow>> = {
    formNo: { head: f('formNo'), cell: (v) => v.formNo },
    customer: { head: f('customer'), cell: (v) => v.customerName },
    salesperson: { head: f('salesperson'), cell: (v) => v.salesperson.displayName },
    plannedAt: { head: f('plannedAt'), cell: (v) => formatDateTime(v.plannedAt) },
    purpose: {
      head: f('purpose'),
      cell: (v) => (
        <Text size="sm" lineClamp={1}>
          {v.purpose}
        </Text>
      ),
    },
    submittedAt: { head: t('visits.approvals.submittedAt'), cell: (v) => formatDateTime(v.submittedAt) },
    visitNo: { head: f('visitNo'), cell: (v) => v.visitNo ?? '' },
    status: { head: f('status'), cell: (v) => <VisitStatusBadge status={v.status} /> },
  };
  return <RecordTable rows={rows} catalog={catalog} href={(v) => `/visits/${v.id}`} {...layout} />;
};

type MinutesColumn = 'formNo' | 'customer' | 'author' | 'meetingDate' | 'title' | 'dueDate' | 'status';

/** Minutes; a row opens them. `markOverdue` tints the rows of overdue minutes red. */
export const MinutesTable = ({ rows, markOverdue, ...layout }: Layout<MinutesColumn> & { rows: MinutesRow[]; markOverdue?: boolean }) => {
  const { t } = useTranslation();
  const mf = (key: string): string => t(`visits.minutesFields.${key}`);
  const catalog: Record<MinutesColumn, Column<MinutesRow>> = {
    formNo: { head: mf('formNo'), cell: (m) => m.formNo },
    customer: { head: mf('customer'), cell: (m) => m.customerName },
    author: { head: mf('author'), cell: (m) => m.author.displayName },
    meetingDate: { head: mf('meetingDate'), cell: (m) => m.meetingDate },
    title: { head: mf('title'), cell: (m) => m.title ?? '' },
    dueDate: { head: mf('dueDate'), cell: (m) => <DueDate row={m} /> },
    status: { head: mf('status'), cell: (m) => <MinutesStatusBadge status={m.status} /> },
  };
  const rowBg = markOverdue ? (m: MinutesRow) => (m.overdue ? 'var(--mantine-color-red-0)' : undefined) : undefined;
  return <RecordTable rows={rows} catalog={catalog} href={(m) => `/minutes/${m.id}`} rowBg={rowBg} {...layout} />;
};
