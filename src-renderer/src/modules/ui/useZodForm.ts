import { useForm, type UseFormInput } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';

/**
 * A Mantine form validated by the same zod schema the main process applies.
 * Schema messages are i18n keys; they are translated here.
 */
export const useZodForm = <V extends Record<string, unknown>>(
  schema: z.ZodType<unknown, V>,
  options: Omit<UseFormInput<V>, 'validate'>,
) => {
  const { t } = useTranslation();
  const resolve = zod4Resolver(schema as never) as (values: V) => Record<string, string>;
  return useForm<V>({
    ...options,
    validate: (values) =>
      Object.fromEntries(Object.entries(resolve(values)).map(([k, v]) => [k, t(v, { defaultValue: v })])),
  });
};
