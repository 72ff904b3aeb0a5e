import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { BulkResult } from '@shared/customers/types';

/** Bulk channels answer with what they skipped; on a one-customer card a skip is the answer to show. */
export const useBulkFeedback = () => {
  const { t } = useTranslation();
  return (result: BulkResult, doneMessage: string): boolean => {
    const skipped = result.skipped[0];
    if (result.changed === 0 && skipped) {
      notifications.show({ color: 'orange', message: t(`customerCard.skipped.${skipped.reason}`, { defaultValue: skipped.reason }) });
      return false;
    }
    notifications.show({ color: 'green', message: doneMessage });
    return true;
  };
};
