import { Button, Checkbox, Popover, Stack } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export type FilterOption = { value: string; label: string };

/**
 * A compact multi-choice filter for the toolbar: a button that names the
 * filter and how much of it is set, opening a list of checkboxes.
 */
export const FilterMenu = <V extends string>({
  label,
  options,
  value,
  onChange,
  testId,
}: {
  label: string;
  options: { value: V; label: string }[];
  value: V[] | undefined;
  onChange: (value: V[] | undefined) => void;
  testId?: string;
}) => {
  const { t } = useTranslation();
  const chosen = value ?? [];
  const only = chosen.length === 1 ? options.find((o) => o.value === chosen[0]) : undefined;
  const caption = only
    ? t('customerList.filters.captionOne', { label, value: only.label })
    : chosen.length > 1
      ? t('customerList.filters.captionMany', { label, count: chosen.length })
      : label;
  return (
    <Popover position="bottom-start" shadow="md" withinPortal>
      <Popover.Target>
        <Button
          size="xs"
          variant={chosen.length ? 'light' : 'default'}
          rightSection={<IconChevronDown size={12} />}
          data-testid={testId}
          fw={chosen.length ? 600 : 400}
        >
          {caption}
        </Button>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Checkbox.Group value={chosen} onChange={(v) => onChange(v.length ? (v as V[]) : undefined)} aria-label={label}>
          <Stack gap={6}>
            {options.map((o) => (
              <Checkbox key={o.value} size="xs" value={o.value} label={o.label} />
            ))}
          </Stack>
        </Checkbox.Group>
      </Popover.Dropdown>
    </Popover>
  );
};
