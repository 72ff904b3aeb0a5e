import { Alert, Group, MultiSelect, Radio, Select, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { customerSources, type CustomerSource } from '@shared/customers/enums';
import { sells } from '@shared/roles';
import { useChannelQuery } from '../api/hooks';
import { useDirectory } from '../customer-list/useDirectory';
import { ErrorAlert } from '../ui/ErrorAlert';

export type Assignment = {
  mode: 'pool' | 'user' | 'balance';
  userId: string | null;
  userIds: string[];
  source: CustomerSource;
  tagIds: string[];
};

export const initialAssignment: Assignment = { mode: 'pool', userId: null, userIds: [], source: 'trade_directory', tagIds: [] };

/** Whether the assignment names the salespeople its mode needs. */
export const assignmentReady = (a: Assignment): boolean =>
  a.mode === 'pool' || (a.mode === 'user' ? a.userId !== null : a.userIds.length > 0);

type Props = {
  value: Assignment;
  onChange: (a: Assignment) => void;
  estimate: { created: number; filled: number; skipped: number; rejected: number };
  error: unknown;
};

/** Step 5: who gets the new customers (pool, one salesperson, balanced among several), their lead source and tags. */
export const AssignStep = ({ value, onChange, estimate, error }: Props) => {
  const { t } = useTranslation();
  const directory = useDirectory();
  const tags = useChannelQuery('tags.list', {});
  const people = directory.active
    .filter((u) => sells(u.role))
    .map((u) => ({ value: u.id, label: u.role === 'manager' ? `${u.displayName}（${t('roles.manager')}）` : u.displayName }));
  const set = (patch: Partial<Assignment>) => onChange({ ...value, ...patch });

  return (
    <Stack gap="md" maw={640}>
      <Radio.Group label={t('importer.assign.mode')} value={value.mode} onChange={(v) => set({ mode: v as Assignment['mode'] })}>
        <Group gap="lg" mt={6}>
          {(['pool', 'user', 'balance'] as const).map((m) => (
            <Radio key={m} value={m} label={t(`importer.assign.modes.${m}`)} />
          ))}
        </Group>
      </Radio.Group>
      {value.mode === 'user' && (
        <Select
          label={t('importer.assign.user')}
          placeholder={t('importer.assign.pickUser')}
          data={people}
          value={value.userId}
          onChange={(v) => set({ userId: v })}
          searchable
          w={320}
          data-testid="import-assign-user"
        />
      )}
      {value.mode === 'balance' && (
        <MultiSelect
          label={t('importer.assign.users')}
          description={t('importer.assign.usersHint')}
          placeholder={value.userIds.length ? undefined : t('importer.assign.pickUser')}
          data={people}
          value={value.userIds}
          onChange={(v) => set({ userIds: v })}
          searchable
          data-testid="import-assign-users"
        />
      )}
      <ErrorAlert error={directory.error} />
      <Group gap="md" align="flex-start" grow>
        <Select
          label={t('importer.assign.source')}
          data={customerSources.map((s) => ({ value: s, label: t(`customer.source.${s}`) }))}
          value={value.source}
          onChange={(v) => v && set({ source: v as CustomerSource })}
          allowDeselect={false}
        />
        <MultiSelect
          label={t('importer.assign.tags')}
          placeholder={value.tagIds.length || tags.data?.length === 0 ? undefined : t('customer.fields.tags')}
          nothingFoundMessage={t('importer.assign.noTags')}
          data={(tags.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
          value={value.tagIds}
          onChange={(v) => set({ tagIds: v })}
          searchable
          clearable
        />
      </Group>
      <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} data-testid="import-estimate">
        <Text size="sm">{t('importer.assign.estimate', estimate)}</Text>
      </Alert>
      <ErrorAlert error={error} />
    </Stack>
  );
};
