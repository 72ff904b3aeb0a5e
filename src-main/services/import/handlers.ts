import type { importChannels } from '../../../src-shared/contract/import';
import { translator } from '../../i18n';
import type { ModuleContext, ModuleHandlers } from '../module';
import { listBatches } from './batches';
import { undoImport } from './commit';
import { saveMapping, withSavedMapping } from './mappings';

/** Handlers for src-shared/contract/import.ts (managers): the wizard's steps run where the host put the import (ctx.imports). */
export const importHandlers = ({ db, read, imports, tempFile }: ModuleContext): ModuleHandlers<typeof importChannels> => ({
  'import.upload': (input, { user }) => imports.upload(user, input),
  'import.sheets': (input, { user }) => imports.sheets(user, input.uploadId),
  'import.preview': async (input, { user }) => withSavedMapping(read(), user.id, await imports.preview(user, input)),
  'import.analyze': async (input, { user }) => {
    const analysis = await imports.analyze(user, input);
    // The mapping the user went ahead with is the one offered next time for these headers.
    saveMapping(db(), user.id, analysis.headers, input.targets);
    return analysis;
  },
  'import.commit': (input, { user }) => imports.commit(user, input),
  'import.progress': (input, { user }) => imports.progress(user, input.jobId),
  'import.cancel': (input, { user }) => imports.cancel(user, input.jobId),
  'import.errorWorkbook': async (input, { user, session }) => {
    const t = translator(session.locale);
    const out = await tempFile('errors.xlsx', (file) => imports.errorWorkbook(user, input.uploadId, file, session.locale));
    return { fileName: `${t('importer.errorSheet')}.xlsx`, ...out };
  },
  'import.discard': async (input, { user }) => {
    await imports.discard(user, input.uploadId);
    return null;
  },
  'import.batches': () => listBatches(read()),
  'import.undo': (input, { user }) => undoImport(db(), user, input.batchId),
});
