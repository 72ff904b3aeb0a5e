import { Alert, Button, Center, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileTypePdf, IconPrinter } from '@tabler/icons-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintAction, PrintForm } from '@shared/print/forms';
import type { Locale } from '@shared/roles';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useErrorText } from '../ui/useErrorText';
import classes from './PrintPreviewModal.module.css';
import { usePrintOutput } from './hooks';

/**
 * The print preview: the form the main process rendered, shown at A4 width in
 * a sandboxed frame (no scripts; same origin only so the browser fallback can
 * print it). In the desktop app, Print and Save as PDF go to the main process
 * (system print dialog, printToPDF + save dialog); where the host cannot print
 * (the test bridge in a browser), both open the browser's print dialog for the
 * frame, whose destinations include "Save as PDF".
 */
export const PrintPreviewModal = ({ form, id, opened, onClose }: { form: PrintForm; id: string; opened: boolean; onClose: () => void }) => {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const frame = useRef<HTMLIFrameElement>(null);
  const locale = i18n.language as Locale;
  const doc = useChannelQuery('print.render', { form, id, locale }, { enabled: opened, staleTime: 0, gcTime: 0 });
  const caps = useChannelQuery('print.capabilities', {}, { enabled: opened, staleTime: Infinity });
  const output = usePrintOutput();
  const native = caps.data?.native === true;

  const run = (action: PrintAction): void => {
    if (!native) {
      frame.current?.contentWindow?.print();
      return;
    }
    output.mutate(
      { form, id, locale, action },
      {
        onSuccess: (r) => {
          if (action === 'pdf' && r.done && r.filePath) {
            notifications.show({ color: 'green', title: t('print.preview.saved'), message: t('print.preview.savedTo', { path: r.filePath }) });
          }
        },
        onError: (e) => notifications.show({ color: 'red', message: errorText(e) }),
      },
    );
  };

  const ready = doc.data !== undefined && caps.data !== undefined;
  return (
    <Modal opened={opened} onClose={onClose} title={doc.data?.title ?? t('print.preview.title')} size="calc(210mm + 64px)" centered>
      <Stack gap="sm" data-testid="print-preview">
        <ErrorAlert error={doc.error ?? caps.error} />
        {!ready && !doc.error && (
          <Center h={300}>
            <Loader />
          </Center>
        )}
        {doc.data && (
          <iframe
            ref={frame}
            className={classes.frame}
            title={t('print.preview.frameTitle', { title: doc.data.title })}
            sandbox="allow-same-origin allow-modals"
            srcDoc={doc.data.html}
            data-testid="print-frame"
          />
        )}
        {ready && !native && (
          <Alert variant="light" color="gray" p="xs">
            <Text size="xs">{t('print.preview.browserHint')}</Text>
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('print.preview.close')}
          </Button>
          <Button variant="default" leftSection={<IconFileTypePdf size={16} />} disabled={!ready} loading={output.isPending && output.variables?.action === 'pdf'} onClick={() => run('pdf')}>
            {t('print.preview.savePdf')}
          </Button>
          <Button leftSection={<IconPrinter size={16} />} disabled={!ready} loading={output.isPending && output.variables?.action === 'print'} onClick={() => run('print')}>
            {t('print.preview.print')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
};
