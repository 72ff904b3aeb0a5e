import { isBlankCell } from './cells';
import type { RowHandler, SheetRow } from './types';

/**
 * Collects the rows a parser produced from one chunk and hands them to the
 * caller's handler before the next chunk is read. Parsers emit synchronously,
 * so awaiting the handler between chunks is what gives an async handler (a
 * database insert, a progress event) backpressure and keeps memory bounded.
 */
export class RowSink {
  private queue: SheetRow[] = [];
  rowCount = 0;
  lastRow = 0;
  stoppedEarly = false;

  constructor(
    private readonly onRow: RowHandler,
    private readonly maxRows: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  get full(): boolean {
    return this.rowCount >= this.maxRows;
  }

  /** Queues a row unless it is blank: blank rows are never delivered. */
  push(row: SheetRow): void {
    if (row.cells.every(isBlankCell)) return;
    this.queue.push(row);
  }

  /**
   * Delivers queued rows; false once maxRows is reached. `final` is the flush
   * at the end of the input, where reaching the limit does not mean more rows.
   */
  async flush(final = false): Promise<boolean> {
    const rows = this.queue;
    this.queue = [];
    for (const row of rows) {
      if (this.full) {
        this.stoppedEarly = true;
        return false;
      }
      this.signal?.throwIfAborted();
      const pending = this.onRow(row);
      if (pending) await pending;
      this.rowCount++;
      if (row.index > this.lastRow) this.lastRow = row.index;
    }
    // Reaching the limit means there may be more rows: the reader stops looking.
    if (this.full && !final) this.stoppedEarly = true;
    return !this.full;
  }
}
