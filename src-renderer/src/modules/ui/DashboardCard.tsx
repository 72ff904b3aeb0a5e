import { Card, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A card on 首页: an icon and a bold title, something on the right of the title (a link, a badge), then the content. */
export const DashboardCard = ({ icon, title, extra, testId, children }: { icon: ReactNode; title: string; extra?: ReactNode; testId: string; children: ReactNode }) => (
  <Card withBorder data-testid={testId}>
    <Group justify="space-between" mb="xs">
      <Group gap={6}>
        {icon}
        <Text fw={600}>{title}</Text>
      </Group>
      {extra}
    </Group>
    {children}
  </Card>
);
