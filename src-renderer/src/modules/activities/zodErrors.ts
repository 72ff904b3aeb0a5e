import type { TFunction } from 'i18next';
import type { z } from 'zod';

/**
 * Checks a value built from a form with the schema the main process applies;
 * returns the parsed value, or per-field messages (schema messages are i18n keys).
 */
export const checkWith = <S extends z.ZodType>(
  schema: S,
  value: unknown,
  t: TFunction,
): { ok: true; value: z.output<S> } | { ok: false; errors: Record<string, string> } => {
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  const errors: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    errors[key] ??= t(issue.message, { defaultValue: t('validation.invalid') });
  }
  return { ok: false, errors };
};
