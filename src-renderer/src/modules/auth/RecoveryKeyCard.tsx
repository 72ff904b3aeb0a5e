import { Alert, Button, Checkbox, Code, Group, Stack, Text } from '@mantine/core';
import { IconPrinter, IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../ui/format';

/**
 * Shows a freshly made recovery key once, with a print-out, and lets the
 * user go on only after confirming it was saved.
 */
export const RecoveryKeyCard = ({
  recoveryKey,
  companyName,
  doneLabel,
  onDone,
}: {
  recoveryKey: string;
  companyName: string;
  doneLabel: string;
  onDone: () => void;
}) => {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const [shownAt] = useState(() => Date.now());
  return (
    <Stack gap="md">
      <Alert color="orange" variant="light" icon={<IconShieldLock size={18} />} title={t('setup.recoveryTitle')}>
        {t('setup.recoveryText')}
      </Alert>
      <Code block data-testid="recovery-key" fz={18} ta="center" py="md" style={{ letterSpacing: 1, whiteSpace: 'nowrap', fontFamily: 'Consolas, "DejaVu Sans Mono", monospace' }}>
        {recoveryKey}
      </Code>
      <Group>
        <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
          {t('setup.printKey')}
        </Button>
      </Group>
      <Checkbox checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} label={t('setup.recoveryConfirm')} />
      <Button disabled={!saved} onClick={onDone}>
        {doneLabel}
      </Button>
      <div className="print-only">
        <h1 style={{ fontSize: '20pt', textAlign: 'center' }}>{t('setup.printHeading')}</h1>
        <p style={{ fontSize: '12pt' }}>{t('setup.printCompany', { company: companyName })}</p>
        <p style={{ fontSize: '12pt' }}>{t('setup.printDate', { date: formatDate(shownAt) })}</p>
        <p style={{ fontSize: '22pt', fontFamily: 'monospace', textAlign: 'center', border: '1px solid #000', padding: '8mm' }}>
          {recoveryKey}
        </p>
        <p style={{ fontSize: '11pt' }}>{t('setup.recoveryText')}</p>
      </div>
      <Text size="xs" c="dimmed">
        {companyName}
      </Text>
    </Stack>
  );
};
