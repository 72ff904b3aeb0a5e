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
import type { Customer, CustomerCan } from '@shared/customers/types';
import { useErrorText } from '../ui/useErrorText';
import { DangerConfirm } from '../ui/DangerConfirm';
import { AssignDialog } from './AssignDialog';
import { ReleaseDialog } from './ReleaseDialog';
import { StatusDialog } from './StatusDialog';
import { TierDialog } from './TierDialog';
import { useBulkFeedback } from './useBulkFeedback';
import { useClaimCustomers, useDeleteCustomers } from '../customer-list/hooks';

type Dialog = 'status' | 'release' | 'assign' | 'tier' | 'delete';

/**
 * What the viewer may do with this customer, from the card's `can` flags (the
 * main process's policy, which enforces every rule again on the call): the
 * buttons follow them so nobody is offered a refusal.
 */
export const CardActions = ({ customer, can, onMerge }: { customer: Customer; can: CustomerCan; onMerge: () => void }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const feedback = useBulkFeedback();
  const errorText = useErrorText();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const claim = useClaimCustomers();
  // Deleting also refetches this card (it reads customers), but onSuccess leaves the page and drops it before the answer can come back as "not found".
  const remove = useDeleteCustomers();
  const client = useQueryClient();
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
        {can.edit && (
          <Button size="xs" leftSection={<IconEdit size={14} />} component={Link} to={`/customers/${customer.id}/edit`}>
            {t('customerCard.actions.edit')}
          </Button>
        )}
        {can.edit && (
          <Button size="xs" variant="default" leftSection={<IconProgress size={14} />} onClick={() => setDialog('status')}>
            {t('customerCard.actions.changeStatus')}
          </Button>
        )}
        {can.claim && (
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
        {can.release && (
          <Button size="xs" variant="default" leftSection={<IconArrowBackUp size={14} />} onClick={() => setDialog('release')}>
            {t('customerCard.actions.release')}
          </Button>
        )}
        {can.assign && (
          <Button size="xs" variant="default" leftSection={<IconUserShare size={14} />} onClick={() => setDialog('assign')}>
            {t('customerCard.actions.assign')}
          </Button>
        )}
        {(can.setTier || can.merge || can.delete) && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="xs" variant="default" rightSection={<IconChevronDown size={14} />}>
                {t('customerCard.actions.more')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {can.setTier && (
                <Menu.Item leftSection={<IconCrown size={14} />} onClick={() => setDialog('tier')}>
                  {t('customerCard.actions.setTier')}
                </Menu.Item>
              )}
              {can.merge && (
                <Menu.Item leftSection={<IconArrowsJoin2 size={14} />} onClick={onMerge}>
                  {t('customerCard.actions.merge')}
                </Menu.Item>
              )}
              {(can.setTier || can.merge) && can.delete && <Menu.Divider />}
              {can.delete && (
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

