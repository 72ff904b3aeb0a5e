import { Badge, type BadgeProps } from '@mantine/core';
import type { Tag } from '@shared/customers/types';

/** A customer tag (分组/标签) in the colour chosen for it in Settings → 标签. */
export const TagBadge = ({ tag, ...props }: { tag: Pick<Tag, 'name' | 'color'> } & Omit<BadgeProps, 'children' | 'color'>) => (
  <Badge variant="light" color={tag.color} radius="sm" size="sm" tt="none" fw={500} {...props}>
    {tag.name}
  </Badge>
);
