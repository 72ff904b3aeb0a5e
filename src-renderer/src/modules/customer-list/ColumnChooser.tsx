import { Button, Checkbox, Group, Popover, ScrollArea, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { columnGroups, columnLabel, columns, defaultColumnKeys, type ColumnGroup } from './columns';

const groupLabelKey = (g: ColumnGroup): string => (g === 'management' ? 'customerList.columns.management' : `customer.sections.${g}`);

/** Which columns the table shows, grouped like the customer form; the name column is always there. */
export const ColumnChooser = ({ value, onChange }: { value: string[]; onChange: (keys: string[]) => void }) => {
  const { t } = useTranslation();
  const chosen = new Set(value);
  const toggle = (key: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(key);
    else next.delete(key);
    onChange([...next]);
  };
  return (
    <Popover position="bottom-end" shadow="md" width={520} withinPortal>
      <Popover.Target>
        <Button size="xs" variant="default" leftSection={<IconColumns size={14} />}>
          {t('customerList.columns.chooser')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown p="sm" data-testid="column-chooser">
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            {t('customerList.columns.chooserTitle')}
          </Text>
          <ScrollArea.Autosize mah={420} type="auto">
            <Stack gap="sm" pr="xs">
              {columnGroups.map((g) => (
                <div key={g}>
                  <Text size="xs" fw={600} c="gray.7" mb={4}>
                    {t(groupLabelKey(g))}
                  </Text>
                  <SimpleGrid cols={3} spacing={4} verticalSpacing={4}>
                    {columns
                      .filter((c) => c.group === g)
                      .map((c) => (
                        <Checkbox
                          key={c.key}
                          size="xs"
                          label={columnLabel(c.key, t)}
                          checked={chosen.has(c.key)}
                          disabled={c.key === 'name'}
                          onChange={(e) => toggle(c.key, e.currentTarget.checked)}
                        />
                      ))}
                  </SimpleGrid>
                </div>
              ))}
            </Stack>
          </ScrollArea.Autosize>
          <Group justify="flex-end">
            <Button size="compact-xs" variant="subtle" onClick={() => onChange([...defaultColumnKeys])}>
              {t('customerList.columns.reset')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
};
