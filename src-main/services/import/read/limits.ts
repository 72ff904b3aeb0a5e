/**
 * How much of a spreadsheet the readers accept, for lead import and exchange
 * workbooks alike. A small file can unpack into gigabytes (a 4 MB .xlsx held
 * 3 GB of shared strings), so every size a file can claim or produce is
 * capped, and a file beyond a cap is refused with FILE_TOO_LARGE before it
 * costs more memory than the cap.
 *
 * The limits are far above real office files. Measured on a generated
 * 100,000-row × 60-column Chinese list (48 text columns, 12 numbers), the
 * largest case the import is built for: sheet XML 391 MB with inline
 * strings, 227 MB with a shared-string table of 4.8 million strings and
 * 65 million characters (82 MB of XML); real files in the fixtures compress
 * at most 58:1 per part, styled phantom rows about 16:1.
 */
const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const LIMITS = {
  /** Parts (entries) in a zip package: a workbook with 1,000 sheets has about 3,000. */
  zipEntries: 20_000,
  /** The zip's central directory, read whole. */
  zipDirectoryBytes: 16 * MiB,
  /** One part, unpacked: the largest is a sheet (391 MB for 100,000 × 60 with inline strings). */
  zipEntryBytes: 1 * GiB,
  /** All parts together, unpacked. */
  zipTotalBytes: 2 * GiB,
  /** Unpacked ÷ packed size of one part, once it is past `zipRatioGrace`: real parts stay under 60, deflate bombs reach 1,000. */
  zipRatio: 200,
  zipRatioGrace: 1 * MiB,
  /** Parts parsed whole (workbook, relationships, styles): a bloated styles.xml is a few MB. */
  smallPartBytes: 64 * MiB,
  /** The shared-string table part, unpacked (82 MB for 100,000 × 60). */
  sharedStringsBytes: 512 * MiB,
  /** Shared strings held in memory: how many (4.8 million for 100,000 × 60) … */
  sharedStrings: 16 * 1024 * 1024,
  /** … and their characters, 2 bytes each (65 million for 100,000 × 60). */
  sharedStringChars: 128 * 1024 * 1024,
  /** One cell's text: Excel itself stops at 32,767 characters. */
  cellChars: 1_000_000,
  /** Non-empty cells of one sheet: Excel's full 1,048,576 rows × 30 columns fit. */
  sheetCells: 32 * 1024 * 1024,
  /** Merged ranges of one sheet. */
  merges: 500_000,
  /** Rows of a text file (an .xlsx sheet cannot have more than Excel's 1,048,576 either). */
  csvRecords: 1_048_576,
  /** One record of a text file, in characters (60 cells at Excel's cell limit, escaped). */
  csvRecordChars: 8_000_000,
  /**
   * An .xls file, which SheetJS reads whole (BIFF is not compressed, so the file's size bounds it):
   * 10,000 rows × 60 columns written by SheetJS (strings in the cells, not a shared table as Excel
   * and WPS write them) are 21 MB and take ~380 MB to read, so reading costs up to ~18× the file.
   * A full BIFF8 sheet of 65,536 rows × 60 columns from Excel or WPS stays under this.
   */
  xlsBytes: 128 * MiB,
  /**
   * .ods files are read whole by SheetJS from their zipped XML, which is 10–20× the file: a
   * 30,000-row directory saved by LibreOffice is about 3 MB. Bigger lists: save as .xlsx (streamed).
   */
  odsBytes: 24 * MiB,
  /** HTML tables are read whole by SheetJS: about 10× the file in memory. */
  htmlBytes: 32 * MiB,
  /** Characters of XML between two parser events (one tag, one text run): one cell's text, escaped, fits. */
  xmlRunChars: 8_000_000,
  /** Element nesting in XML: SpreadsheetML nests about 6 deep. */
  xmlDepth: 256,
} as const;

export type Limits = typeof LIMITS;
