import { Text, type TextProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';

/**
 * A list a query brought back, as the list screens show it: the query's error, a dimmed line when the list is
 * empty, else what `children` draws of the rows (nothing while it loads). `emptyProps` styles the empty line.
 */
export const QueryRows = <T,>({
  error,
  rows,
  empty,
  emptyProps = { size: 'sm' },
  children,
}: {
  error: unknown;
  rows: T[] | undefined;
  empty: ReactNode;
  emptyProps?: TextProps;
  children: (rows: T[]) => ReactNode;
}) => (
  <>
    <ErrorAlert error={error} />
    {rows?.length === 0 && (
      <Text c="dimmed" {...emptyProps}>
        {empty}
      </Text>
    )}
    {!!rows?.length && children(rows)}
  </>
);
