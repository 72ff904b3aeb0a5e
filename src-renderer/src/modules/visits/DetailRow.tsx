import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/** A label and its value in the vertical tables of the visit and minutes pages (long text keeps its line breaks). */
export const DetailRow = ({ label, children }: { label: string; children: ReactNode }) => (
  <Table.Tr>
    <Table.Th w={140} style={{ verticalAlign: 'top' }}>
      {label}
    </Table.Th>
    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{children}</Table.Td>
  </Table.Tr>
);
