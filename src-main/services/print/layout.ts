import type { TFunction } from 'i18next';
import { localDate, localDateTime, localTime } from '../../../src-shared/dates';
import type { Locale } from '../../../src-shared/roles';
import { companyContactLine, logoDataUrl, type CompanyDetails } from '../../../src-shared/print/company';
import { PAGE_MARGIN_MM, SANS_STACK, SERIF_STACK, footerTemplate } from '../../../src-shared/print/page';
import { html, trusted, type HtmlValue, type SafeHtml } from './html';

/** What every template gets: the language, the company, and who prints when. */
export type PrintContext = {
  t: TFunction;
  locale: Locale;
  companyName: string;
  /** Address, phone, fax and logo for the header (设置 → 公司信息); absent details are left out. */
  company?: Partial<CompanyDetails>;
  now: number;
  printedBy: string;
};

/** U+3000, the full-width space Chinese forms put between items on a line. */
const IDEOGRAPHIC_SPACE = '\u3000';

/** Printed forms write dates as 2026年11月23日 (zh-CN) or 2026-11-23 (en), in the office's local time. */
export const printDate = (ctx: PrintContext, ms: number | null | undefined): string => {
  if (ms === null || ms === undefined) return '';
  return printDay(ctx, localDate(ms));
};

export const printDateTime = (ctx: PrintContext, ms: number | null | undefined): string => {
  if (ms === null || ms === undefined) return '';
  return `${printDate(ctx, ms)} ${localTime(ms)}`;
};

/** Table cells: the compact 2026-11-23 14:05. */
export const tableDateTime = (ms: number | null | undefined): string => {
  if (ms === null || ms === undefined) return '';
  return localDateTime(ms);
};

/** A calendar date stored as YYYY-MM-DD, written like printDate. */
export const printDay = (ctx: PrintContext, day: string | null | undefined): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  if (!m) return day ?? '';
  return ctx.locale === 'zh-CN' ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : `${m[1]}-${m[2]}-${m[3]}`;
};

/** "Label：value" with the language's own colon (full-width in Chinese). */
export const labelled = (ctx: PrintContext, label: string, value: string): string => ctx.t('print.doc.labelValue', { label, value });

export type Field = { label: string; value: HtmlValue; pre?: boolean };

/**
 * A ruled label/value grid, two fields to a row (label, value, label, value);
 * a row of one field spans the whole width. Rows do not split across pages,
 * except rows of free text (`pre`), which may be longer than a page.
 */
export const fieldGrid = (rows: Field[][]): SafeHtml => html`<table class="grid">
<colgroup><col class="l"><col class="v"><col class="l"><col class="v"></colgroup>
<tbody>${rows.map((row) =>
  row.length === 1
    ? html`<tr${row[0]!.pre ? trusted(' class="long"') : ''}><th>${row[0]!.label}</th><td colspan="3"${row[0]!.pre ? trusted(' class="pre"') : ''}>${row[0]!.value}</td></tr>`
    : html`<tr${row.some((f) => f.pre) ? trusted(' class="long"') : ''}>${row.map((f) => html`<th>${f.label}</th><td${f.pre ? trusted(' class="pre"') : ''}>${f.value}</td>`)}</tr>`,
)}</tbody></table>`;

/** A data table with a header row that repeats on every page; rows never split across pages. */
export const dataTable = (columns: { label: string; width?: string }[], rows: HtmlValue[][], empty: string): SafeHtml => html`<table class="data">
<colgroup>${columns.map((c) => (c.width ? html`<col style="width:${c.width}">` : html`<col>`))}</colgroup>
<thead><tr>${columns.map((c) => html`<th>${c.label}</th>`)}</tr></thead>
<tbody>${
  rows.length
    ? rows.map((r) => html`<tr>${r.map((cell) => html`<td>${cell}</td>`)}</tr>`)
    : html`<tr><td class="empty" colspan="${columns.length}">${empty}</td></tr>`
}</tbody></table>`;

/** A section: its heading stays with the start of its content. */
export const section = (title: string, body: SafeHtml, hint?: string): SafeHtml =>
  html`<section><h2>${title}${hint ? html`<small>${hint}</small>` : ''}</h2>${body}</section>`;

/** A tick box, ticked or empty (drawn with borders: no symbol font needed). */
export const tickBox = (checked: boolean, label: string): SafeHtml =>
  html`<span class="tick"><span class="box${checked ? ' checked' : ''}"></span>${label}</span>`;

/** Ruled lines to write on by hand. */
export const writingLines = (count: number): SafeHtml =>
  html`<div class="lines">${Array.from({ length: count }, () => html`<div class="line"></div>`)}</div>`;

/** Signature and date lines at the bottom of a form. */
export const signatures = (ctx: PrintContext, labels: string[]): SafeHtml => html`<div class="signatures">${labels.map(
  (label) => html`<div class="sig"><div><span class="sig-label">${labelled(ctx, label, '')}</span><span class="rule"></span></div>
<div><span class="sig-label">${labelled(ctx, ctx.t('print.doc.date'), '')}</span><span class="date">${ctx.t('print.doc.signDate')}</span></div></div>`,
)}</div>`;

const css = `
@page { size: A4 portrait; margin: ${PAGE_MARGIN_MM.top}mm ${PAGE_MARGIN_MM.right}mm ${PAGE_MARGIN_MM.bottom}mm ${PAGE_MARGIN_MM.left}mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media screen {
  html { background: #dee2e6; }
  body { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 6mm auto;
    padding: ${PAGE_MARGIN_MM.top}mm ${PAGE_MARGIN_MM.right}mm ${PAGE_MARGIN_MM.bottom}mm ${PAGE_MARGIN_MM.left}mm; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.35); }
}
body { margin: 0; color: #000; background: #fff; font-family: ${SERIF_STACK}; font-size: 10.5pt; line-height: 1.45; }
.sheet-head { display: flex; justify-content: space-between; align-items: flex-end; gap: 8mm;
  font-family: ${SANS_STACK}; font-size: 9.5pt; border-bottom: 1.2pt solid #000; padding-bottom: 1.5mm; }
.sheet-head .company { font-weight: 700; font-size: 11pt; }
.sheet-head .brand { display: flex; align-items: flex-end; gap: 3mm; min-width: 0; }
.sheet-head .logo { max-height: 12mm; max-width: 30mm; object-fit: contain; flex: none; }
.sheet-head .contact { font-size: 8pt; font-weight: 400; display: flex; flex-wrap: wrap; column-gap: 3mm; }
.sheet-head .contact span { white-space: nowrap; }
.sheet-head .form-no { white-space: nowrap; }
.keep { break-inside: avoid; page-break-inside: avoid; }
h1 { font-family: ${SANS_STACK}; font-weight: 700; font-size: 18pt; text-align: center; margin: 3mm 0 1mm; }
html[lang="zh-CN"] h1 { letter-spacing: 0.25em; }
.meta { display: flex; justify-content: space-between; font-size: 9pt; margin-bottom: 2mm; font-family: ${SANS_STACK}; }
section { margin-top: 2.5mm; }
h2 { font-family: ${SANS_STACK}; font-size: 11pt; font-weight: 700; margin: 0 0 1.5mm; padding-left: 2mm;
  border-left: 2.5pt solid #000; break-after: avoid; page-break-after: avoid; }
h2 small { font-weight: 400; font-size: 9pt; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.6pt solid #000; padding: 0.8mm 1.8mm; vertical-align: top; text-align: left;
  overflow-wrap: anywhere; word-break: break-word; }
th { font-family: ${SANS_STACK}; font-weight: 700; font-size: 9.5pt; background: #eee; }
table.grid col.l { width: 19%; }
table.grid col.v { width: 31%; }
table.grid th { white-space: normal; }
table.data { font-size: 9pt; }
thead { display: table-header-group; }
tr, .sig, .tick { break-inside: avoid; page-break-inside: avoid; }
tr.long { break-inside: auto; page-break-inside: auto; }
td.pre { orphans: 3; widows: 3; }
td.pre, .pre { white-space: pre-wrap; }
td.empty { text-align: center; color: #444; }
.tick { display: inline-flex; align-items: center; margin: 0.5mm 4mm 0.5mm 0; white-space: nowrap; }
.box { position: relative; display: inline-block; width: 3.4mm; height: 3.4mm; border: 0.8pt solid #000; margin-right: 1.5mm; flex: none; }
.box.checked::after { content: ''; position: absolute; left: 1mm; top: 0.1mm; width: 1mm; height: 2.1mm;
  border: solid #000; border-width: 0 0.6mm 0.6mm 0; transform: rotate(45deg); }
.panel { border: 0.6pt solid #000; padding: 1.2mm 2mm; }
.textbox { border: 0.6pt solid #000; padding: 1.5mm 2mm; min-height: 14mm; white-space: pre-wrap; overflow-wrap: anywhere; orphans: 2; widows: 2; }
.lines { border: 0.6pt solid #000; padding: 0 3mm 2mm; }
.lines .line { height: 7.5mm; border-bottom: 0.5pt solid #888; break-inside: avoid; }
.signatures { display: flex; gap: 8mm; margin-top: 5mm; break-inside: avoid; page-break-inside: avoid; font-family: ${SANS_STACK}; font-size: 10pt; }
.sig { flex: 1; display: flex; flex-direction: column; gap: 4mm; }
.sig > div { display: flex; align-items: flex-end; white-space: nowrap; }
.sig-label { margin-right: 1mm; }
.sig .rule { flex: 1; border-bottom: 0.6pt solid #000; height: 5mm; min-width: 20mm; }
.sig .date { white-space: pre; }
`;

/**
 * The header of every form and report: the logo small at the top left, the
 * company's name and under it its address, phone and fax; the form number on
 * the right.
 */
export const sheetHead = (ctx: PrintContext, formNo?: string | null): SafeHtml => {
  const logo = logoDataUrl(ctx.company?.logo);
  // Each item (地址：…, 电话：…, 传真：…) stays whole; the line wraps between them.
  const contact = companyContactLine(ctx.t as unknown as (key: string, options?: Record<string, unknown>) => string, ctx.company ?? {})
    .split(IDEOGRAPHIC_SPACE)
    .filter(Boolean);
  return html`<header class="sheet-head"><div class="brand">${logo ? html`<img class="logo" src="${logo}" alt="">` : ''}<div><div class="company">${ctx.companyName}</div>${
    contact.length ? html`<div class="contact">${contact.map((item) => html`<span>${item}</span>`)}</div>` : ''
  }</div></div>${formNo ? html`<span class="form-no">${labelled(ctx, ctx.t('print.doc.formNo'), formNo)}</span>` : ''}</header>`;
};

/**
 * A complete, self-contained A4 document: the company name and the form number
 * at the top, the title centred, the body, signature lines. Its own CSP forbids
 * scripts and every external resource, wherever it is shown.
 */
export const printDocument = (
  ctx: PrintContext,
  form: { title: string; formNo?: string | null; subtitle?: string },
  body: SafeHtml,
  signatureLabels: string[],
  /** The form's last block, kept on one page with the signature lines (they never stand alone on a page). */
  tail?: SafeHtml,
): { html: string; footerTemplate: string; footerText: string } => {
  const doc = html`<!doctype html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${form.title}</title>
<style>${trusted(css)}</style>
</head>
<body>
${sheetHead(ctx, form.formNo)}
<h1>${form.title}</h1>
<div class="meta"><span>${form.subtitle ?? ''}</span><span>${labelled(ctx, ctx.t('print.doc.printedOn'), printDate(ctx, ctx.now))}${IDEOGRAPHIC_SPACE}${labelled(ctx, ctx.t('print.doc.printedBy'), ctx.printedBy)}</span></div>
${body}
${tail || signatureLabels.length ? html`<div class="keep">${tail ?? ''}${signatureLabels.length ? signatures(ctx, signatureLabels) : ''}</div>` : ''}
</body>
</html>`;
  const left = [ctx.companyName, form.title, form.formNo].filter(Boolean).join(IDEOGRAPHIC_SPACE);
  return {
    html: doc.value,
    footerTemplate: footerTemplate(left, ctx.t('print.doc.pageOf', { page: '{{page}}', pages: '{{pages}}' })),
    footerText: left,
  };
};
