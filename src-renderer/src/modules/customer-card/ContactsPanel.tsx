import { ActionIcon, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconStarFilled, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '@shared/customers/types';
import { formatPhone } from '@shared/rules/phone';
import { ContactForm } from './ContactForm';
import { DangerConfirm } from '../ui/DangerConfirm';
import { useDeleteContact } from '../customer-list/hooks';

type Dialog = { kind: 'add' } | { kind: 'edit'; contact: Contact } | { kind: 'delete'; contact: Contact };

/** Fields too long for a column: shown on a line of their own under the contact when filled in. */
const extraFields = ['homeAddress', 'hobbies', 'personality', 'education', 'family', 'notes'] as const;

const phone = (v: string | null): string => (v ? formatPhone(v) : '');

/** The customer's contacts with all their fields; decision-makers first and marked. */
export const ContactsPanel = ({ customerId, contacts }: { customerId: string; contacts: Contact[] }) => {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const remove = useDeleteContact();
  const close = () => {
    setDialog(null);
    remove.reset();
  };
  const saved = () => {
    close();
    notifications.show({ color: 'green', message: t('customerCard.contacts.saved') });
  };
  const f = (key: string): string => t(`customer.contactFields.${key}`);
  const title = dialog ? { add: t('customerCard.contacts.add'), edit: t('customerCard.contacts.edit'), delete: t('customerCard.contacts.delete') }[dialog.kind] : '';
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="flex-end">
          <Button size="xs" leftSection={<IconUserPlus size={14} />} onClick={() => setDialog({ kind: 'add' })}>
            {t('customerCard.contacts.add')}
          </Button>
        </Group>
        {contacts.length === 0 ? (
          <Text c="dimmed" size="sm" ta="center" py="md">
            {t('customerCard.contacts.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing={6} fz="sm" data-testid="contacts-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{f('name')}</Table.Th>
                  <Table.Th>{f('title')}</Table.Th>
                  <Table.Th>{f('decisionRole')}</Table.Th>
                  <Table.Th>{f('mobile')}</Table.Th>
                  <Table.Th>{f('phone')}</Table.Th>
                  <Table.Th>{f('email')}</Table.Th>
                  <Table.Th>{f('wechat')}</Table.Th>
                  <Table.Th>{f('birthday')}</Table.Th>
                  <Table.Th w={70}>{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {contacts.map((c) => {
                  const extras = extraFields.filter((k) => c[k]);
                  return (
                    <Fragment key={c.id}>
                      <Table.Tr data-testid="contact-row" style={extras.length ? { borderBottom: 'none' } : undefined}>
                        <Table.Td>
                          <Group gap={6} wrap="nowrap">
                            <Text size="sm" fw={500}>
                              {c.name}
                            </Text>
                            {c.isDecisionMaker && (
                              <Badge size="xs" color="orange" variant="light" leftSection={<IconStarFilled size={9} />} tt="none" data-testid="decision-maker">
                                {t('customerCard.contacts.decisionMaker')}
                              </Badge>
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td>{c.title}</Table.Td>
                        <Table.Td>{c.decisionRole}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{phone(c.mobile)}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{phone(c.phone)}</Table.Td>
                        <Table.Td>{c.email}</Table.Td>
                        <Table.Td>{c.wechat}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          {c.birthday}
                          {c.birthday && (
                            <Text span size="xs" c="dimmed" ml={4}>
                              {c.birthdayLunar ? t('customerCard.contacts.lunar') : t('customerCard.contacts.solar')}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Group gap={2} wrap="nowrap">
                            <Tooltip label={t('customerCard.contacts.edit')}>
                              <ActionIcon variant="subtle" size="sm" aria-label={t('customerCard.contacts.edit')} onClick={() => setDialog({ kind: 'edit', contact: c })}>
                                <IconEdit size={15} />
                              </ActionIcon>
                            </Tooltip>
                            <Tooltip label={t('customerCard.contacts.delete')}>
                              <ActionIcon
                                variant="subtle"
                                color="red"
                                size="sm"
                                aria-label={t('customerCard.contacts.delete')}
                                onClick={() => setDialog({ kind: 'delete', contact: c })}
                              >
                                <IconTrash size={15} />
                              </ActionIcon>
                            </Tooltip>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                      {extras.length > 0 && (
                        <Table.Tr>
                          <Table.Td colSpan={9} pt={0}>
                            <Group gap="lg" style={{ rowGap: 2 }}>
                              {extras.map((k) => (
                                <Text key={k} size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                                  {f(k)}
                                  {t('customerCard.colon')}
                                  <Text span size="xs" c="dark.6">
                                    {c[k]}
                                  </Text>
                                </Text>
                              ))}
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                      )}
                    </Fragment>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <Modal opened={dialog !== null} onClose={close} title={title} size={dialog?.kind === 'delete' ? 'sm' : 'lg'}>
        {dialog?.kind === 'add' && (
          <ContactForm
            customerId={customerId}
            contact={null}
            onCancel={close}
            onSaved={saved}
          />
        )}
        {dialog?.kind === 'edit' && (
          <ContactForm
            customerId={customerId}
            contact={dialog.contact}
            onCancel={close}
            onSaved={saved}
          />
        )}
        {dialog?.kind === 'delete' && (
          <DangerConfirm
            text={t('customerCard.contacts.deleteConfirm', { name: dialog.contact.name })}
            confirmLabel={t('customerCard.contacts.delete')}
            error={remove.error}
            pending={remove.isPending}
            onCancel={close}
            onConfirm={() =>
              remove.mutate(
                { id: dialog.contact.id },
                {
                  onSuccess: () => {
                    close();
                    notifications.show({ color: 'green', message: t('customerCard.contacts.deleted') });
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
