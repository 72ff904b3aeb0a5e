import { Alert, Anchor, Badge, Button, Center, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronLeft } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { SessionInfo } from '@shared/types';
import type { MinutesDetail } from '@shared/visits/types';
import { useChannelMutation, useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { CommentDialog } from './CommentDialog';
import { FlowSteps } from './FlowSteps';
import { DueDate } from './MinutesListPage';
import { MinutesStatusBadge } from './VisitStatusBadge';
import { activityEffects, visitChannels } from './visitChannels';
import { PrintButton } from '../print/PrintButton';

const Row = ({ label, children }: { label: string; children: ReactNode }) => (
  <Table.Tr>
    <Table.Th w={140} style={{ verticalAlign: 'top' }}>
      {label}
    </Table.Th>
    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{children}</Table.Td>
  </Table.Tr>
);

type Step = 'approve' | 'return' | 'send' | 'confirm' | null;

/** What the dialogs need of each flow mutation (they all take an id and a comment). */
type FlowMutation = {
  isPending: boolean;
  error: unknown;
  mutate: (input: { id: string; comment: string }, options: { onSuccess: () => void }) => void;
};

const Actions = ({ minutes }: { minutes: MinutesDetail }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Step>(null);
  const submit = useChannelMutation('minutes.submit', visitChannels);
  const approve = useChannelMutation('minutes.approve', [...visitChannels, ...activityEffects]);
  const ret = useChannelMutation('minutes.return', visitChannels);
  const send = useChannelMutation('minutes.markSent', visitChannels);
  const confirm = useChannelMutation('minutes.confirmReceipt', visitChannels);
  const close = () => setDialog(null);
  const ok = () => {
    notifications.show({ color: 'green', message: t('visits.minutes.done') });
    close();
  };
  const dialogs: { step: Exclude<Step, null>; title: string; label: string; color?: string; required?: boolean; m: FlowMutation }[] = [
    { step: 'approve', title: t('visits.minutes.approveTitle'), label: t('visits.minutes.approve'), color: 'green', m: approve },
    { step: 'return', title: t('visits.minutes.returnTitle'), label: t('visits.minutes.return'), color: 'red', required: true, m: ret },
    { step: 'send', title: t('visits.minutes.sendTitle'), label: t('visits.minutes.markSent'), m: send },
    { step: 'confirm', title: t('visits.minutes.confirmTitle'), label: t('visits.minutes.confirm'), m: confirm },
  ];
  return (
    <>
      <Group gap="xs" data-testid="minutes-actions">
        <PrintButton form="minutes" id={minutes.id} size="sm" />
        {minutes.can.edit && (
          <Button variant="default" onClick={() => void navigate(`/minutes/${minutes.id}/edit`)}>
            {t('visits.minutes.edit')}
          </Button>
        )}
        {minutes.can.submit && (
          <Button loading={submit.isPending} onClick={() => submit.mutate({ id: minutes.id }, { onSuccess: ok })}>
            {t('visits.minutes.submit')}
          </Button>
        )}
        {minutes.can.approve && (
          <>
            <Button color="green" onClick={() => setDialog('approve')}>
              {t('visits.minutes.approve')}
            </Button>
            <Button color="red" variant="light" onClick={() => setDialog('return')}>
              {t('visits.minutes.return')}
            </Button>
          </>
        )}
        {minutes.can.send && <Button onClick={() => setDialog('send')}>{t('visits.minutes.markSent')}</Button>}
        {minutes.can.confirm && <Button onClick={() => setDialog('confirm')}>{t('visits.minutes.confirm')}</Button>}
      </Group>
      <ErrorAlert error={submit.error} />
      {dialogs.map((d) => (
        <CommentDialog
          key={d.step}
          opened={dialog === d.step}
          title={d.title}
          confirmLabel={d.label}
          color={d.color}
          required={d.required}
          requiredText={t('visits.minutes.commentRequired')}
          pending={d.m.isPending}
          error={d.m.error}
          onClose={close}
          onConfirm={(comment) => d.m.mutate({ id: minutes.id, comment }, { onSuccess: ok })}
        />
      ))}
    </>
  );
};

const MinutesView = ({ minutes: m }: { minutes: MinutesDetail }) => {
  const { t } = useTranslation();
  const mf = (key: string): string => t(`visits.minutesFields.${key}`);
  return (
    <Stack gap="sm" maw={1000}>
      <Anchor component={Link} to="/minutes" size="sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 2 }}>
        <IconChevronLeft size={14} />
        {t('visits.minutes.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={3}>{t('visits.minutes.detailTitle', { formNo: m.formNo })}</Title>
            <MinutesStatusBadge status={m.status} />
          </Group>
          <Anchor component={Link} to={`/customers/${m.customerId}`} fw={600}>
            {m.customer.name}
          </Anchor>
        </Stack>
        <Actions minutes={m} />
      </Group>
      {m.reviewComment && (
        <Alert color={m.status === 'returned' ? 'red' : 'green'} variant="light" title={t('visits.common.paren', { main: mf('reviewComment'), note: m.reviewedBy?.displayName ?? '' })}>
          {m.reviewComment}
        </Alert>
      )}
      <Paper withBorder p="sm">
        <SimpleGrid cols={2}>
          <Table variant="vertical" withTableBorder={false}>
            <Table.Tbody>
              <Row label={mf('title')}>{m.title ?? ''}</Row>
              <Row label={mf('meetingDate')}>{`${m.meetingDate} ${m.meetingTime ?? ''}`}</Row>
              <Row label={mf('place')}>{m.place ?? ''}</Row>
              <Row label={mf('noteTaker')}>{m.noteTaker ?? ''}</Row>
              <Row label={mf('dueDate')}>
                <DueDate row={m} />
              </Row>
            </Table.Tbody>
          </Table>
          <Table variant="vertical" withTableBorder={false}>
            <Table.Tbody>
              <Row label={mf('ourAttendees')}>{m.ourAttendees ?? ''}</Row>
              <Row label={mf('customerAttendees')}>{m.customerAttendees ?? ''}</Row>
              <Row label={mf('author')}>{m.author.displayName}</Row>
              {m.visit && (
                <Row label={mf('visit')}>
                  <Anchor component={Link} to={`/visits/${m.visit.id}`} size="sm">
                    {m.visit.formNo}
                  </Anchor>
                </Row>
              )}
            </Table.Tbody>
          </Table>
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="sm">
        <Table variant="vertical" withTableBorder={false}>
          <Table.Tbody>
            <Row label={mf('customerSituation')}>{m.customerSituation ?? ''}</Row>
            <Row label={mf('needsProblems')}>{m.needsProblems ?? ''}</Row>
            <Row label={mf('discussion')}>{m.discussion ?? ''}</Row>
            <Row label={mf('agreements')}>{m.agreements ?? ''}</Row>
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="sm">
        <Text fw={600} mb="xs">
          {mf('actions')}
        </Text>
        {m.actions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('visits.minutes.noActions')}
          </Text>
        ) : (
          <Table striped data-testid="minutes-actions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>#</Table.Th>
                <Table.Th>{mf('actionContent')}</Table.Th>
                <Table.Th>{mf('actionOwner')}</Table.Th>
                <Table.Th>{mf('actionDue')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {m.actions.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.position + 1}</Table.Td>
                  <Table.Td>{a.content}</Table.Td>
                  <Table.Td>{[a.ownerName, a.ownerUser?.displayName].filter(Boolean).join(' / ')}</Table.Td>
                  <Table.Td>{a.dueDate}</Table.Td>
                  <Table.Td>
                    {a.taskId && (
                      <Badge size="xs" variant="light" color="teal" tt="none">
                        {t('visits.minutes.taskCreated')}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Text fw={600}>{t('visits.detail.steps')}</Text>
      <FlowSteps steps={m.steps} statusKey="minutesStatus" />
    </Stack>
  );
};

/** /minutes/:id — the minutes on screen with the flow buttons the viewer may use now. */
export const MinutesDetailPage = (_props: { session: SessionInfo }) => {
  const { id } = useParams();
  const minutes = useChannelQuery('minutes.get', { id: id ?? '' }, { enabled: !!id });
  if (minutes.error) return <ErrorAlert error={minutes.error} />;
  if (!minutes.data)
    return (
      <Center p="xl">
        <Loader />
      </Center>
    );
  return <MinutesView minutes={minutes.data} />;
};
