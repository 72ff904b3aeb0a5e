/**
 * Error codes a user or a script can meet. Each has a localized message in
 * src-shared/i18n (key `errors.<code>`), so the renderer and the CLI explain
 * the same failure in the same words.
 */
export const errorCodes = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'WRONG_PASSWORD',
  'ACCOUNT_LOCKED',
  'USER_INACTIVE',
  'INVALID_RECOVERY_KEY',
  'REKEY_BUSY',
  'WORKSPACE_EXISTS',
  'NO_WORKSPACE',
  'WORKSPACE_CORRUPT',
  'DB_TOO_NEW',
  'USERNAME_TAKEN',
  'LAST_ADMIN',
  'UNKNOWN_CHANNEL',
  'DUPLICATE_CUSTOMER',
  'POSSIBLE_DUPLICATES',
  'INVALID_OWNER',
  'MERGE_INVALID',
  'ALREADY_UNDONE',
  'TAG_EXISTS',
  'TOO_LARGE',
  'IMPORT_CANCELLED',
  'BACKUP_INVALID',
  'BACKUP_OTHER_WORKSPACE',
  'BACKUP_WRONG_KEY',
  'INTERNAL',
  'FILE_EMPTY',
  'FILE_DAMAGED',
  'FILE_NOT_WORKBOOK',
  'FILE_NOT_SPREADSHEET',
  'FILE_WPS_FORMAT',
  'FILE_PASSWORD_PROTECTED',
  'FILE_UNSUPPORTED',
  'FILE_TOO_LARGE',
  'UPLOAD_TOO_LARGE',
  'UPLOADS_FULL',
  'BACKUP_DIR_NOT_ABSOLUTE',
  'BACKUP_DIR_SYSTEM',
  'BACKUP_DIR_UNUSABLE',
  'INVALID_TRANSITION',
  'SELF_APPROVAL',
  'EXCHANGE_INVALID',
  'EXCHANGE_NOT_XLSX',
  'EXCHANGE_OTHER_WORKSPACE',
  'EXCHANGE_TAMPERED',
  'EXCHANGE_REFUSED',
  'OVERPAYMENT',
  'ORDER_BELOW_RECEIVED',
  'PRINT_UNAVAILABLE',
  'PRINT_FAILED',
  'TIME_IN_FUTURE',
  'PASSWORD_CHANGE_REQUIRED',
  'WORKSPACE_LOCKED',
  'WORKSPACE_NOT_LOCKED',
  'AUTH_STATE_BUSY',
  'DATABASE_WITHOUT_KEYRING',
  'LOGO_INVALID',
  'LOGO_TOO_LARGE',
  'LOGO_TOO_MANY_PIXELS',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export type ErrorParams = Record<string, string | number>;

export type AppErrorData = {
  code: ErrorCode;
  message: string;
  params?: ErrorParams;
  /** For VALIDATION: which fields failed and the i18n key of why. */
  issues?: { path: string[]; message: string }[];
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

/** Thrown inside the main process; turned into `{ ok: false, error }` at the IPC boundary. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams | undefined;

  constructor(code: ErrorCode, params?: ErrorParams, detail?: string) {
    super(detail ?? code);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/**
 * The code an error carries, or undefined when it has none: an AppError's
 * ErrorCode, a failed Result's error (AppErrorData), or the string `code`
 * Node, SQLite and parsers put on theirs ('ENOENT', 'SQLITE_BUSY',
 * 'CSV_MAX_RECORD_SIZE'). Takes anything a catch clause can hold.
 */
export const errorCode = (e: unknown): string | undefined => {
  const code: unknown = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
};
