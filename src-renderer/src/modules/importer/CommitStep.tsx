import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconCircleX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '@shared/errors';
import type { ImportJobState } from '@shared/import/types';
import { ApiError } from '../api/api';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatCount } from '../ui/format';

type Props = {
  job: ImportJobState | undefined;
  error: unknown;
  cancelRequested: boolean;
  onCancel: () => void;
  onBack: () => void;
};

/** Step 6: the running import with its progress and Cancel; a cancelled or failed import says that nothing changed. */
export const CommitStep = ({ job, error, cancelRequested, onCancel, onBack }: Props) => {
  const { t } = useTranslation();
  if (job?.state === 'cancelled' || job?.state === 'failed') {
    const failure = job.state === 'failed' && job.error ? new ApiError({ code: job.error.code as ErrorCode, message: job.error.message }) : null;
    return (
      <Stack gap="sm" maw={640}>
        {job.state === 'cancelled' ? (
          <Alert color="orange" variant="light" icon={<IconCircleX size={18} />} role="alert" data-testid="import-cancelled">
            {t('importer.commit.cancelled')}
          </Alert>
        ) : (
          <ErrorAlert error={failure} title={t('importer.commit.failed')} />
        )}
        <Group>
          <Button variant="default" onClick={onBack}>
            {t('importer.commit.backToAssign')}
          </Button>
        </Group>
      </Stack>
    );
  }
  const total = job?.total ?? 0;
  const done = job?.done ?? 0;
  const label = job ? t('importer.commit.running', { done: formatCount(done), total: formatCount(total) }) : t('importer.commit.starting');
  return (
    <Stack gap="sm" maw={640}>
      <Text size="sm">{label}</Text>
      <Group gap="sm" wrap="nowrap">
        <Progress
          value={total ? (done / total) * 100 : 0}
          size="lg"
          animated
          style={{ flex: 1 }}
          aria-label={label}
          data-testid="import-progress"
        />
        <Button color="red" variant="light" onClick={onCancel} disabled={!job || cancelRequested} loading={cancelRequested} data-testid="import-cancel">
          {cancelRequested ? t('importer.commit.cancelling') : t('importer.commit.cancel')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('importer.commit.allOrNothing')}
      </Text>
      {error ? (
        <>
          <ErrorAlert error={error} />
          <Group>
            <Button variant="default" onClick={onBack}>
              {t('importer.commit.backToAssign')}
            </Button>
          </Group>
        </>
      ) : null}
    </Stack>
  );
};
