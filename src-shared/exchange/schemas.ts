import { z } from 'zod';

const nodeId = z.string().regex(/^n[0-9a-f]{12}$/);

export const exchangeExportSchema = z.object({
  /** Only the changes since the last exchange with this PC (its node id); omitted: all records. */
  sincePeer: nodeId.optional(),
});

export const exchangeAnalyzeSchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  /** The workbook, base64 (exchange workbooks of a whole office stay well under this). */
  dataBase64: z.string().min(1).max(120 * 1024 * 1024),
});

export const exchangeTokenSchema = z.object({ token: z.string().uuid() });

const choice = z.enum(['local', 'remote']);

export const exchangeResolveSchema = z.object({
  resolutions: z
    .array(
      z.object({
        conflictId: z.string().uuid(),
        /** Field-by-field choice (both_changed, hand_edited); fields not listed keep this PC's value. `_deleted` picks the deletion state. */
        fields: z.record(z.string().max(64), choice).default({}),
        /** Duplicates: merge the incoming record into the earlier one (first record wins), or keep both. */
        action: z.enum(['merge', 'keep_both']).optional(),
      }),
    )
    .min(1)
    .max(500),
});

export const exchangeLogSchema = z.object({ limit: z.number().int().min(1).max(200).default(50) });
