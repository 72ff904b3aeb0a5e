import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CustomerFilter } from '@shared/customers/schemas';
import { useChannelMutation } from '../api/hooks';
import { saveFile } from '../ui/saveFile';
import { useErrorText } from '../ui/useErrorText';
import type { Sort } from './listState';

/** List column keys → export column keys (the region column is three in the workbook). */
const exportKeys = (columns: string[]): string[] =>
  columns.flatMap((k) => (k === 'region' ? ['provinceCode', 'cityCode', 'districtCode'] : [k]));

/**
 * Exports what the list shows — the same filter, order and columns — to an
 * .xlsx for people to read. Sales export only what they can list.
 */
export const ExportButton = ({ filter, sort, columns }: { filter: CustomerFilter; sort: Sort; columns: string[] }) => {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const exporter = useChannelMutation('customers.export');
  const run = () =>
    exporter.mutate(
      { filter, sort, columns: exportKeys(columns) },
      {
        onSuccess: (file) => {
          saveFile(file);
          notifications.show({ color: 'green', message: t('customerList.exported', { rows: file.rows, file: file.fileName }) });
        },
        onError: (e) => notifications.show({ color: 'red', message: errorText(e) }),
      },
    );
  return (
    <Button size="xs" variant="default" leftSection={<IconFileSpreadsheet size={14} />} loading={exporter.isPending} onClick={run}>
      {t('customerList.export')}
    </Button>
  );
};
