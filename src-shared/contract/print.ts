import { emptyInputSchema } from '../schemas';
import { printOutputSchema, printRenderSchema, type PrintCapabilities, type PrintDocument, type PrintOutcome } from '../print/forms';
import { channel } from './channel';

// Printing (PRODUCT.md §12). Each form is read with the same rules as its record
// (a salesperson only for their own customers and the pool), checked in the service.
export const printChannels = {
  /** The form as a self-contained HTML document, for the preview. */
  // A visit form, meeting minutes or a customer card, with the company's details (settings).
  'print.render': channel<PrintDocument>()({
    input: printRenderSchema,
    access: 'user',
    reads: ['settings', 'customers', 'contacts', 'customer_events', 'customer_tags', 'tags', 'users', 'activities', 'visits', 'visit_steps', 'minutes', 'minutes_actions', 'minutes_steps'],
  }),
  /** Whether this host prints and saves PDFs itself (the desktop app) or leaves it to the browser (the test bridge). */
  'print.capabilities': channel<PrintCapabilities>()({ input: emptyInputSchema, access: 'user', reads: [] }),
  /** Renders the form again in the main process and prints it (system dialog) or saves it as PDF (save dialog). */
  'print.output': channel<PrintOutcome>()({ input: printOutputSchema, access: 'user' }),
} as const;
