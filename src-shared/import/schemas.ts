import { z } from 'zod';
import { customerSources } from '../customers/enums';
import { idSchema } from '../schemas';
import { importTargets } from './targets';

const uploadId = z.string().regex(/^[0-9a-f-]{36}$/, 'validation.invalidId');

export const importUploadSchema = z.object({
  /** Omitted on the first chunk; the answer carries the id for the next ones. */
  uploadId: uploadId.optional(),
  fileName: z.string().trim().min(1).max(255),
  /** Byte offset of this chunk (chunks arrive in order). */
  offset: z.number().int().min(0),
  chunkBase64: z.string().max(8 * 1024 * 1024),
  final: z.boolean(),
});

export const importSheetsSchema = z.object({ uploadId });

export const importPreviewSchema = z.object({
  uploadId,
  sheetIndex: z.number().int().min(0).max(1000),
  /** 1-based sheet row of the header; omitted = detect. */
  headerRow: z.number().int().min(1).max(1_048_576).optional(),
});

export const importAnalyzeSchema = z.object({
  uploadId,
  sheetIndex: z.number().int().min(0).max(1000),
  headerRow: z.number().int().min(1).max(1_048_576),
  targets: z.array(z.enum(importTargets).nullable()).max(500),
  unmappedToNotes: z.boolean().default(true),
});

export const importAssignmentSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('pool') }),
  z.object({ mode: z.literal('user'), userId: idSchema }),
  z.object({ mode: z.literal('balance'), userIds: z.array(idSchema).min(1).max(100) }),
]);

export const importCommitSchema = z.object({
  uploadId,
  decisions: z.record(z.string().max(80), z.enum(['skip', 'fill', 'new'])).default({}),
  /** For groups not listed in decisions (the screen shows at most 500 groups). */
  defaultDecision: z.enum(['skip', 'fill', 'new']).default('skip'),
  assignment: importAssignmentSchema,
  source: z.enum(customerSources).default('trade_directory'),
  tagIds: z.array(idSchema).max(50).default([]),
});

export const importJobSchema = z.object({ jobId: uploadId });
export const importBatchSchema = z.object({ batchId: idSchema });
