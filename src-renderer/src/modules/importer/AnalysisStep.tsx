import { Anchor, Badge, Button, Group, Pagination, ScrollArea, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportAnalysisView, ImportGroup, ImportPreviewRecord } from '@shared/import/types';
import { formatPhone } from '@shared/rules/phone';
import { decisionOf, unlistedDecision, type Decision } from './estimate';
import classes from './Importer.module.css';
import { StatCards } from './StatCards';

const GROUPS_PER_PAGE = 15;
const decisionKeys: Decision[] = ['skip', 'fill', 'new'];

type Props = {
  analysis: ImportAnalysisView;
  decisions: Record<string, Decision>;
  onDecisions: (d: Record<string, Decision>) => void;
};

/**
 * Step 4: the counts, the first records as they will be saved with their
 * problems, and the duplicate groups — each with the existing customer's
 * owner and a choice: skip, fill empty fields, or import as new.
 */
export const AnalysisStep = ({ analysis: a, decisions, onDecisions }: Props) => {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const byRow = new Map(a.records.map((r) => [r.rowNumber, r]));
  const groupById = new Map(a.groups.map((g) => [g.id, g]));
  const sep = t('importer.analysis.listSeparator');
  const decide = (id: string, d: Decision) => onDecisions({ ...decisions, [id]: d });
  // '*' carries the choice to groups beyond the ones listed here (the main process sends at most 500).
  const decideAll = (d: Decision) => onDecisions({ ...Object.fromEntries(a.groups.map((g) => [g.id, d])), '*': d });

  const outcome = (r: ImportPreviewRecord) => {
    if (r.rejected) return <Text span size="xs" fw={600} c="red.8">{t('importer.analysis.result.rejected')}</Text>;
    const g = r.groupId ? groupById.get(r.groupId) : undefined;
    if (!g || (!g.existing && g.rowNumbers[0] === r.rowNumber)) {
      return <Text span size="xs" fw={600} c="green.8">{t('importer.analysis.result.new')}</Text>;
    }
    const d = decisionOf(decisions, g.id);
    return (
      <Text span size="xs" fw={600} c={d === 'skip' ? 'dimmed' : 'orange.8'}>
        {t('importer.analysis.result.duplicate', { decision: t(`importer.analysis.decision.${d}`) })}
      </Text>
    );
  };
  const rowName = (row: number) => byRow.get(row)?.name;
  const pages = Math.ceil(a.groups.length / GROUPS_PER_PAGE);
  const shown = a.groups.slice((page - 1) * GROUPS_PER_PAGE, page * GROUPS_PER_PAGE);

  return (
    <Stack gap="md">
      <StatCards
        cols={8}
        stats={[
          { key: 'total', label: t('importer.analysis.stats.total'), value: a.total },
          { key: 'fresh', label: t('importer.analysis.stats.fresh'), value: a.fresh, color: 'green.8' },
          { key: 'inFile', label: t('importer.analysis.stats.inFile'), value: a.inFileDuplicates, color: 'orange.8' },
          { key: 'inDb', label: t('importer.analysis.stats.inDb'), value: a.inDbDuplicates, color: 'orange.8' },
          { key: 'rejected', label: t('importer.analysis.stats.rejected'), value: a.rejected, color: 'red.8' },
          { key: 'flagged', label: t('importer.analysis.stats.flagged'), value: a.flagged, color: 'orange.8' },
          { key: 'hidden', label: t('importer.analysis.stats.hidden'), value: a.hidden },
          { key: 'totals', label: t('importer.analysis.stats.totals'), value: a.totals },
        ]}
      />
      {a.blank > 0 && (
        <Text size="xs" c="dimmed">
          {t('importer.analysis.blank', { count: a.blank })}
        </Text>
      )}

      <Stack gap={6}>
        <Group justify="space-between" align="flex-end">
          <Title order={5}>{t('importer.analysis.groups', { count: a.groupCount })}</Title>
          {a.groups.length > 0 && (
            <Group gap={6}>
              <Text size="sm" c="dimmed">
                {t('importer.analysis.applyAll')}
              </Text>
              {decisionKeys.map((d) => (
                <Button key={d} size="compact-sm" variant="default" onClick={() => decideAll(d)} data-testid={`import-all-${d}`}>
                  {t(`importer.analysis.decision.${d}`)}
                </Button>
              ))}
            </Group>
          )}
        </Group>
        {a.groups.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('importer.analysis.noGroups')}
          </Text>
        ) : (
          <Table withTableBorder verticalSpacing={4} fz="sm" data-testid="import-groups">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('importer.analysis.fileRows')}</Table.Th>
                <Table.Th>{t('importer.analysis.existing')}</Table.Th>
                <Table.Th w={330}>{t('importer.analysis.decisionHeader')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((g) => (
                <GroupRow key={g.id} group={g} decision={decisionOf(decisions, g.id)} onDecide={(d) => decide(g.id, d)} rowName={rowName} sep={sep} />
              ))}
            </Table.Tbody>
          </Table>
        )}
        {pages > 1 && <Pagination size="sm" total={pages} value={page} onChange={setPage} />}
        {a.groupCount > a.groups.length && (
          <Text size="xs" c="orange.8" data-testid="import-groups-truncated">
            {t('importer.analysis.groupsTruncated', {
              listed: a.groups.length,
              count: a.groupCount,
              rest: a.groupCount - a.groups.length,
              decision: t(`importer.analysis.decision.${unlistedDecision(decisions)}`),
            })}
          </Text>
        )}
      </Stack>

      <Stack gap={6}>
        <Title order={5}>{t('importer.analysis.records', { count: a.records.length })}</Title>
        <ScrollArea.Autosize mah={380} type="auto" offsetScrollbars>
          <Table withTableBorder striped verticalSpacing={3} fz="xs" stickyHeader className={classes.records} data-testid="import-records">
            <Table.Thead>
              <Table.Tr>
                <Table.Th className={classes.rowNo}>{t('importer.analysis.columns.row')}</Table.Th>
                <Table.Th>{t('importer.analysis.columns.name')}</Table.Th>
                <Table.Th>{t('importer.analysis.columns.creditCode')}</Table.Th>
                <Table.Th>{t('importer.analysis.columns.phone')}</Table.Th>
                <Table.Th>{t('importer.analysis.columns.address')}</Table.Th>
                <Table.Th>{t('importer.analysis.columns.contact')}</Table.Th>
                <Table.Th>{t('importer.analysis.columns.result')}</Table.Th>
                <Table.Th>{t('importer.analysis.columns.issues')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.records.map((r) => (
                <Table.Tr key={r.rowNumber} className={r.hidden ? classes.hiddenRow : undefined} data-testid="import-record">
                  <Table.Td className={classes.rowNo}>{r.rowNumber}</Table.Td>
                  <Table.Td maw={220}>{r.name}</Table.Td>
                  <Table.Td ff="monospace" className={classes.nowrap}>
                    {r.creditCode ?? ''}
                  </Table.Td>
                  <Table.Td className={classes.nowrap}>{r.phone ? formatPhone(r.phone) : ''}</Table.Td>
                  <Table.Td maw={220}>{r.address ?? ''}</Table.Td>
                  <Table.Td className={classes.nowrap}>{r.contactName ?? ''}</Table.Td>
                  <Table.Td className={classes.nowrap}>{outcome(r)}</Table.Td>
                  <Table.Td maw={320}>
                    {r.hidden && (
                      <Text size="xs" c="dimmed">
                        {t('importer.issues.hidden_row')}
                      </Text>
                    )}
                    {r.issues.map((i, k) => (
                      <Text key={k} size="xs" c={i.severity === 'error' ? 'red.8' : 'orange.8'}>
                        {t(`importer.issues.${i.code}`, { value: i.value })}
                      </Text>
                    ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      </Stack>
    </Stack>
  );
};

type GroupRowProps = {
  group: ImportGroup;
  decision: Decision;
  onDecide: (d: Decision) => void;
  rowName: (row: number) => string | undefined;
  sep: string;
};

const GroupRow = ({ group: g, decision, onDecide, rowName, sep }: GroupRowProps) => {
  const { t } = useTranslation();
  const first = g.rowNumbers[0];
  const names = [...new Set(g.rowNumbers.map(rowName).filter((n): n is string => !!n))];
  return (
    <Table.Tr data-testid="import-group">
      <Table.Td>
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {names.join(sep) || g.name || t('importer.analysis.rows', { rows: g.rowNumbers.join(sep) })}
          </Text>
          <Group gap={6}>
            <Text size="xs" c="dimmed">
              {t('importer.analysis.rows', { rows: g.rowNumbers.join(sep) })}
            </Text>
            <Badge size="xs" variant="light" radius="sm" tt="none" color={g.matchedOn.includes('creditCode') ? 'red' : 'orange'}>
              {t('importer.analysis.matchedOn', { fields: g.matchedOn.map((m) => t(`importer.analysis.match.${m}`)).join(sep) })}
            </Badge>
          </Group>
        </Stack>
      </Table.Td>
      <Table.Td>
        {g.existing ? (
          <Stack gap={2}>
            <Anchor component={Link} to={`/customers/${g.existing.id}`} size="sm" fw={500}>
              {g.existing.name}
            </Anchor>
            <Text size="xs" c={g.existing.owner ? undefined : 'dimmed'} data-testid="import-group-owner">
              {g.existing.owner ? t('importer.analysis.ownedBy', { owner: g.existing.owner.displayName }) : t('importer.analysis.inPool')}
            </Text>
          </Stack>
        ) : (
          <Stack gap={2}>
            <Text size="sm">{t('importer.analysis.inFile')}</Text>
            <Text size="xs" c="dimmed">
              {t('importer.analysis.firstRowImports', { row: first })}
            </Text>
          </Stack>
        )}
      </Table.Td>
      <Table.Td>
        <SegmentedControl
          size="xs"
          value={decision}
          onChange={(v) => onDecide(v as Decision)}
          data={decisionKeys.map((d) => ({ value: d, label: t(`importer.analysis.decision.${d}`) }))}
          color={decision === 'skip' ? 'gray' : 'blue'}
        />
      </Table.Td>
    </Table.Tr>
  );
};
