import { z } from 'zod';
import { newPasswordSchema, setupInputSchema } from '@shared/schemas';

/** The set-up form: the main process's schema plus the repeated password. */
export const setupFormSchema = setupInputSchema
  .omit({ locale: true })
  .extend({ passwordConfirm: z.string() })
  .refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], message: 'validation.passwordMismatch' });

/** Any "new password twice" form. */
export const newPasswordPairSchema = z
  .object({ newPassword: newPasswordSchema, newPasswordConfirm: z.string() })
  .refine((v) => v.newPassword === v.newPasswordConfirm, {
    path: ['newPasswordConfirm'],
    message: 'validation.passwordMismatch',
  });
