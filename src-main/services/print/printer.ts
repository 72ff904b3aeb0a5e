/**
 * What a host that can drive a real printer provides: the Electron shell
 * implements it with a hidden window (webContents.print / printToPDF and a
 * save dialog). Services stay free of Electron; the test bridge and the CLI
 * run without one and say so (print.capabilities).
 */
export type PrintJob = {
  title: string;
  fileName: string;
  html: string;
  footerTemplate: string;
  footerText: string;
};

export type Printer = {
  /** Shows the system print dialog for the document; false when the user cancelled; throws when printing failed. */
  print(job: PrintJob): Promise<boolean>;
  /** Asks where to save, renders the document to PDF and writes it; the saved path, or null when cancelled; throws on failure. */
  savePdf(job: PrintJob): Promise<string | null>;
};
