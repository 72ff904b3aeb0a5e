import { z } from 'zod';
import { locales, roles } from './roles';
import { companyDetailsFields } from './print/company';

// Small builders every schema here and in the modules (customers, activities, visits, …) uses: one copy, here.

/** Required text: trimmed, 1 to `max` characters. */
export const requiredText = (max: number) => z.string().trim().min(1, 'validation.required').max(max, 'validation.tooLong');

/** Optional text: trimmed, at most `max` characters; empty or missing becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'validation.tooLong')
    .nullish()
    .transform((v) => (v === '' || v === undefined ? null : v));

/** An instant as epoch ms, within a sane range (1990 … 2200). */
export const epochMsSchema = z.number().int().min(631_152_000_000, 'validation.invalid').max(7_258_118_400_000, 'validation.invalid');

/** A calendar date written 'YYYY-MM-DD' (its shape only; orders and reports check that the day exists). */
export const dayTextSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date');

/**
 * Domain schemas shared by the main process (which validates every IPC input
 * with them) and the renderer (whose forms validate with the same ones).
 * Messages are i18n keys, translated where they are shown.
 */
export const usernameSchema = z
  .string()
  .trim()
  .min(2, 'validation.usernameLength')
  .max(32, 'validation.usernameLength')
  .regex(/^[\p{L}\p{N}._-]+$/u, 'validation.usernameChars');

export const displayNameSchema = requiredText(50);

/** A new password. Length is what matters; the KDF cost does the rest. */
export const newPasswordSchema = z
  .string()
  .min(8, 'validation.passwordLength')
  .max(128, 'validation.passwordLength');

/** A password being checked: never trimmed, never length-checked beyond sanity. */
export const passwordSchema = z.string().min(1, 'validation.required').max(1024, 'validation.tooLong');

export const companyNameSchema = requiredText(100);

export const roleSchema = z.enum(roles);
export const localeSchema = z.enum(locales);

export const idSchema = z.string().uuid('validation.invalidId');

export const recoveryKeySchema = z.string().trim().min(10, 'validation.recoveryKeyFormat').max(200, 'validation.recoveryKeyFormat');

export const setupInputSchema = z.object({
  companyName: companyNameSchema,
  adminUsername: usernameSchema,
  adminDisplayName: displayNameSchema,
  password: newPasswordSchema,
  locale: localeSchema,
});
export type SetupInput = z.infer<typeof setupInputSchema>;

export const loginInputSchema = z.object({ username: usernameSchema, password: passwordSchema });
export type LoginInput = z.infer<typeof loginInputSchema>;

export const recoverInputSchema = z.object({
  recoveryKey: recoveryKeySchema,
  username: usernameSchema,
  newPassword: newPasswordSchema,
});
export type RecoverInput = z.infer<typeof recoverInputSchema>;

export const changePasswordInputSchema = z.object({
  currentPassword: passwordSchema,
  newPassword: newPasswordSchema,
});
export type ChangePasswordInput = z.infer<typeof changePasswordInputSchema>;

export const createUserInputSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  role: roleSchema,
  password: newPasswordSchema,
  /** The person must replace this password at their first login (the users screen sets it; scripts may not). */
  mustChangePassword: z.boolean().default(false),
});
/** What the users service takes (whether the password must be changed is the channel's business). */
export type CreateUserInput = Omit<z.infer<typeof createUserInputSchema>, 'mustChangePassword'>;

export const updateUserInputSchema = z.object({
  id: idSchema,
  displayName: displayNameSchema,
  role: roleSchema,
});
export type UpdateUserInput = z.infer<typeof updateUserInputSchema>;

export const setPasswordInputSchema = z.object({ id: idSchema, newPassword: newPasswordSchema, mustChangePassword: z.boolean().default(false) });
export type SetPasswordInput = Omit<z.infer<typeof setPasswordInputSchema>, 'mustChangePassword'>;

export const pageInputSchema = z.object({
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

export const settingsUpdateSchema = z.object({ companyName: companyNameSchema, ...companyDetailsFields });
export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;

export const emptyInputSchema = z.object({}).strict();

export const backupFileSchema = z.object({ fileName: z.string().regex(/^[\w.-]+\.tkbak$/, 'validation.invalid') });
export const backupSettingsSchema = z.object({
  /** null: the default folder inside the data folder. */
  dir: z.string().trim().max(500).nullable(),
  retentionDays: z.number().int().min(1).max(3650),
});
