import { Alert, Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { IconChevronLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FlowStep } from '@shared/visits/types';
import { FlowSteps } from './FlowSteps';

/**
 * The frame of the visit and minutes pages: the link back to the list, the title with its badges, the customer,
 * the actions on the right, the manager's comment (red when sent back), the page's own content, then the flow steps.
 */
export const RecordPage = ({
  back,
  title,
  badges,
  customer,
  actions,
  comment,
  steps,
  statusKey,
  children,
}: {
  back: { to: string; label: string };
  title: string;
  badges: ReactNode;
  customer: { id: string; name: string };
  actions: ReactNode;
  comment: { text: string | null; title: string; refused: boolean };
  steps: FlowStep[];
  statusKey: 'status' | 'minutesStatus';
  children: ReactNode;
}) => {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" maw={1000}>
      <Anchor component={Link} to={back.to} size="sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 2 }}>
        <IconChevronLeft size={14} />
        {back.label}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={3}>{title}</Title>
            {badges}
          </Group>
          <Anchor component={Link} to={`/customers/${customer.id}`} fw={600}>
            {customer.name}
          </Anchor>
        </Stack>
        {actions}
      </Group>
      {comment.text && (
        <Alert color={comment.refused ? 'red' : 'green'} variant="light" title={comment.title}>
          {comment.text}
        </Alert>
      )}
      {children}
      <Text fw={600}>{t('visits.detail.steps')}</Text>
      <FlowSteps steps={steps} statusKey={statusKey} />
    </Stack>
  );
};
