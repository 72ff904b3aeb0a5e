import { useTranslation } from 'react-i18next';
import type { T } from '@shared/reports/tables';

/** t with the plain string signature: report keys are built at run time (reports.kind.<kind>, customer.status.<status>). */
export const useT = (): T => {
  const { t } = useTranslation();
  return t as unknown as T;
};
