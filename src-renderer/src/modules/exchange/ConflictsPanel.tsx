import { Alert, Badge, Button, Card, Group, Radio, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { columnLabel } from '@shared/exchange/labels';
import type { ExchangeConflictView, ExchangeValue } from '@shared/exchange/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { useResolveConflicts } from './hooks';

type Choice = 'local' | 'remote';
const PEOPLE = /(^|_)(owner_id|created_by|updated_by|deleted_by|user_id|actor_id)$/;

/** Pending conflicts side by side, field by field; every choice made here is applied in one transaction. */
export const ConflictsPanel = () => {
  const { t } = useTranslation();
  const conflicts = useChannelQuery('exchange.conflicts', {});
  const users = useChannelQuery('users.directory', {});
  const resolve = useResolveConflicts();
  const [fields, setFields] = useState<Record<string, Record<string, Choice>>>({});
  const [actions, setActions] = useState<Record<string, 'merge' | 'keep_both'>>({});
  const [done, setDone] = useState<number | null>(null);
  const names = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.displayName])), [users.data]);

  const show = (column: string, v: ExchangeValue): string => {
    if (v === null) return '—';
    if (PEOPLE.test(column) && typeof v === 'string') return names.get(v) ?? v;
    if (/(_at)$/.test(column) && typeof v === 'number') return formatDateTime(v);
    return String(v);
  };
  const choiceOf = (c: ExchangeConflictView, column: string): Choice => fields[c.id]?.[column] ?? 'local';
  const setAll = (c: ExchangeConflictView, side: Choice) =>
    setFields((f) => ({ ...f, [c.id]: Object.fromEntries(c.fields.map((x) => [x.column, side])) }));
  const list = conflicts.data ?? [];
  const ready = list.filter((c) => c.reason !== 'duplicate' || actions[c.id]);

  const apply = () => {
    setDone(null);
    resolve.mutate(
      {
        resolutions: ready.map((c) =>
          c.reason === 'duplicate'
            ? { conflictId: c.id, fields: {}, action: actions[c.id]! }
            : { conflictId: c.id, fields: Object.fromEntries(c.fields.map((f) => [f.column, choiceOf(c, f.column)])) },
        ),
      },
      {
        onSuccess: (r) => {
          setDone(r.resolved);
          setFields({});
          setActions({});
        },
      },
    );
  };

  if (conflicts.error) return <ErrorAlert error={conflicts.error} />;
  return (
    <Stack gap="md" maw={1100}>
      {done !== null && (
        <Alert color="green" variant="light" data-testid="exchange-resolved">
          {t('exchange.conflicts.applied', { count: done })}
        </Alert>
      )}
      {list.length === 0 && !conflicts.isLoading && <Text c="dimmed">{t('exchange.conflicts.empty')}</Text>}
      {list.map((c) => (
        <Card withBorder key={c.id} data-testid="exchange-conflict">
          <Stack gap="xs">
            <Group justify="space-between">
              <Group gap="xs">
                <Badge variant="light">{c.sheet}</Badge>
                <Text fw={600}>{c.label}</Text>
                <Badge color={c.reason === 'both_changed' ? 'orange' : c.reason === 'hand_edited' ? 'grape' : 'red'} variant="light">
                  {t(`exchange.conflicts.reason.${c.reason}`)}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {t('exchange.conflicts.from', { label: c.peer.label || c.peer.node })} · {formatDateTime(c.at)}
              </Text>
            </Group>
            {c.reason === 'duplicate' ? (
              <Stack gap="xs">
                <Text size="sm">
                  {t('exchange.conflicts.duplicateOf', { label: c.other?.label ?? '' })}
                </Text>
                <Radio.Group value={actions[c.id] ?? null} onChange={(v) => setActions((a) => ({ ...a, [c.id]: v as 'merge' | 'keep_both' }))}>
                  <Stack gap={6}>
                    <Radio value="merge" label={t('exchange.conflicts.merge')} />
                    <Radio value="keep_both" label={t('exchange.conflicts.keepBoth')} />
                  </Stack>
                </Radio.Group>
              </Stack>
            ) : (
              <>
                <Table withTableBorder fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={160}>{t('exchange.conflicts.field')}</Table.Th>
                      <Table.Th>{t('exchange.conflicts.local')}</Table.Th>
                      <Table.Th>{t('exchange.conflicts.remote')}</Table.Th>
                      <Table.Th w={220} />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {(c.localDeleted !== c.remoteDeleted
                      ? [...c.fields, { column: '_deleted', local: c.localDeleted ? 1 : 0, remote: c.remoteDeleted ? 1 : 0 }]
                      : c.fields
                    ).map((f) => {
                      const side = choiceOf(c, f.column);
                      const value = (v: ExchangeValue) => (f.column === '_deleted' ? (v ? t('exchange.conflicts.deleted') : '—') : show(f.column, v));
                      return (
                        <Table.Tr key={f.column}>
                          <Table.Td>{columnLabel((k) => t(k), c.table, f.column)}</Table.Td>
                          <Table.Td bg={side === 'local' ? 'green.0' : undefined}>{value(f.local)}</Table.Td>
                          <Table.Td bg={side === 'remote' ? 'green.0' : undefined}>{value(f.remote)}</Table.Td>
                          <Table.Td>
                            <SegmentedControl
                              size="xs"
                              value={side}
                              onChange={(v) => setFields((all) => ({ ...all, [c.id]: { ...all[c.id], [f.column]: v as Choice } }))}
                              data={[
                                { value: 'local', label: t('exchange.conflicts.local') },
                                { value: 'remote', label: t('exchange.conflicts.remote') },
                              ]}
                              aria-label={columnLabel((k) => t(k), c.table, f.column)}
                            />
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
                <Group gap="xs">
                  <Button size="xs" variant="default" onClick={() => setAll(c, 'local')}>
                    {t('exchange.conflicts.useLocal')}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setAll(c, 'remote')}>
                    {t('exchange.conflicts.useRemote')}
                  </Button>
                </Group>
              </>
            )}
          </Stack>
        </Card>
      ))}
      <ErrorAlert error={resolve.error} />
      {list.length > 0 && (
        <Group>
          <Button leftSection={<IconCheck size={16} />} onClick={apply} loading={resolve.isPending} disabled={ready.length === 0}>
            {t('exchange.conflicts.apply')}
          </Button>
        </Group>
      )}
    </Stack>
  );
};
