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
  /** Shows the system print dialog for the document; false when the user cancelled. */
  print(job: PrintJob): Promise<boolean>;
  /** Renders the document to PDF and asks where to save it; the saved path, or null when cancelled. */
  savePdf(job: PrintJob): Promise<string | null>;
};
