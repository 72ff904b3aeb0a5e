import { Button, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportFileInfo } from '@shared/import/types';
import { ErrorAlert } from '../ui/ErrorAlert';
import classes from './FileStep.module.css';
import { formatBytes } from './formatBytes';
import { useFileUpload } from './useFileUpload';

export const ACCEPT = '.xlsx,.xls,.ods,.et,.ett,.csv,.txt,.html,.htm';

/**
 * Step 1: a drop zone (plain HTML5 drag events) and a file button; the file
 * is uploaded in chunks with a progress bar, then its sheets are read.
 */
export const FileStep = ({
  current,
  onUploaded,
  onStarted,
}: {
  current: ImportFileInfo | null;
  onUploaded: (info: ImportFileInfo) => void;
  /** A new file was picked: the one before it is no longer the wizard's, whether or not the new one is read. */
  onStarted: () => void;
}) => {
  const { t } = useTranslation();
  const upload = useFileUpload(onUploaded);
  const [over, setOver] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  // Cleared after each pick, so choosing the same file again (after fixing it) uploads it again.
  const resetInput = useRef<() => void>(null);

  const take = (files: File[]) => {
    const first = files[0];
    if (!first || upload.busy) return;
    setNote(files.length > 1 ? t('importer.file.tooMany', { name: first.name }) : null);
    resetInput.current?.();
    onStarted();
    void upload.start(first);
  };
  const onDragOver = (e: DragEvent<HTMLDivElement>) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = upload.busy ? 'none' : 'copy';
    setOver(true);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    take([...e.dataTransfer.files]);
  };

  const s = upload.state;
  return (
    <Stack gap="sm">
      <div
        className={classes.dropZone}
        data-over={over || undefined}
        data-disabled={upload.busy || undefined}
        data-testid="import-drop-zone"
        onDragOver={onDragOver}
        onDragEnter={onDragOver}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <Stack align="center" gap={6}>
          <IconFileSpreadsheet size={40} stroke={1.4} color="var(--mantine-color-green-7)" />
          <Text fw={500}>{t('importer.file.drop')}</Text>
          <Text size="sm" c="dimmed">
            {t('importer.file.or')}
          </Text>
          <FileButton onChange={(f) => f && take([f])} resetRef={resetInput} accept={ACCEPT} disabled={upload.busy} inputProps={{ 'aria-label': t('importer.file.pick') }}>
            {(props) => (
              <Button {...props} leftSection={<IconUpload size={16} />} disabled={upload.busy}>
                {t('importer.file.pick')}
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed">
            {t('importer.file.formats')}
          </Text>
        </Stack>
      </div>
      {note && (
        <Text size="sm" c="orange.8">
          {note}
        </Text>
      )}
      {s.phase === 'uploading' && (
        <Stack gap={4}>
          <Text size="sm">{t('importer.file.uploading', { name: s.name, done: formatBytes(s.sent), total: formatBytes(s.size) })}</Text>
          <Progress value={s.size ? (s.sent / s.size) * 100 : 100} animated aria-label={t('importer.file.uploading', { name: s.name, done: formatBytes(s.sent), total: formatBytes(s.size) })} />
        </Stack>
      )}
      {s.phase === 'reading' && (
        <Stack gap={4}>
          <Text size="sm">{t('importer.file.reading', { name: s.name })}</Text>
          <Progress value={100} striped animated />
        </Stack>
      )}
      {s.phase === 'failed' && (
        <ErrorAlert error={s.error} title={t('importer.file.nothingImported')} data-testid="import-file-error" />
      )}
      {current && s.phase === 'idle' && (
        <Group gap="xs">
          <IconFileSpreadsheet size={16} />
          <Text size="sm" data-testid="import-current-file">
            {t('importer.file.current', { name: current.fileName, kind: current.kind.toUpperCase(), count: current.sheets.length })}
          </Text>
        </Group>
      )}
    </Stack>
  );
};
