import type { printChannels } from '../../../src-shared/contract/print';
import { AppError, isAppError } from '../../../src-shared/errors';
import { translator } from '../../i18n';
import { renderPrintForm } from '../print/render';
import type { ModuleContext, ModuleHandlers } from '../module';

/**
 * Handlers for src-shared/contract/print.ts. `printer` is the host's: the
 * Electron shell passes one; the test bridge and the CLI have none, and the
 * renderer then prints the preview through the browser.
 */
export const printHandlers = (ctx: ModuleContext): ModuleHandlers<typeof printChannels> => {
  const printer = ctx.printer;
  return {
    'print.render': (input, { user, session }) => {
      const locale = input.locale ?? session.locale;
      return renderPrintForm(ctx.read(), user, locale, translator(locale), input);
    },
    'print.capabilities': () => ({ native: printer !== undefined }),
    'print.output': async (input, { user, session }) => {
      if (!printer) throw new AppError('PRINT_UNAVAILABLE');
      const locale = input.locale ?? session.locale;
      const doc = renderPrintForm(ctx.read(), user, locale, translator(locale), input);
      const job = { title: doc.title, fileName: doc.fileName, html: doc.html, footerTemplate: doc.footerTemplate, footerText: doc.footerText };
      try {
        if (input.action === 'print') return { done: await printer.print(job), filePath: null };
        const filePath = await printer.savePdf(job);
        return { done: filePath !== null, filePath };
      } catch (e) {
        // No printer installed, a printer error, a folder that cannot be written: say so, with the system's reason.
        if (isAppError(e)) throw e;
        throw new AppError('PRINT_FAILED', { reason: e instanceof Error ? e.message : String(e) });
      }
    },
  };
};
