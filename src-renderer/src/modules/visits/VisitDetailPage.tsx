import { Anchor, Badge, Button, Group, List, Modal, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconSquare, IconSquareCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { formatPhone } from '@shared/rules/phone';
import type { SessionInfo } from '@shared/types';
import { visitChecklist } from '@shared/visits/enums';
import type { VisitDetail } from '@shared/visits/types';
import { useChannelQuery } from '../api/hooks';
import { DangerConfirm } from '../ui/DangerConfirm';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../ui/format';
import { CommentDialog } from './CommentDialog';
import { DetailRow } from './DetailRow';
import { Loaded } from './Loaded';
import { RecordPage } from './RecordPage';
import { RecordResultDialog } from './RecordResultDialog';
import { VisitStatusBadge } from './VisitStatusBadge';
import { PrintButton } from '../print/PrintButton';
import { useApproveVisit, useCancelVisit, useRejectVisit, useSubmitVisit } from './hooks';

type Dialog = 'approve' | 'reject' | 'record' | 'cancel' | null;

const Actions = ({ visit }: { visit: VisitDetail }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Dialog>(null);
  const submit = useSubmitVisit();
  const approve = useApproveVisit();
  const reject = useRejectVisit();
  const cancel = useCancelVisit();
  const close = () => setDialog(null);
  const ok = (message: string) => () => {
    notifications.show({ color: 'green', message });
    close();
  };
  return (
    <>
      <Group gap="xs" data-testid="visit-actions">
        <PrintButton form="visit" id={visit.id} size="sm" />
        {visit.can.edit && (
          <Button variant="default" onClick={() => void navigate(`/visits/${visit.id}/edit`)}>
            {t('visits.detail.edit')}
          </Button>
        )}
        {visit.can.submit && (
          <Button loading={submit.isPending} onClick={() => submit.mutate({ id: visit.id }, { onSuccess: ok(t('visits.detail.submitted')) })}>
            {t('visits.detail.submit')}
          </Button>
        )}
        {visit.can.approve && (
          <Button color="green" onClick={() => setDialog('approve')}>
            {t('visits.detail.approve')}
          </Button>
        )}
        {visit.can.reject && (
          <Button color="red" variant="light" onClick={() => setDialog('reject')}>
            {t('visits.detail.reject')}
          </Button>
        )}
        {visit.can.record && <Button onClick={() => setDialog('record')}>{t('visits.detail.record')}</Button>}
        {visit.can.writeMinutes && (
          <Button variant="light" onClick={() => void navigate(`/minutes/new?customerId=${visit.customerId}&visitId=${visit.id}`)}>
            {t('visits.detail.writeMinutes')}
          </Button>
        )}
        {visit.can.cancel && (
          <Button variant="subtle" color="gray" onClick={() => setDialog('cancel')}>
            {t('visits.detail.cancel')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={submit.error} />
      <CommentDialog
        opened={dialog === 'approve'}
        title={t('visits.detail.approveTitle')}
        confirmLabel={t('visits.detail.approve')}
        color="green"
        pending={approve.isPending}
        error={approve.error}
        onClose={close}
        onConfirm={(comment) => approve.mutate({ id: visit.id, comment }, { onSuccess: ok(t('visits.detail.approved')) })}
      />
      <CommentDialog
        opened={dialog === 'reject'}
        title={t('visits.detail.rejectTitle')}
        confirmLabel={t('visits.detail.reject')}
        color="red"
        required
        requiredText={t('visits.detail.commentRequired')}
        pending={reject.isPending}
        error={reject.error}
        onClose={close}
        onConfirm={(comment) => reject.mutate({ id: visit.id, comment }, { onSuccess: ok(t('visits.detail.rejected')) })}
      />
      {dialog === 'record' && <RecordResultDialog visit={visit} opened onClose={close} />}
      <Modal opened={dialog === 'cancel'} onClose={close} title={t('visits.detail.cancel')}>
        <DangerConfirm
          text={t('visits.detail.cancelConfirm')}
          confirmLabel={t('visits.detail.cancel')}
          error={cancel.error}
          pending={cancel.isPending}
          onCancel={close}
          onConfirm={() => cancel.mutate({ id: visit.id }, { onSuccess: close })}
        />
      </Modal>
    </>
  );
};

const Check = ({ on, label }: { on: boolean; label: string }) => (
  <Group gap={6} wrap="nowrap">
    {on ? <IconSquareCheck size={16} color="var(--mantine-color-teal-6)" /> : <IconSquare size={16} color="var(--mantine-color-gray-5)" />}
    <Text size="sm" c={on ? undefined : 'dimmed'}>
      {label}
    </Text>
  </Group>
);

const VisitView = ({ visit }: { visit: VisitDetail }) => {
  const { t } = useTranslation();
  const f = (key: string): string => t(`visits.fields.${key}`);
  const materials = [...visit.materials.map((m) => t(`visits.materials.${m}`)), ...(visit.materialsOther ? [visit.materialsOther] : [])];
  return (
    <RecordPage
      back={{ to: '/visits', label: t('visits.detail.back') }}
      title={t('visits.detail.title', { formNo: visit.formNo })}
      badges={
        <>
          <VisitStatusBadge status={visit.status} />
          {visit.visitNo !== null && (
            <Badge variant="light" color="violet" tt="none">
              {t('visits.detail.visitNo', { count: visit.visitNo })}
            </Badge>
          )}
        </>
      }
      customer={{ id: visit.customerId, name: visit.customer.name }}
      actions={<Actions visit={visit} />}
      comment={{
        text: visit.decisionComment,
        title: t('visits.common.paren', { main: f('decisionComment'), note: visit.decidedBy?.displayName ?? '' }),
        refused: visit.status === 'rejected',
      }}
      steps={visit.steps}
      statusKey="status"
    >
      <SimpleGrid cols={2} spacing="md">
        <Paper withBorder p="sm">
          <Text fw={600} mb="xs">
            {t('visits.detail.plan')}
          </Text>
          <Table variant="vertical" withTableBorder={false}>
            <Table.Tbody>
              <DetailRow label={f('salesperson')}>{visit.salesperson.displayName}</DetailRow>
              <DetailRow label={f('plannedAt')}>{t('visits.common.paren', { main: formatDateTime(visit.plannedAt), note: t('visits.detail.duration', { count: visit.durationMinutes }) })}</DetailRow>
              <DetailRow label={f('place')}>{visit.place ?? ''}</DetailRow>
              <DetailRow label={f('purpose')}>{visit.purpose}</DetailRow>
              <DetailRow label={f('objectives')}>{visit.objectives ?? ''}</DetailRow>
              <DetailRow label={f('materials')}>{materials.join(t('visits.common.sep'))}</DetailRow>
            </Table.Tbody>
          </Table>
        </Paper>
        <Stack gap="md">
          <Paper withBorder p="sm">
            <Text fw={600} mb="xs">
              {f('contacts')}
            </Text>
            <List spacing={4} size="sm" listStyleType="none">
              {visit.contacts.map((c) => (
                <List.Item key={c.id}>
                  <Group gap={6}>
                    <span>{c.title ? t('visits.common.paren', { main: c.name, note: c.title }) : c.name}</span>
                    {c.isDecisionMaker && (
                      <Badge size="xs" color="violet" variant="light" tt="none">
                        {t('visits.form.decisionMaker')}
                      </Badge>
                    )}
                    <Text span size="xs" c="dimmed">
                      {formatPhone(c.mobile ?? c.phone ?? '')}
                    </Text>
                  </Group>
                </List.Item>
              ))}
            </List>
            <Text size="sm" mt="xs" c={visit.meetsDecisionMaker ? 'teal' : 'orange'} data-testid="decision-maker-hint">
              {visit.meetsDecisionMaker
                ? t('visits.form.meetsDecisionMaker')
                : visit.customerHasDecisionMaker
                  ? t('visits.form.noDecisionMakerChosen')
                  : t('visits.form.noDecisionMakerKnown')}
            </Text>
          </Paper>
          <Paper withBorder p="sm">
            <Text fw={600} mb="xs">
              {f('checklist')}
            </Text>
            <Stack gap={4}>
              {visitChecklist.map((k) => (
                <Check key={k} on={visit[k]} label={t(`visits.checklist.${k}`)} />
              ))}
            </Stack>
          </Paper>
        </Stack>
      </SimpleGrid>
      {visit.status === 'done' && (
        <Paper withBorder p="sm" data-testid="visit-result">
          <Group gap={6} mb="xs">
            <IconCheck size={16} color="var(--mantine-color-green-6)" />
            <Text fw={600}>{t('visits.detail.result')}</Text>
          </Group>
          <Table variant="vertical" withTableBorder={false}>
            <Table.Tbody>
              <DetailRow label={f('doneAt')}>{formatDateTime(visit.doneAt)}</DetailRow>
              <DetailRow label={f('resultSummary')}>{visit.resultSummary ?? ''}</DetailRow>
              <DetailRow label={f('resultOutcome')}>{visit.resultOutcome ?? ''}</DetailRow>
              <DetailRow label={f('nextStep')}>{visit.nextStep ?? ''}</DetailRow>
              <DetailRow label={f('nextFollowUpAt')}>{formatDate(visit.nextFollowUpAt)}</DetailRow>
            </Table.Tbody>
          </Table>
          {visit.minutesIds.length > 0 && (
            <Group gap="xs" mt="xs">
              <Text size="sm" c="dimmed">
                {t('visits.detail.minutes')}
              </Text>
              {visit.minutesIds.map((id, i) => (
                <Anchor key={id} component={Link} to={`/minutes/${id}`} size="sm">
                  {`${t('visits.detail.minutes')} ${i + 1}`}
                </Anchor>
              ))}
            </Group>
          )}
        </Paper>
      )}
    </RecordPage>
  );
};

/** /visits/:id — the visit sheet on screen, with the actions the viewer may take now. */
export const VisitDetailPage = (_props: { session: SessionInfo }) => {
  const { id } = useParams();
  const visit = useChannelQuery('visits.get', { id: id ?? '' }, { enabled: !!id });
  return <Loaded query={visit}>{(v) => <VisitView visit={v} />}</Loaded>;
};
