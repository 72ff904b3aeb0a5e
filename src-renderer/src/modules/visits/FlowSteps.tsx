import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FlowStep } from '@shared/visits/types';
import { formatDateTime } from '../ui/format';

/** Who moved the record from which status to which, when, with what comment. */
export const FlowSteps = ({ steps, statusKey }: { steps: FlowStep[]; statusKey: 'status' | 'minutesStatus' }) => {
  const { t } = useTranslation();
  const label = (s: string) => t(`visits.${statusKey}.${s}`);
  return (
    <Table striped withTableBorder data-testid="flow-steps">
      <Table.Tbody>
        {steps.map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td w={150}>{formatDateTime(s.at)}</Table.Td>
            <Table.Td w={100}>{s.actor?.displayName ?? ''}</Table.Td>
            <Table.Td w={200}>{s.fromStatus ? t('visits.steps.moved', { from: label(s.fromStatus), to: label(s.toStatus) }) : t('visits.steps.created')}</Table.Td>
            <Table.Td>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {s.comment ?? ''}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
};
