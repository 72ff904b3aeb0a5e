import { Button, Group, NumberInput, Pagination, Paper, SegmentedControl, Select, Stack, Switch, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { SessionInfo } from '@shared/types';
import { activityTypes, MAX_GREETING_DAYS, type ActivityType } from '@shared/activities/enums';
import { addDays } from '@shared/orders/logic';
import { useChannelQuery } from '../api/hooks';
import { useUserDirectory } from '../customer-card/useUserDirectory';
import { QueryRows } from '../ui/QueryRows';
import { saveFile } from '../ui/saveFile';
import { useErrorText } from '../ui/useErrorText';
import { ActivityTable } from './ActivityTable';
import { centeredEmpty } from './centeredEmpty';
import { GreetingsTable } from './GreetingsTable';
import { NotificationSwitch } from './DueTaskNotifier';
import { TaskTable } from './TaskTable';
import { useExportGreetings } from './hooks';

const MyTasks = ({ session }: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const [showDone, setShowDone] = useState(false);
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  // Everyone's tasks (UserCan.seeTeam) besides one's own.
  const seeTeam = session.user.can.seeTeam;
  const tasks = useChannelQuery('activities.listTasks', { scope, status: showDone ? 'any' : 'open', limit: 500 });
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Group gap="md">
          {seeTeam && (
            <SegmentedControl
              size="xs"
              value={scope}
              onChange={(v) => setScope(v as 'mine' | 'all')}
              data={[
                { value: 'mine', label: t('activities.page.tabs.tasks') },
                { value: 'all', label: t('activities.page.allTasks') },
              ]}
            />
          )}
          <Switch size="sm" label={t('activities.tasks.showDone')} checked={showDone} onChange={(e) => setShowDone(e.currentTarget.checked)} />
        </Group>
        <NotificationSwitch />
      </Group>
      <QueryRows error={tasks.error} rows={tasks.data} empty={t('activities.tasks.empty')} emptyProps={centeredEmpty}>
        {(rows) => <TaskTable tasks={rows} showAssignee={scope === 'all'} />}
      </QueryRows>
    </Stack>
  );
};

const GreetingList = () => {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const settings = useChannelQuery('activities.greetingSettings', {});
  const [days, setDays] = useState<number | null>(null);
  const effective = days ?? settings.data?.days ?? 7;
  const list = useChannelQuery('activities.greetings', { days: effective }, { enabled: settings.isSuccess || days !== null });
  const exportList = useExportGreetings();
  const to = list.data ? addDays(list.data.today, list.data.days) : '';
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Group gap="sm" align="flex-end">
          <NumberInput
            size="xs"
            w={110}
            label={t('activities.greetings.days')}
            min={1}
            max={MAX_GREETING_DAYS}
            value={effective}
            onChange={(v) => typeof v === 'number' && v >= 1 && v <= MAX_GREETING_DAYS && setDays(v)}
            data-testid="greetings-days"
          />
          {list.data && (
            <Text size="sm" c="dimmed" pb={4}>
              {t('activities.greetings.subtitle', { days: list.data.days, from: list.data.today, to })}
            </Text>
          )}
        </Group>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconFileSpreadsheet size={14} />}
          loading={exportList.isPending}
          data-testid="greetings-export"
          onClick={() =>
            exportList.mutate(
              { days: effective },
              {
                onSuccess: (file) => {
                  saveFile(file);
                  notifications.show({ color: 'green', message: t('activities.greetings.exported', { rows: file.rows }) });
                },
                onError: (e) => notifications.show({ color: 'red', message: errorText(e) }),
              },
            )
          }
        >
          {t('activities.greetings.export')}
        </Button>
      </Group>
      <QueryRows error={list.error ?? settings.error} rows={list.data?.items} empty={t('activities.greetings.empty')} emptyProps={centeredEmpty}>
        {(items) => <GreetingsTable items={items} />}
      </QueryRows>
    </Stack>
  );
};

const PAGE = 50;

/** Every contact the viewer may read, newest first, by kind and (managers) salesperson. */
const ContactLog = ({ session }: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const { users } = useUserDirectory();
  const [type, setType] = useState<ActivityType | null>(null);
  const [userId, setUserId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const list = useChannelQuery('activities.list', {
    ...(type ? { type } : {}),
    ...(userId ? { userId } : {}),
    limit: PAGE,
    offset: (page - 1) * PAGE,
  });
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE));
  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Select
          size="xs"
          w={160}
          clearable
          placeholder={t('activities.fields.type')}
          data={activityTypes.map((x) => ({ value: x, label: t(`activities.types.${x}`) }))}
          value={type}
          onChange={(v) => {
            setType(v as ActivityType | null);
            setPage(1);
          }}
          data-testid="log-filter-type"
        />
        {session.user.can.seeTeam && (
          <Select
            size="xs"
            w={160}
            clearable
            placeholder={t('activities.fields.user')}
            data={users.map((u) => ({ value: u.id, label: u.displayName }))}
            value={userId}
            onChange={(v) => {
              setUserId(v);
              setPage(1);
            }}
          />
        )}
        {list.data && (
          <Text size="sm" c="dimmed">
            {t('common.total', { count: list.data.total })}
          </Text>
        )}
      </Group>
      <QueryRows error={list.error} rows={list.data?.rows} empty={t('activities.page.logEmpty')} emptyProps={centeredEmpty}>
        {(rows) => <ActivityTable rows={rows} showCustomer />}
      </QueryRows>
      {pages > 1 && <Pagination size="sm" total={pages} value={page} onChange={setPage} />}
    </Stack>
  );
};

const Complaints = () => {
  const { t } = useTranslation();
  const list = useChannelQuery('activities.list', { complaintsOnly: true, limit: 500 });
  return (
    <Stack gap="sm">
      <QueryRows error={list.error} rows={list.data?.rows} empty={t('activities.page.complaintsEmpty')} emptyProps={centeredEmpty}>
        {(rows) => <ActivityTable rows={rows} showCustomer />}
      </QueryRows>
    </Stack>
  );
};

const tabs = ['tasks', 'greetings', 'log', 'complaints'] as const;

/** 回访与关怀: my follow-up tasks, the greeting list (exportable), complaints. */
export const FollowUpsPage = ({ session }: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab = tabs.find((x) => x === requested) ?? 'tasks';
  return (
    <Stack gap="md" maw={1200}>
      <Title order={3}>{t('activities.page.title')}</Title>
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'tasks' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="sm">
          {tabs.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`activities.page.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Paper withBorder p="md">
          <Tabs.Panel value="tasks">
            <MyTasks session={session} />
          </Tabs.Panel>
          <Tabs.Panel value="greetings">
            <GreetingList />
          </Tabs.Panel>
          <Tabs.Panel value="log">
            <ContactLog session={session} />
          </Tabs.Panel>
          <Tabs.Panel value="complaints">
            <Complaints />
          </Tabs.Panel>
        </Paper>
      </Tabs>
    </Stack>
  );
};
