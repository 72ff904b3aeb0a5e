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

/** How far ahead of the clock an entry's time may be (a form filled in over a few minutes). */
const FUTURE_SLACK_MS = 5 * 60 * 1000;

/** A contact that took place (or a visit carried out) cannot lie in the future: it would become the customer's last contact. */
export const assertNotFuture = (now: number, at: number): void => {
  if (at > now + FUTURE_SLACK_MS) throw new AppError('TIME_IN_FUTURE');
};
