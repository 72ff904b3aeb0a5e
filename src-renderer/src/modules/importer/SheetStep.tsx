import { Alert, Badge, Checkbox, Group, LoadingOverlay, ScrollArea, Select, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportFileInfo, ImportPreview, ImportSheet } from '@shared/import/types';
import { ErrorAlert } from '../ui/ErrorAlert';
import classes from './Importer.module.css';

type Props = {
  file: ImportFileInfo;
  sheetIndex: number | null;
  onSheet: (index: number) => void;
  showHidden: boolean;
  onShowHidden: (v: boolean) => void;
  preview: ImportPreview | undefined;
  loading: boolean;
  error: unknown;
  onHeaderRow: (row: number) => void;
};

/**
 * Step 2: which sheet (the offered ones; hidden ones on request) and which
 * row is the header. The first rows of the sheet are shown as they are; a
 * click on a row makes it the header.
 */
export const SheetStep = ({ file, sheetIndex, onSheet, showHidden, onShowHidden, preview, loading, error, onHeaderRow }: Props) => {
  const { t } = useTranslation();
  const label = (s: ImportSheet) => (s.state === 'visible' ? s.name : `${s.name}（${t(`importer.sheet.${s.state}`)}）`);
  const sheets = file.sheets.filter((s) => showHidden || s.offered || s.index === sheetIndex);
  const hasHidden = file.sheets.some((s) => !s.offered);
  const width = Math.max(0, ...(preview?.topRows.map((r) => r.cells.length) ?? [0]));
  const headerText = (h: string, i: number) => h || t('importer.sheet.emptyHeader', { n: i + 1 });
  // A header may span several rows (merged cells): everything from the header row to the first data row.
  const headerEnd = preview?.rows[0] ? preview.rows[0].rowNumber - 1 : (preview?.headerRow ?? 0);
  const isHeader = (row: number) => !!preview && row >= preview.headerRow && row <= Math.max(preview.headerRow, headerEnd);

  if (file.sheets.length === 0) {
    return (
      <Alert color="orange" variant="light">
        {t('importer.sheet.none')}
      </Alert>
    );
  }
  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="lg">
        <Select
          label={t('importer.sheet.label')}
          data={sheets.map((s) => ({ value: String(s.index), label: label(s) }))}
          value={sheetIndex === null ? null : String(sheetIndex)}
          onChange={(v) => v !== null && onSheet(Number(v))}
          allowDeselect={false}
          w={280}
          size="sm"
        />
        {hasHidden && (
          <Checkbox label={t('importer.sheet.showHidden')} checked={showHidden} onChange={(e) => onShowHidden(e.currentTarget.checked)} mb={8} />
        )}
      </Group>
      <ErrorAlert error={error} />
      {preview && (
        <>
          <Group gap="sm">
            <Badge variant="light" size="lg" radius="sm" tt="none" fw={600} data-testid="import-header-row">
              {t('importer.sheet.headerRow', { row: preview.headerRow })}
            </Badge>
            <Text size="sm" c="dimmed">
              {t('importer.sheet.pickHeader')}
            </Text>
          </Group>
          <Text size="sm" lineClamp={2}>
            {t('importer.sheet.columns', { columns: preview.headers.map(headerText).join(' · ') })}
          </Text>
        </>
      )}
      <div style={{ position: 'relative' }}>
        <LoadingOverlay visible={loading} zIndex={5} overlayProps={{ blur: 0 }} />
        {preview && (
          <ScrollArea type="auto" offsetScrollbars>
            <Table withTableBorder withColumnBorders className={classes.sheet} verticalSpacing={4} horizontalSpacing={8} data-testid="import-top-rows">
              <Table.Tbody>
                {preview.topRows.map((r) => (
                  <Table.Tr
                    key={r.rowNumber}
                    className={`${classes.pickable} ${isHeader(r.rowNumber) ? classes.headerRow : ''}`}
                    onClick={() => onHeaderRow(r.rowNumber)}
                    data-testid="import-top-row"
                    aria-selected={r.rowNumber === preview.headerRow}
                  >
                    <Table.Td className={classes.rowNo}>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        {r.rowNumber === preview.headerRow && (
                          <Text span size="xs" fw={700} c="blue.8">
                            {t('importer.sheet.header')}
                          </Text>
                        )}
                        {r.rowNumber}
                      </Group>
                    </Table.Td>
                    {Array.from({ length: width }, (_, i) => (
                      <Table.Td key={i} title={r.cells[i] ?? ''}>
                        {r.cells[i] ?? ''}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
      </div>
    </Stack>
  );
};
