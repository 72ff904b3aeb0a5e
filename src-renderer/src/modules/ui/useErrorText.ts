import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api';

/** Turns an error from the main process into a sentence in the current UI language. */
export const useErrorText = (): ((error: unknown) => string) => {
  const { t } = useTranslation();
  return (error) => {
    if (error instanceof ApiError) {
      const { code, params, issues } = error.data;
      if (code === 'VALIDATION' && issues?.length) {
        return t('errors.VALIDATION', { fields: issues.map((i) => `${i.path.join('.')}: ${t(i.message, { defaultValue: i.message })}`).join('; ') });
      }
      return t(`errors.${code}`, { ...params, defaultValue: error.data.message });
    }
    return t('errors.INTERNAL');
  };
};
