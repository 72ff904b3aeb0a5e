import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../ui/ErrorAlert';

/** A record's page while its query runs: the error if it failed, a spinner until it is there, then `children` of it. */
export const Loaded = <T,>({ query, children }: { query: { data: T | undefined; error: unknown }; children: (data: T) => ReactNode }) => {
  if (query.error) return <ErrorAlert error={query.error} />;
  if (!query.data)
    return (
      <Center p="xl">
        <Loader />
      </Center>
    );
  return <>{children(query.data)}</>;
};
