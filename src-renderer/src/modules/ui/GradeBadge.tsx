import { Badge, type BadgeProps } from '@mantine/core';
import type { CustomerGrade } from '@shared/customers/enums';
import { gradeColor } from './customerColors';

/** The ABC value grade as a small filled square; nothing when the customer is not graded yet. */
export const GradeBadge = ({ grade, ...props }: { grade: CustomerGrade | null } & Omit<BadgeProps, 'children' | 'color'>) =>
  grade ? (
    <Badge variant="filled" color={gradeColor[grade]} radius="sm" size="sm" w={22} px={0} {...props}>
      {grade}
    </Badge>
  ) : null;
