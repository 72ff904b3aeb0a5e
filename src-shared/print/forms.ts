import { z } from 'zod';
import { idSchema, localeSchema } from '../schemas';

/** The printed A4 forms (PRODUCT.md §12): 客户走访单, 会谈纪要, 客户档案卡. */
export const printForms = ['visit', 'minutes', 'customerCard'] as const;
export type PrintForm = (typeof printForms)[number];

/**
 * Which record to print: a visit's, minutes' or customer's id; in the language
 * the user sees (the session's language when not given).
 */
export const printRenderSchema = z.object({ form: z.enum(printForms), id: idSchema, locale: localeSchema.optional() });
export type PrintRequest = z.output<typeof printRenderSchema>;

/** Print on paper (the system print dialog) or save as PDF (a save dialog). */
export const printOutputSchema = printRenderSchema.extend({ action: z.enum(['print', 'pdf']) });
export type PrintAction = z.output<typeof printOutputSchema>['action'];

/**
 * One form rendered by the main process: a complete, self-contained HTML
 * document (inline CSS, no scripts, no external resources) and what the page
 * footer says, so the preview, the app's PDF and the tests print the same thing.
 */
export type PrintDocument = {
  form: PrintForm;
  /** The form's title with the record's name, for the window title and the PDF's file name. */
  title: string;
  fileName: string;
  html: string;
  /** The footer template for printToPDF / page.pdf (page N of M); see page.ts. */
  footerTemplate: string;
  /** The footer's left-hand text alone (company, form, number), for the system print dialog's footer. */
  footerText: string;
};

/** What the host running the handlers can do itself. The Electron shell can; the test bridge and the CLI cannot. */
export type PrintCapabilities = { native: boolean };

/** The outcome of print.output: false when the user cancelled the dialog. */
export type PrintOutcome = { done: boolean; filePath: string | null };
