import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocalDate } from '@shared/reports/period';

/**
 * A date typed the way tables show it (2026-11-23) rather than the browser's
 * date widget, whose format follows the operating system. Reports a value once
 * it is a real date.
 */
export const DateText = ({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) => {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setText(value);
  }
  return (
    <TextInput
      size="xs"
      w={108}
      aria-label={label}
      placeholder={t('reports.period.placeholder')}
      value={text}
      error={text !== '' && !isLocalDate(text)}
      onChange={(e) => {
        const v = e.currentTarget.value.trim();
        setText(v);
        if (isLocalDate(v) && v !== value) {
          setSeen(v);
          onChange(v);
        }
      }}
    />
  );
};
