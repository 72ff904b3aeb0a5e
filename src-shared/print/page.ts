/**
 * The A4 page every printed form uses, in one place: the templates' @page rule,
 * Electron's printToPDF and the tests' page.pdf all read these numbers, so
 * what a test renders is what the app saves.
 */
export const PAGE_MARGIN_MM = { top: 15, right: 15, bottom: 18, left: 15 } as const;

/** Title and heading face (黑体 family), with the system CJK fonts of Windows, macOS and Linux. */
export const SANS_STACK = '"Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", SimHei, sans-serif';
/** Body face (宋体 family); falls back to the sans faces where no CJK serif is installed. */
export const SERIF_STACK = 'SimSun, "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", serif';

const escapeText = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The footer Chromium draws in the bottom margin of every page (paged-media
 * counters do not work in page content in Chromium, the footer template does):
 * the document's left-hand text and "第 N 页 / 共 M 页". `pageOf` holds
 * `{{page}}` and `{{pages}}`, which become Chromium's pageNumber/totalPages spans.
 */
export const footerTemplate = (left: string, pageOf: string): string => {
  const pages = escapeText(pageOf)
    .replace('{{page}}', '<span class="pageNumber"></span>')
    .replace('{{pages}}', '<span class="totalPages"></span>');
  return (
    `<div style="width:100%;box-sizing:border-box;padding:0 ${PAGE_MARGIN_MM.left}mm 0 ${PAGE_MARGIN_MM.right}mm;` +
    `font-size:8pt;color:#444;font-family:${escapeText(SANS_STACK)};display:flex;justify-content:space-between;">` +
    `<span>${escapeText(left)}</span><span>${pages}</span></div>`
  );
};

/** An empty header (Chromium prints the date and title there unless given one). */
export const EMPTY_HEADER = '<span></span>';

/** The PDF options in Playwright's page.pdf shape (margins as CSS lengths): what the tests render with. */
export const pdfOptions = (footer: string) => ({
  format: 'A4' as const,
  printBackground: true,
  displayHeaderFooter: true,
  headerTemplate: EMPTY_HEADER,
  footerTemplate: footer,
  preferCSSPageSize: true,
  margin: {
    top: `${PAGE_MARGIN_MM.top}mm`,
    right: `${PAGE_MARGIN_MM.right}mm`,
    bottom: `${PAGE_MARGIN_MM.bottom}mm`,
    left: `${PAGE_MARGIN_MM.left}mm`,
  },
});

const MM_PER_INCH = 25.4;

/** The same options in the shape of Electron's webContents.printToPDF (margins in inches): what the app saves with. */
export const printToPdfOptions = (footer: string) => {
  const o = pdfOptions(footer);
  const inches = (mm: number): number => mm / MM_PER_INCH;
  return {
    pageSize: o.format,
    printBackground: o.printBackground,
    displayHeaderFooter: o.displayHeaderFooter,
    headerTemplate: o.headerTemplate,
    footerTemplate: o.footerTemplate,
    preferCSSPageSize: o.preferCSSPageSize,
    margins: {
      top: inches(PAGE_MARGIN_MM.top),
      right: inches(PAGE_MARGIN_MM.right),
      bottom: inches(PAGE_MARGIN_MM.bottom),
      left: inches(PAGE_MARGIN_MM.left),
    },
  };
};
