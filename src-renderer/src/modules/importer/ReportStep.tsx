import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowRight, IconCircleCheck, IconDownload, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportJobState } from '@shared/import/types';
import { ErrorAlert } from '../ui/ErrorAlert';
import { saveFile } from '../ui/saveFile';
import { StatCards } from './StatCards';
import { useImportErrorWorkbook } from './hooks';

type Props = {
  uploadId: string;
  fileName: string;
  summary: NonNullable<ImportJobState['summary']>;
  onRestart: () => void;
};

/** Step 7: what the import did, the problem list as an xlsx, and the way on to the customers. */
export const ReportStep = ({ uploadId, fileName, summary, onRestart }: Props) => {
  const { t } = useTranslation();
  const workbook = useImportErrorWorkbook();
  const download = () =>
    workbook.mutate(
      { uploadId },
      {
        onSuccess: (file) => {
          saveFile(file);
          notifications.show({ color: 'green', message: t('importer.report.downloaded', { file: file.fileName, rows: file.rows }) });
        },
      },
    );
  return (
    <Stack gap="md" data-testid="import-report">
      <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />} title={t('importer.report.title')}>
        {t('importer.report.summary', { file: fileName })}
      </Alert>
      <StatCards
        cols={4}
        stats={[
          { key: 'created', label: t('importer.report.created'), value: summary.created, color: 'green.8' },
          { key: 'filled', label: t('importer.report.filled'), value: summary.filled, color: 'blue.8' },
          { key: 'skipped', label: t('importer.report.skipped'), value: summary.skipped },
          { key: 'rejected', label: t('importer.report.rejected'), value: summary.rejected, color: 'red.8' },
        ]}
      />
      <Stack gap={4}>
        <Group gap="sm">
          <Button leftSection={<IconDownload size={16} />} variant="light" onClick={download} loading={workbook.isPending}>
            {t('importer.report.download')}
          </Button>
          <Button component={Link} to="/customers" rightSection={<IconArrowRight size={16} />}>
            {t('importer.report.toCustomers')}
          </Button>
          <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={onRestart}>
            {t('importer.report.again')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('importer.report.downloadHint')}
        </Text>
      </Stack>
      <ErrorAlert error={workbook.error} />
    </Stack>
  );
};
