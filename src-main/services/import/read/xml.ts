/**
 * Streaming XML over a zip entry: bytes → text → SAX events.
 *
 * The decoding step is the fix for the ExcelJS 4.4 bug described in
 * TOOLCHAIN.md: decoding each inflated chunk on its own turns a multi-byte
 * UTF-8 character that straddles two chunks into two U+FFFD. A StringDecoder
 * keeps the incomplete bytes of a chunk and prepends them to the next one.
 *
 * Element and attribute names are reduced to their local part (`x:row` → `row`)
 * because some producers (the .NET OpenXML SDK, Tencent Docs) prefix every
 * SpreadsheetML element; callers only look at local names inside the
 * containers they know (sheetData, sst, cellXfs…), where nothing from another
 * namespace can appear. Namespace processing in the parser would cost time on
 * every tag for no gain here.
 *
 * The SAX parser is `saxes`, which is not a dependency of this package but of
 * ExcelJS (installed at node_modules/saxes).
 */
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { AppError } from '../../../../src-shared/errors';
import { LIMITS } from './limits';
import type { ZipArchive, ZipEntry } from './zip';

export type XmlAttrs = Record<string, string>;

export type XmlHandlers = {
  open?: (name: string, attrs: XmlAttrs, selfClosing: boolean) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
};

export const localName = (name: string): string => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/** Decodes parts written as UTF-16 (allowed by XML, rare in xlsx) as well as the usual UTF-8. */
function makeDecoder(first: Buffer): { write(b: Buffer): string; end(): string } {
  if (first[0] === 0xff && first[1] === 0xfe) return new StringDecoder('utf16le');
  if (first[0] === 0xfe && first[1] === 0xff) {
    const td = new TextDecoder('utf-16be');
    return { write: (b) => td.decode(b, { stream: true }), end: () => td.decode() };
  }
  return new StringDecoder('utf8');
}

/**
 * Errors the parser can recover from and that real files contain: raw control
 * characters and HTML entities such as &nbsp; written by home-made exporters.
 * Anything else means the part is not well-formed XML: a damaged file.
 */
const TOLERATED = /disallowed character|entity/i;

export type XmlFeed = {
  /** Feeds text to the parser. */
  write(text: string): void;
  close(): void;
};

export function createXmlFeed(handlers: XmlHandlers, what: string): XmlFeed {
  const parser = new SaxesParser({ position: false });
  parser.on('error', (err) => {
    if (!TOLERATED.test(err.message)) throw new AppError('FILE_DAMAGED', undefined, `${what}: ${err.message}`);
  });
  const { open, close, text } = handlers;
  // The parser keeps a tag, a text run or a comment whole until it ends, and every open element on
  // a stack: a part that is one endless text or a million nested elements must not fill memory.
  // `heard` says whether the parser reported anything during the last write (see write()).
  let heard = false;
  let depth = 0;
  // Extensions (<extLst>) reuse local names such as workbookPr (x15:workbookPr) and f (xm:f) with
  // other meanings, and hold nothing a reader of values needs: their content is not reported.
  let extension = 0;
  parser.on('opentag', (tag) => {
    heard = true;
    if (!tag.isSelfClosing && ++depth > LIMITS.xmlDepth) throw new AppError('FILE_DAMAGED', undefined, `${what}: elements nested ${depth} deep`);
    const name = localName(tag.name);
    if (name === 'extLst' && !tag.isSelfClosing) extension++;
    else if (extension === 0 && open) open(name, tag.attributes as XmlAttrs, tag.isSelfClosing);
  });
  parser.on('closetag', (tag) => {
    heard = true;
    if (!tag.isSelfClosing) depth--;
    const name = localName(tag.name);
    if (name === 'extLst' && !tag.isSelfClosing) extension--;
    else if (extension === 0 && close) close(name);
  });
  // Only the handlers the reader needs, as before: each one more is a property added to the parser
  // object, and with three more V8 made it a slow dictionary object (reading took 2.4× as long).
  // Comments and processing instructions are therefore never heard: they count as one long construct,
  // which is what the parser holds of them.
  if (text) {
    const onText = (t: string): void => {
      heard = true;
      if (extension === 0) text(t);
    };
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  // Characters written since the parser last reported something: one construct in progress.
  let quiet = 0;
  return {
    write: (t) => {
      heard = false;
      parser.write(t);
      // Approximate by whole writes (of at most one inflated chunk): a construct that ends in a
      // write resets the count, one that goes on past xmlRunChars is refused.
      quiet = heard ? 0 : quiet + t.length;
      if (quiet > LIMITS.xmlRunChars) throw new AppError('FILE_TOO_LARGE', undefined, `${what}: ${quiet} characters in one tag or text`);
    },
    close: () => void parser.close(),
  };
}

/**
 * Streams decoded text of a zip entry. `onText` returns false to stop reading
 * early (the rest of the entry is not inflated).
 */
export async function streamEntryText(
  zip: ZipArchive,
  entry: ZipEntry,
  onText: (text: string) => boolean | Promise<boolean>,
  signal?: AbortSignal,
): Promise<void> {
  let decoder: ReturnType<typeof makeDecoder> | undefined;
  for await (const chunk of zip.stream(entry, signal)) {
    decoder ??= makeDecoder(chunk);
    const text = decoder.write(chunk);
    if (text.length > 0 && (await onText(text)) === false) return;
  }
  const rest = decoder?.end() ?? '';
  if (rest.length > 0) await onText(rest);
}

/** Parses a whole (small) part with SAX handlers; a part that claims more than `maxBytes` unpacked is refused unread. */
export async function parseEntry(zip: ZipArchive, entry: ZipEntry, handlers: XmlHandlers, maxBytes: number = LIMITS.smallPartBytes): Promise<void> {
  if (entry.size > maxBytes) throw new AppError('FILE_TOO_LARGE', undefined, `${entry.name}: ${entry.size} bytes unpacked`);
  const feed = createXmlFeed(handlers, entry.name);
  await streamEntryText(zip, entry, (t) => {
    feed.write(t);
    return true;
  });
  feed.close();
}

/**
 * Excel escapes characters that XML 1.0 cannot hold as `_xHHHH_` (a line feed
 * typed as _x000D_, a control character…), and a literal `_x` as `_x005F_x`.
 */
export const unescapeOoxml = (s: string): string =>
  s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
