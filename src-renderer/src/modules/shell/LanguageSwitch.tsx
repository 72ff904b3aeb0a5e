import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { locales, type Locale } from '@shared/roles';
import { setLocale } from '../../i18n';

export const LanguageSwitch = () => {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={i18n.language}
      onChange={(v) => void setLocale(v as Locale)}
      data={locales.map((l) => ({ value: l, label: t(`language.${l}`) }))}
    />
  );
};
