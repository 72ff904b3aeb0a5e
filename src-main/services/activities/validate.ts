import type { z } from 'zod';
import { AppError } from '../../../src-shared/errors';

/**
 * Parses a service input with its contract schema. The IPC registry already
 * did this for calls from the renderer; other services (visits, minutes) call
 * in directly and get the same VALIDATION error for bad input.
 */
export const parseInput = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('VALIDATION', { fields: parsed.error.issues.map((i) => (i.path.length ? i.path.join('.') : '(input)')).join(', ') });
  }
  return parsed.data;
};
