import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAddressBook, IconChevronDown, IconFileSpreadsheet, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CustomerFilter } from '@shared/customers/schemas';
import type { ExportedFile } from '@shared/customers/types';
import { saveFile } from '../ui/saveFile';
import { useErrorText } from '../ui/useErrorText';
import type { Sort } from './listState';
import { useExportContacts, useExportCustomers } from './hooks';

/** List column keys → export column keys (the region column is three in the workbook). */
const exportKeys = (columns: string[]): string[] =>
  columns.flatMap((k) => (k === 'region' ? ['provinceCode', 'cityCode', 'districtCode'] : [k]));

/**
 * Exports what the list shows to an .xlsx for people to read: the customers
 * (same filter, order and columns), or the contacts of those customers.
 * Sales export only what they can list.
 */
export const ExportButton = ({ filter, sort, columns }: { filter: CustomerFilter; sort: Sort; columns: string[] }) => {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const customers = useExportCustomers();
  const contacts = useExportContacts();
  const done = (message: string) => ({
    onSuccess: (file: ExportedFile) => {
      saveFile(file);
      notifications.show({ color: 'green', message: t(message, { rows: file.rows, file: file.fileName }) });
    },
    onError: (e: Error) => notifications.show({ color: 'red', message: errorText(e) }),
  });
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconFileSpreadsheet size={14} />}
          rightSection={<IconChevronDown size={12} />}
          loading={customers.isPending || contacts.isPending}
        >
          {t('customerList.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconUsers size={14} />}
          onClick={() => customers.mutate({ filter, sort, columns: exportKeys(columns) }, done('customerList.exported'))}
        >
          {t('customerList.exportCustomers')}
        </Menu.Item>
        <Menu.Item leftSection={<IconAddressBook size={14} />} onClick={() => contacts.mutate({ filter, sort }, done('customerList.exportedContacts'))}>
          {t('customerList.exportContacts')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
};
