import { Alert, type AlertProps } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useErrorText } from './useErrorText';

export const ErrorAlert = ({ error, ...props }: { error: unknown } & Omit<AlertProps, 'children'>) => {
  const errorText = useErrorText();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" {...props}>
      {errorText(error)}
    </Alert>
  );
};
