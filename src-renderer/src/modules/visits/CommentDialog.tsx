import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../ui/ErrorAlert';

/** A dialog asking for an optional (or required) comment before a flow step: approve, reject, return, mark sent. */
export const CommentDialog = ({
  opened,
  title,
  confirmLabel,
  required,
  requiredText,
  color,
  pending,
  error,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  title: string;
  confirmLabel: string;
  required?: boolean;
  requiredText?: string;
  color?: string;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: (comment: string) => void;
}) => {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="md">
      <Stack gap="sm">
        <Textarea
          label={t('visits.detail.comment')}
          withAsterisk={required}
          autosize
          minRows={3}
          value={comment}
          onChange={(e) => {
            setComment(e.currentTarget.value);
            setMissing(false);
          }}
          error={missing ? requiredText : undefined}
          data-autofocus
        />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color={color}
            loading={pending}
            onClick={() => {
              if (required && !comment.trim()) setMissing(true);
              else onConfirm(comment.trim());
            }}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
};
