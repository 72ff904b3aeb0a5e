import { Alert, Checkbox, Group, ScrollArea, Select, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { importTargets, repeatableTargets, type ImportTarget } from '@shared/import/targets';
import type { ImportPreview } from '@shared/import/types';
import classes from './Importer.module.css';

const SKIP = '-';
const SAMPLE_ROWS = 6;
/** Targets several columns may share: phones are collected, notes appended. */
const contactTargets = importTargets.filter((x) => x.startsWith('contact'));
const customerTargets = importTargets.filter((x) => !x.startsWith('contact') && x !== 'notes');

type Props = {
  preview: ImportPreview;
  targets: (ImportTarget | null)[];
  onTargets: (targets: (ImportTarget | null)[]) => void;
  unmappedToNotes: boolean;
  onUnmappedToNotes: (v: boolean) => void;
};

/**
 * Step 3: where each column goes, preselected by the header synonyms; the
 * first rows under the header are shown under each column so the choice can
 * be checked against real values.
 */
export const MappingStep = ({ preview, targets, onTargets, unmappedToNotes, onUnmappedToNotes }: Props) => {
  const { t } = useTranslation();
  const used = new Set(targets.filter((x): x is ImportTarget => x !== null));
  const dataFor = (i: number) => {
    const item = (x: ImportTarget) => ({
      value: x,
      label: t(`importer.targets.${x}`),
      disabled: !repeatableTargets.has(x) && used.has(x) && targets[i] !== x,
    });
    return [
      { value: SKIP, label: t('importer.mapping.skip') },
      { group: t('importer.mapping.groups.customer'), items: customerTargets.map(item) },
      { group: t('importer.mapping.groups.contact'), items: contactTargets.map(item) },
      { group: t('importer.mapping.groups.other'), items: [item('notes')] },
    ];
  };
  const set = (i: number, v: string | null) => {
    const next = preview.headers.map((_, k) => targets[k] ?? null);
    next[i] = v === null || v === SKIP ? null : (v as ImportTarget);
    onTargets(next);
  };
  const sample = preview.rows.slice(0, SAMPLE_ROWS);
  const headerText = (h: string, i: number) => h || t('importer.sheet.emptyHeader', { n: i + 1 });

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('importer.mapping.hint')}
      </Text>
      {!used.has('name') && (
        <Alert color="orange" variant="light" py={6} data-testid="import-need-name">
          {t('importer.mapping.needName')}
        </Alert>
      )}
      <ScrollArea type="auto" offsetScrollbars>
        <Table withTableBorder withColumnBorders className={classes.sheet} verticalSpacing={4} horizontalSpacing={8} data-testid="import-mapping">
          <Table.Thead>
            <Table.Tr>
              <Table.Th className={classes.rowNo}>{t('importer.sheet.rowNo')}</Table.Th>
              {preview.headers.map((h, i) => (
                <Table.Th key={i} className={classes.mapColumn} title={headerText(h, i)}>
                  {headerText(h, i)}
                </Table.Th>
              ))}
            </Table.Tr>
            <Table.Tr>
              <Table.Th className={classes.rowNo} />
              {preview.headers.map((h, i) => (
                <Table.Th key={i} className={classes.mapColumn}>
                  <Select
                    size="xs"
                    aria-label={headerText(h, i)}
                    data={dataFor(i)}
                    value={targets[i] ?? SKIP}
                    onChange={(v) => set(i, v === null ? null : String(v))}
                    allowDeselect={false}
                    maxDropdownHeight={320}
                    comboboxProps={{ width: 220, position: 'bottom-start' }}
                    data-testid={`import-map-${i}`}
                    styles={{ input: { fontWeight: targets[i] ? 600 : 400, color: targets[i] ? undefined : 'var(--mantine-color-dimmed)' } }}
                  />
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sample.map((r) => (
              <Table.Tr key={r.rowNumber} className={r.hidden ? classes.hiddenRow : undefined}>
                <Table.Td className={classes.rowNo} title={r.hidden ? t('importer.mapping.hiddenRow') : undefined}>
                  {r.rowNumber}
                </Table.Td>
                {preview.headers.map((_, i) => (
                  <Table.Td key={i} title={r.cells[i] ?? ''} c={targets[i] ? undefined : 'dimmed'}>
                    {r.cells[i] ?? ''}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <Text size="xs" c="dimmed">
        {t('importer.mapping.sample', { count: sample.length })}
      </Text>
      <Group gap="xs">
        <Checkbox
          label={t('importer.mapping.unmappedToNotes')}
          description={t('importer.mapping.unmappedHint')}
          checked={unmappedToNotes}
          onChange={(e) => onUnmappedToNotes(e.currentTarget.checked)}
        />
      </Group>
    </Stack>
  );
};
