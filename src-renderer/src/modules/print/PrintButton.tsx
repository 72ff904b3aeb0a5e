import { Button, type ButtonProps } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintForm } from '@shared/print/forms';
import { PrintPreviewModal } from './PrintPreviewModal';

/** A button that opens the print preview of one form (客户档案卡, 客户走访单, 会谈纪要) for one record. */
export const PrintButton = ({ form, id, ...props }: { form: PrintForm; id: string } & Omit<ButtonProps, 'children'>) => {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button size="xs" variant="default" leftSection={<IconPrinter size={14} />} onClick={() => setOpened(true)} data-testid={`print-${form}`} {...props}>
        {t(`print.buttons.${form}`)}
      </Button>
      {opened && <PrintPreviewModal form={form} id={id} opened={opened} onClose={() => setOpened(false)} />}
    </>
  );
};
