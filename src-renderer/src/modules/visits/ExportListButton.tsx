import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '@shared/contract';
import type { ExportedFile } from '@shared/customers/types';
import { saveFile } from '../ui/saveFile';
import { useErrorText } from '../ui/useErrorText';
import { useExportMinutes, useExportVisits } from './hooks';

type Props = { channel: 'visits.export'; input: ChannelInput<'visits.export'> } | { channel: 'minutes.export'; input: ChannelInput<'minutes.export'> };

/** Exports what a list shows (same filter) to an .xlsx and hands it to the download. */
export const ExportListButton = (props: Props) => {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const visits = useExportVisits();
  const minutes = useExportMinutes();
  const handlers = {
    onSuccess: (file: ExportedFile) => {
      saveFile(file);
      notifications.show({ color: 'green', message: t('visits.export.done', { rows: file.rows, file: file.fileName }) });
    },
    onError: (e: Error) => notifications.show({ color: 'red', message: errorText(e) }),
  };
  return (
    <Button
      size="xs"
      variant="default"
      leftSection={<IconFileSpreadsheet size={14} />}
      loading={visits.isPending || minutes.isPending}
      onClick={() => (props.channel === 'visits.export' ? visits.mutate(props.input, handlers) : minutes.mutate(props.input, handlers))}
    >
      {t('visits.export.button')}
    </Button>
  );
};
