import { Button, Group, Menu, Modal } from '@mantine/core';
import {
  IconArrowsJoin2,
  IconChevronDown,
  IconCrown,
  IconEdit,
  IconHandGrab,
  IconTrash,
  IconUserShare,
  IconArrowBackUp,
  IconProgress,
} from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Customer } from '@shared/customers/types';
import type { SessionInfo } from '@shared/types';
import { useChannelMutation } from '../api/hooks';
import { useErrorText } from '../ui/useErrorText';
import { DangerConfirm } from '../ui/DangerConfirm';
import { AssignDialog } from './AssignDialog';
import { customerChannels } from './customerChannels';
import { ReleaseDialog } from './ReleaseDialog';
import { StatusDialog } from './StatusDialog';
import { TierDialog } from './TierDialog';
import { useBulkFeedback } from './useBulkFeedback';

type Dialog = 'status' | 'release' | 'assign' | 'tier' | 'delete';

/**
 * What the viewer may do with this customer. The main process enforces every
 * rule again; the buttons only follow them so nobody is offered a refusal.
 */
export const CardActions = ({ customer, session, onMerge }: { customer: Customer; session: SessionInfo; onMerge: () => void }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const feedback = useBulkFeedback();
  const errorText = useErrorText();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const claim = useChannelMutation('customers.claim', customerChannels);
  // Not refreshing this card: it would turn into "not found" under the dialog before the page leaves it.
  const remove = useChannelMutation(
    'customers.delete',
    customerChannels.filter((c) => c !== 'customers.get'),
  );
  const client = useQueryClient();
  const me = session.user;
  const manager = me.role === 'manager' || me.role === 'admin';
  const owner = customer.owner?.id === me.id;
  const canRelease = customer.owner !== null && (owner || manager);
  const canDelete = owner || manager;
  const close = () => {
    setDialog(null);
    remove.reset();
  };
  const title = dialog
    ? {
        status: t('customerCard.status.title'),
        release: t('customerCard.release.title'),
        assign: t('customerCard.assign.title'),
        tier: t('customerCard.tier.title'),
        delete: t('customerCard.delete.title'),
      }[dialog]
    : '';

  return (
    <>
      <Group gap="xs" wrap="nowrap" data-testid="card-actions">
        <Button size="xs" leftSection={<IconEdit size={14} />} component={Link} to={`/customers/${customer.id}/edit`}>
          {t('customerCard.actions.edit')}
        </Button>
        <Button size="xs" variant="default" leftSection={<IconProgress size={14} />} onClick={() => setDialog('status')}>
          {t('customerCard.actions.changeStatus')}
        </Button>
        {customer.owner === null && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconHandGrab size={14} />}
            loading={claim.isPending}
            onClick={() =>
              claim.mutate(
                { ids: [customer.id] },
                {
                  onSuccess: (r) => feedback(r, t('customerCard.claim.done')),
                  onError: (e) => notifications.show({ color: 'red', message: errorText(e) }),
                },
              )
            }
          >
            {t('customerCard.actions.claim')}
          </Button>
        )}
        {canRelease && (
          <Button size="xs" variant="default" leftSection={<IconArrowBackUp size={14} />} onClick={() => setDialog('release')}>
            {t('customerCard.actions.release')}
          </Button>
        )}
        {manager && (
          <Button size="xs" variant="default" leftSection={<IconUserShare size={14} />} onClick={() => setDialog('assign')}>
            {t('customerCard.actions.assign')}
          </Button>
        )}
        {(manager || canDelete) && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="xs" variant="default" rightSection={<IconChevronDown size={14} />}>
                {t('customerCard.actions.more')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {manager && (
                <Menu.Item leftSection={<IconCrown size={14} />} onClick={() => setDialog('tier')}>
                  {t('customerCard.actions.setTier')}
                </Menu.Item>
              )}
              {manager && (
                <Menu.Item leftSection={<IconArrowsJoin2 size={14} />} onClick={onMerge}>
                  {t('customerCard.actions.merge')}
                </Menu.Item>
              )}
              {manager && canDelete && <Menu.Divider />}
              {canDelete && (
                <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setDialog('delete')}>
                  {t('customerCard.actions.delete')}
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <Modal opened={dialog !== null} onClose={close} title={title}>
        {dialog === 'status' && <StatusDialog customer={customer} onDone={close} />}
        {dialog === 'release' && <ReleaseDialog customer={customer} onDone={close} />}
        {dialog === 'assign' && <AssignDialog customer={customer} onDone={close} />}
        {dialog === 'tier' && <TierDialog customer={customer} onDone={close} />}
        {dialog === 'delete' && (
          <DangerConfirm
            text={t('customerCard.delete.text', { name: customer.name })}
            confirmLabel={t('customerCard.actions.delete')}
            error={remove.error}
            pending={remove.isPending}
            onCancel={close}
            onConfirm={() =>
              remove.mutate(
                { ids: [customer.id] },
                {
                  onSuccess: (r) => {
                    if (feedback(r, t('customerCard.delete.done'))) {
                      close();
                      void navigate('/customers');
                      client.removeQueries({ queryKey: ['customers.get', { id: customer.id }] });
                    }
                  },
                },
              )
            }
          />
        )}
      </Modal>
    </>
  );
};

