import { PAGE_MARGIN_MM, SANS_STACK } from '@shared/print/page';

/** A CSS string literal holding `s` as text (quotes, backslashes and line breaks escaped). */
export const cssString = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ')}"`;

/**
 * "第 {{page}} 页 / 共 {{pages}} 页" as CSS content: the text as strings, the
 * numbers as the page counters Chromium fills in on every printed page.
 */
export const pageOfContent = (pageOf: string): string =>
  pageOf
    .split(/(\{\{pages?\}\})/)
    .filter(Boolean)
    .map((part) => (part === '{{page}}' ? 'counter(page)' : part === '{{pages}}' ? 'counter(pages)' : cssString(part)))
    .join(' ');

/**
 * The running frame of a printed report, the same on every page as the forms'
 * (company, title and period at the top, page N of M at the bottom): CSS page
 * margin boxes, which Chromium draws on each page of window.print() and of a PDF.
 */
export const reportPageCss = (p: { running: string; pageOf: string; footerLeft: string }): string => `
@media print {
  @page {
    size: A4 portrait;
    margin: ${PAGE_MARGIN_MM.top}mm ${PAGE_MARGIN_MM.right}mm ${PAGE_MARGIN_MM.bottom}mm ${PAGE_MARGIN_MM.left}mm;
    @top-left { content: ${cssString(p.running)}; font-family: ${SANS_STACK}; font-size: 8pt; color: #444; vertical-align: bottom; padding-bottom: 2mm; }
    @bottom-left { content: ${cssString(p.footerLeft)}; font-family: ${SANS_STACK}; font-size: 8pt; color: #444; }
    @bottom-right { content: ${pageOfContent(p.pageOf)}; font-family: ${SANS_STACK}; font-size: 8pt; color: #444; }
  }
}`;
