import { useTranslation } from 'react-i18next';
import { regionName } from '@shared/regions';
import { formatPhone } from '@shared/rules/phone';
import { formatDateTime } from '../ui/format';
import { formatMoney } from '../ui/formatMoney';
import { useUserDirectory } from './useUserDirectory';

const timeFields = new Set(['createdAt', 'updatedAt', 'assignedAt', 'lostAt', 'deletedAt', 'firstContactAt', 'lastContactAt', 'nextFollowUpAt']);
const userFields = new Set(['ownerId', 'createdBy', 'updatedBy', 'deletedBy']);
const enumFields: Record<string, string> = { status: 'status', source: 'source', staffSize: 'staffSize', tier: 'tier' };
const regionFields = new Set(['provinceCode', 'cityCode', 'districtCode']);
const phoneFields = new Set(['phone', 'mobile']);

/**
 * Labels and display values of customer fields wherever one field is shown on
 * its own (history versions, the merge comparison): enums translated, codes
 * named, ids resolved to people, numbers as money and phones grouped.
 */
export const useFieldText = () => {
  const { t } = useTranslation();
  const { nameOf } = useUserDirectory();
  const label = (field: string): string => {
    if (field === 'ownerId') return t('customer.fields.owner');
    return t(`customer.fields.${field}`, { defaultValue: field });
  };
  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '';
    if (timeFields.has(field) && typeof v === 'number') return formatDateTime(v);
    if (userFields.has(field) && typeof v === 'string') return nameOf(v) || v;
    const enumKey = enumFields[field];
    if (enumKey && typeof v === 'string') return t(`customer.${enumKey}.${v}`, { defaultValue: v });
    if (regionFields.has(field) && typeof v === 'string') return regionName(v) ?? v;
    if (phoneFields.has(field) && typeof v === 'string') return formatPhone(v);
    if (field === 'registeredCapital' && typeof v === 'number') return formatMoney(v);
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    return String(v);
  };
  return { label, value };
};
