import type { ExportedFile } from '../customers/types';
import { importAnalyzeSchema, importBatchSchema, importCommitSchema, importJobSchema, importPreviewSchema, importSheetsSchema, importUploadSchema } from '../import/schemas';
import type { ImportAnalysisView, ImportBatchInfo, ImportFileInfo, ImportJobState, ImportPreview, ImportUndoResult } from '../import/types';
import { emptyInputSchema } from '../schemas';
import { channel, manager } from './channel';

/** Lead import (managers): upload → sheets → preview → analyze → commit (a job) → progress/cancel; batches and undo. */
export const importChannels = {
  // Lead import (managers): upload → sheets → preview → analyze → commit (a job) → progress/cancel; batches and undo.
  'import.upload': channel<{ uploadId: string; size: number }>()({ input: importUploadSchema, access: manager }),
  'import.sheets': channel<ImportFileInfo>()({ input: importSheetsSchema, access: manager, reads: [] }),
  'import.preview': channel<ImportPreview>()({ input: importPreviewSchema, access: manager, reads: [] }),
  'import.analyze': channel<ImportAnalysisView>()({ input: importAnalyzeSchema, access: manager }),
  'import.commit': channel<{ jobId: string }>()({ input: importCommitSchema, access: manager }),
  'import.progress': channel<ImportJobState>()({ input: importJobSchema, access: manager, reads: [] }),
  'import.cancel': channel<ImportJobState>()({ input: importJobSchema, access: manager }),
  'import.errorWorkbook': channel<ExportedFile>()({ input: importSheetsSchema, access: manager }),
  'import.discard': channel<null>()({ input: importSheetsSchema, access: manager }),
  'import.batches': channel<ImportBatchInfo[]>()({ input: emptyInputSchema, access: manager, reads: ['import_batches', 'users'] }),
  'import.undo': channel<ImportUndoResult>()({ input: importBatchSchema, access: manager }),
} as const;
