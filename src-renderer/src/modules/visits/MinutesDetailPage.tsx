import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { SessionInfo } from '@shared/types';
import type { MinutesDetail } from '@shared/visits/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { CommentDialog } from './CommentDialog';
import { DetailRow } from './DetailRow';
import { DueDate } from './DueDate';
import { Loaded } from './Loaded';
import { RecordPage } from './RecordPage';
import { MinutesStatusBadge } from './VisitStatusBadge';
import { PrintButton } from '../print/PrintButton';
import { useApproveMinutes, useConfirmMinutesReceipt, useMarkMinutesSent, useReturnMinutes, useSubmitMinutes } from './hooks';

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
  const submit = useSubmitMinutes();
  const approve = useApproveMinutes();
  const ret = useReturnMinutes();
  const send = useMarkMinutesSent();
  const confirm = useConfirmMinutesReceipt();
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
          <Button color="green" onClick={() => setDialog('approve')}>
            {t('visits.minutes.approve')}
          </Button>
        )}
        {minutes.can.return && (
          <Button color="red" variant="light" onClick={() => setDialog('return')}>
            {t('visits.minutes.return')}
          </Button>
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
    <RecordPage
      back={{ to: '/minutes', label: t('visits.minutes.back') }}
      title={t('visits.minutes.detailTitle', { formNo: m.formNo })}
      badges={<MinutesStatusBadge status={m.status} />}
      customer={{ id: m.customerId, name: m.customer.name }}
      actions={<Actions minutes={m} />}
      comment={{
        text: m.reviewComment,
        title: t('visits.common.paren', { main: mf('reviewComment'), note: m.reviewedBy?.displayName ?? '' }),
        refused: m.status === 'returned',
      }}
      steps={m.steps}
      statusKey="minutesStatus"
    >
      <Paper withBorder p="sm">
        <SimpleGrid cols={2}>
          <Table variant="vertical" withTableBorder={false}>
            <Table.Tbody>
              <DetailRow label={mf('title')}>{m.title ?? ''}</DetailRow>
              <DetailRow label={mf('meetingDate')}>{`${m.meetingDate} ${m.meetingTime ?? ''}`}</DetailRow>
              <DetailRow label={mf('place')}>{m.place ?? ''}</DetailRow>
              <DetailRow label={mf('noteTaker')}>{m.noteTaker ?? ''}</DetailRow>
              <DetailRow label={mf('dueDate')}>
                <DueDate row={m} />
              </DetailRow>
            </Table.Tbody>
          </Table>
          <Table variant="vertical" withTableBorder={false}>
            <Table.Tbody>
              <DetailRow label={mf('ourAttendees')}>{m.ourAttendees ?? ''}</DetailRow>
              <DetailRow label={mf('customerAttendees')}>{m.customerAttendees ?? ''}</DetailRow>
              <DetailRow label={mf('author')}>{m.author.displayName}</DetailRow>
              {m.visit && (
                <DetailRow label={mf('visit')}>
                  <Anchor component={Link} to={`/visits/${m.visit.id}`} size="sm">
                    {m.visit.formNo}
                  </Anchor>
                </DetailRow>
              )}
            </Table.Tbody>
          </Table>
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="sm">
        <Table variant="vertical" withTableBorder={false}>
          <Table.Tbody>
            <DetailRow label={mf('customerSituation')}>{m.customerSituation ?? ''}</DetailRow>
            <DetailRow label={mf('needsProblems')}>{m.needsProblems ?? ''}</DetailRow>
            <DetailRow label={mf('discussion')}>{m.discussion ?? ''}</DetailRow>
            <DetailRow label={mf('agreements')}>{m.agreements ?? ''}</DetailRow>
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
    </RecordPage>
  );
};

/** /minutes/:id — the minutes on screen with the flow buttons the viewer may use now. */
export const MinutesDetailPage = (_props: { session: SessionInfo }) => {
  const { id } = useParams();
  const minutes = useChannelQuery('minutes.get', { id: id ?? '' }, { enabled: !!id });
  return <Loaded query={minutes}>{(m) => <MinutesView minutes={m} />}</Loaded>;
};
