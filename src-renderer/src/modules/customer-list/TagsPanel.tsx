import { Button, CheckIcon, ColorSwatch, Group, Modal, Paper, Stack, Table, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tagColors } from '@shared/customers/enums';
import { tagInputSchema } from '@shared/customers/schemas';
import type { Tag } from '@shared/customers/types';
import type { SessionInfo } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { TagBadge } from '../ui/TagBadge';
import { useZodForm } from '../ui/useZodForm';
import { DangerConfirm } from '../ui/DangerConfirm';
import { useCreateTag, useDeleteTag, useUpdateTag } from '../settings/hooks';

type TagColor = (typeof tagColors)[number];

const ColorPicker = ({ value, onChange }: { value: TagColor; onChange: (c: TagColor) => void }) => {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('customerList.tags.color')}
      </Text>
      <Group gap={6} role="radiogroup" aria-label={t('customerList.tags.color')}>
        {tagColors.map((c) => (
          <Tooltip key={c} label={t(`customerList.tags.colors.${c}`)} withinPortal>
            <UnstyledButton role="radio" aria-checked={value === c} aria-label={t(`customerList.tags.colors.${c}`)} onClick={() => onChange(c)}>
              <ColorSwatch color={`var(--mantine-color-${c}-6)`} size={24} style={{ color: 'white', cursor: 'pointer' }}>
                {value === c && <CheckIcon size={11} />}
              </ColorSwatch>
            </UnstyledButton>
          </Tooltip>
        ))}
      </Group>
    </Stack>
  );
};

const TagForm = ({ tag, onDone }: { tag: Tag | null; onDone: () => void }) => {
  const { t } = useTranslation();
  const create = useCreateTag();
  const update = useUpdateTag();
  const form = useZodForm(tagInputSchema, {
    initialValues: { name: tag?.name ?? '', color: ((tag?.color as TagColor | undefined) ?? 'blue') as TagColor },
  });
  const mutation = tag ? update : create;
  return (
    <form
      onSubmit={form.onSubmit((values) => {
        const done = () => {
          notifications.show({ color: 'green', message: tag ? t('customerList.tags.updated') : t('customerList.tags.created') });
          onDone();
        };
        if (tag) update.mutate({ id: tag.id, name: values.name, color: values.color }, { onSuccess: done });
        else create.mutate({ name: values.name, color: values.color }, { onSuccess: done });
      })}
    >
      <Stack gap="sm">
        <TextInput label={t('customerList.tags.name')} data-autofocus maxLength={30} {...form.getInputProps('name')} />
        <ColorPicker value={form.values.color as TagColor} onChange={(c) => form.setFieldValue('color', c)} />
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('customerList.tags.preview')}
          </Text>
          <TagBadge tag={{ name: form.values.name || t('customerList.tags.usage'), color: form.values.color as string }} />
        </Group>
        <ErrorAlert error={mutation.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

type Dialog = { kind: 'create' } | { kind: 'edit'; tag: Tag } | { kind: 'delete'; tag: Tag };

/** Settings → 标签 (managers and administrators): the office's customer groups and their colours. */
export const TagsPanel = (_props: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const tags = useChannelQuery('tags.list', {});
  const remove = useDeleteTag();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => {
    setDialog(null);
    remove.reset();
  };
  const title = dialog
    ? { create: t('customerList.tags.createTitle'), edit: t('customerList.tags.editTitle'), delete: t('customerList.tags.deleteTitle') }[dialog.kind]
    : '';
  const rows = tags.data ?? [];
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Text size="sm" c="dimmed" maw={640}>
            {t('customerList.tags.text')}
          </Text>
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setDialog({ kind: 'create' })}>
            {t('customerList.tags.add')}
          </Button>
        </Group>
        <ErrorAlert error={tags.error} />
        <Table striped highlightOnHover verticalSpacing={5} fz="sm" data-testid="tags-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('customerList.tags.name')}</Table.Th>
              <Table.Th>{t('customerList.tags.color')}</Table.Th>
              <Table.Th w={160}>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((tag) => (
              <Table.Tr key={tag.id} data-testid={`tag-row-${tag.name}`}>
                <Table.Td>
                  <TagBadge tag={tag} size="md" />
                </Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    <ColorSwatch color={`var(--mantine-color-${tag.color}-6)`} size={14} />
                    <Text size="sm">{t(`customerList.tags.colors.${tag.color}`, { defaultValue: tag.color })}</Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => setDialog({ kind: 'edit', tag })}>
                      {t('customerList.tags.edit')}
                    </Button>
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDialog({ kind: 'delete', tag })}>
                      {t('customerList.tags.delete')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {tags.isSuccess && rows.length === 0 && (
          <Text ta="center" c="dimmed" py="md">
            {t('customerList.tags.empty')}
          </Text>
        )}
      </Stack>
      <Modal opened={dialog !== null} onClose={close} title={title}>
        {dialog?.kind === 'create' && <TagForm tag={null} onDone={close} />}
        {dialog?.kind === 'edit' && <TagForm tag={dialog.tag} onDone={close} />}
        {dialog?.kind === 'delete' && (
          <DangerConfirm
            text={t('customerList.tags.deleteText', { name: dialog.tag.name })}
            confirmLabel={t('customerList.tags.delete')}
            error={remove.error}
            pending={remove.isPending}
            onCancel={close}
            onConfirm={() =>
              remove.mutate(
                { id: dialog.tag.id },
                {
                  onSuccess: () => {
                    notifications.show({ color: 'green', message: t('customerList.tags.deleted') });
                    close();
                  },
                },
              )
            }
          />
        )}
      </Modal>
    </Paper>
  );
};
