import { ActionIcon, Anchor, Badge, Button, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconEdit, IconTrash } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ComplaintStatus } from '@shared/activities/enums';
import type { Activity } from '@shared/activities/types';
import { DangerConfirm } from '../ui/DangerConfirm';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../ui/format';
import { EditActivityDialog } from './LogContactDialog';
import { useDeleteActivity, useTransitionComplaint } from './hooks';

export const complaintColor: Record<ComplaintStatus, string> = { open: 'red', handling: 'orange', resolved: 'gray' };
const severityColor = { low: 'yellow', medium: 'orange', high: 'red' } as const;

/** A complaint's next step: 开始处理 (open → handling), 标记已解决 (handling → resolved, with the resolution). */
const ComplaintActions = ({ activity }: { activity: Activity }) => {
  const { t } = useTranslation();
  const move = useTransitionComplaint();
  const [resolving, setResolving] = useState(false);
  const [resolution, setResolution] = useState('');
  if (!activity.can.moveComplaint) return null;
  const done = () => {
    notifications.show({ color: 'green', message: t('activities.complaint.moved') });
    setResolving(false);
  };
  return (
    <>
      {activity.complaintStatus === 'open' ? (
        <Button size="compact-xs" variant="light" loading={move.isPending} onClick={() => move.mutate({ id: activity.id, to: 'handling' }, { onSuccess: done })} data-testid="complaint-start">
          {t('activities.complaint.start')}
        </Button>
      ) : (
        <Button size="compact-xs" variant="light" color="green" onClick={() => setResolving(true)} data-testid="complaint-resolve">
          {t('activities.complaint.resolve')}
        </Button>
      )}
      {!resolving && <ErrorAlert error={move.error} mt={4} />}
      <Modal opened={resolving} onClose={() => setResolving(false)} title={t('activities.complaint.resolveTitle')}>
        <Stack gap="sm">
          <Textarea label={t('activities.fields.resolution')} withAsterisk autosize minRows={3} value={resolution} onChange={(e) => setResolution(e.currentTarget.value)} data-autofocus />
          <ErrorAlert error={move.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setResolving(false)}>
              {t('common.cancel')}
            </Button>
            <Button loading={move.isPending} disabled={!resolution.trim()} onClick={() => move.mutate({ id: activity.id, to: 'resolved', resolution }, { onSuccess: done })}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
};

/** Contact-log entries, newest first; complaints marked with their severity and status. `showCustomer` for lists across customers. */
export const ActivityTable = ({ rows, showCustomer = false }: { rows: Activity[]; showCustomer?: boolean }) => {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Activity | null>(null);
  const [removing, setRemoving] = useState<Activity | null>(null);
  const remove = useDeleteActivity();
  const closeRemove = () => {
    setRemoving(null);
    remove.reset();
  };
  return (
    <Table.ScrollContainer minWidth={900}>
      <EditActivityDialog activity={editing} onClose={() => setEditing(null)} />
      <Modal opened={!!removing} onClose={closeRemove} title={t('activities.log.delete')}>
        {removing && (
          <DangerConfirm
            text={t('activities.log.deleteConfirm', { summary: removing.summary.slice(0, 40) })}
            confirmLabel={t('activities.log.delete')}
            error={remove.error}
            pending={remove.isPending}
            onCancel={closeRemove}
            onConfirm={() =>
              remove.mutate(
                { id: removing.id },
                {
                  onSuccess: () => {
                    closeRemove();
                    notifications.show({ color: 'green', message: t('activities.log.deleted') });
                  },
                },
              )
            }
          />
        )}
      </Modal>
      <Table verticalSpacing={6} fz="sm" striped data-testid="activity-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={130}>{t('activities.fields.occurredAt')}</Table.Th>
            {showCustomer && <Table.Th>{t('activities.fields.customer')}</Table.Th>}
            <Table.Th w={90}>{t('activities.fields.type')}</Table.Th>
            <Table.Th w={90}>{t('activities.fields.contact')}</Table.Th>
            <Table.Th>{t('activities.fields.summary')}</Table.Th>
            <Table.Th w={160}>{t('activities.fields.nextStep')}</Table.Th>
            <Table.Th w={80}>{t('activities.fields.user')}</Table.Th>
            <Table.Th w={70}>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((a) => (
            <Table.Tr key={a.id} data-testid="activity-row">
              <Table.Td>{formatDateTime(a.occurredAt)}</Table.Td>
              {showCustomer && (
                <Table.Td>
                  <Anchor component={Link} to={`/customers/${a.customerId}?tab=activities`} size="sm">
                    {a.customerName}
                  </Anchor>
                </Table.Td>
              )}
              <Table.Td>{t(`activities.types.${a.type}`)}</Table.Td>
              <Table.Td>{a.contactName ?? ''}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Group gap={6} wrap="nowrap" align="flex-start">
                    {a.complaint && (
                      <Badge size="xs" color="red" variant="filled" style={{ flexShrink: 0 }}>
                        {t('activities.log.complaintBadge')}
                      </Badge>
                    )}
                    {a.severity && (
                      <Badge size="xs" color={severityColor[a.severity]} variant="light" style={{ flexShrink: 0 }}>
                        {t(`activities.severity.${a.severity}`)}
                      </Badge>
                    )}
                    {a.complaintStatus && (
                      <Badge size="xs" color={complaintColor[a.complaintStatus]} variant="outline" style={{ flexShrink: 0 }} data-testid="complaint-status">
                        {t(`activities.complaintStatus.${a.complaintStatus}`)}
                      </Badge>
                    )}
                    <Text size="sm">{a.summary}</Text>
                  </Group>
                  {a.outcome && (
                    <Text size="xs" c="dimmed">
                      {t('activities.labelValue', { label: t('activities.fields.outcome'), value: a.outcome })}
                    </Text>
                  )}
                  {a.resolution && (
                    <Text size="xs" c="green.8">
                      {t('activities.labelValue', { label: t('activities.fields.resolution'), value: a.resolution })}
                    </Text>
                  )}
                  {a.complaint && (
                    <Group gap={4}>
                      <ComplaintActions activity={a} />
                    </Group>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{a.nextStep ?? ''}</Text>
                {a.nextFollowUpAt && (
                  <Text size="xs" c="dimmed">
                    {formatDate(a.nextFollowUpAt)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{a.user.displayName}</Table.Td>
              <Table.Td>
                {(a.can.edit || a.can.delete) && (
                  <Group gap={2} wrap="nowrap">
                    {a.can.edit && (
                      <ActionIcon variant="subtle" size="sm" aria-label={t('activities.log.edit')} onClick={() => setEditing(a)} data-testid="activity-edit">
                        <IconEdit size={14} />
                      </ActionIcon>
                    )}
                    {a.can.delete && (
                      <ActionIcon variant="subtle" size="sm" color="red" aria-label={t('activities.log.delete')} onClick={() => setRemoving(a)} data-testid="activity-delete">
                        <IconTrash size={14} />
                      </ActionIcon>
                    )}
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};
