import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

/** The body of a "really delete / deactivate?" dialog: the question, any error, Cancel and a red confirm button. */
export const DangerConfirm = ({
  text,
  confirmLabel,
  error,
  pending,
  onCancel,
  onConfirm,
}: {
  text: string;
  confirmLabel: string;
  error: unknown;
  pending: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) => {
  const { t } = useTranslation();
  return (
    <Stack>
      <Text size="sm">{text}</Text>
      <ErrorAlert error={error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button color="red" loading={pending} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </Group>
    </Stack>
  );
};
