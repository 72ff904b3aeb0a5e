import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../ui/ErrorAlert';
import type { DirectoryUser } from './useDirectory';
import { useHandOverCustomers } from './hooks';

/**
 * 离职交接 (managers): every customer of one person to another in one step.
 * The departing person is usually deactivated already, so inactive users
 * are offered as "from"; only active ones can receive.
 */
export const HandoverDialog = ({ opened, onClose, users }: { opened: boolean; onClose: () => void; users: DirectoryUser[] }) => {
  const { t } = useTranslation();
  const handover = useHandOverCustomers();
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  const label = (u: DirectoryUser) =>
    u.active ? u.displayName : t('customerList.filters.ownerInactive', { name: u.displayName });
  const close = () => {
    setFrom(null);
    setTo(null);
    setReason('');
    setErrors({});
    handover.reset();
    onClose();
  };
  const submit = () => {
    const e: typeof errors = {};
    if (!from) e.from = t('validation.required');
    if (!to) e.to = t('validation.required');
    else if (to === from) e.to = t('customerList.handover.sameUser');
    setErrors(e);
    if (e.from || e.to || !from || !to) return;
    handover.mutate(
      { fromUserId: from, toUserId: to, reason },
      {
        onSuccess: async (result) => {
          notifications.show({
            color: 'green',
            message: t('customerList.handover.done', {
              count: result.changed,
              from: users.find((u) => u.id === from)?.displayName ?? '',
              to: users.find((u) => u.id === to)?.displayName ?? '',
            }),
          });
          close();
        },
      },
    );
  };
  return (
    <Modal opened={opened} onClose={close} title={t('customerList.handover.title')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('customerList.handover.text')}
          </Text>
          <Select
            label={t('customerList.handover.from')}
            data={users.map((u) => ({ value: u.id, label: label(u) }))}
            value={from}
            onChange={setFrom}
            error={errors.from}
            searchable
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('customerList.handover.to')}
            data={users.filter((u) => u.active && u.id !== from).map((u) => ({ value: u.id, label: label(u) }))}
            value={to}
            onChange={setTo}
            error={errors.to}
            searchable
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label={t('customerList.handover.reason')}
            placeholder={t('customerList.handover.reasonPlaceholder')}
            maxLength={200}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <ErrorAlert error={handover.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={handover.isPending}>
              {t('customerList.handover.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
