import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { cellKindOf, formatCell, formatPercent, type Cell, type CellKind, type ReportTable, type RowUnit } from '@shared/reports/tables';
import { formatDate, formatDateTime } from '../ui/format';
import { formatMoney } from '../ui/formatMoney';
import classes from './Reports.module.css';

export const cellText = (kind: CellKind, v: Cell, unit?: RowUnit): string => {
  if (kind === 'amount' || kind === 'change' || kind === 'decimal') return kind === 'decimal' ? formatCell(kind, v) : (kind === 'change' ? formatCell(kind, v, unit) : cellText(cellKindOf(kind, unit), v));
  if (v === null || v === undefined) return kind === 'percent' ? '—' : '';
  switch (kind) {
    case 'money':
      return formatMoney((v as number) / 100);
    case 'percent':
      return formatPercent(v as number);
    case 'int':
      return (v as number).toLocaleString('zh-CN');
    case 'datetime':
      return formatDateTime(v as number);
    case 'date':
      return typeof v === 'number' ? formatDate(v) : v;
    default:
      return String(v);
  }
};

const numeric = (kind: CellKind) => kind !== 'text' && kind !== 'date' && kind !== 'datetime';

/** One report table as people read it: a title, ruled rows, numbers right-aligned. */
export const ReportTableView = ({ table, maxRows }: { table: ReportTable; maxRows?: number }) => {
  const { t } = useTranslation();
  const rows = maxRows ? table.rows.slice(0, maxRows) : table.rows;
  return (
    <Stack gap={4} data-testid={`report-table-${table.key}`}>
      <Text fw={600} size="sm" className={classes.tableTitle}>
        {table.title}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reports.empty')}
        </Text>
      ) : (
        <Table striped withTableBorder withColumnBorders className={classes.table} verticalSpacing={4} horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              {table.columns.map((c) => (
                <Table.Th key={c.key} ta={numeric(c.kind) ? 'right' : undefined}>
                  {c.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={i}>
                {table.columns.map((c, j) => (
                  <Table.Td key={c.key} ta={numeric(c.kind) ? 'right' : undefined} style={numeric(c.kind) ? { whiteSpace: 'nowrap' } : undefined}>
                    {cellText(c.kind, r[j] ?? null, table.units?.[i])}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
};

export const ReportTables = ({ tables }: { tables: ReportTable[] }) => (
  <Stack gap="md">
    {tables.map((table) => (
      <ReportTableView key={table.key} table={table} />
    ))}
  </Stack>
);
