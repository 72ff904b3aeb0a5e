import type BetterSqlite3 from 'better-sqlite3';

/** Hears the names of the tables a committed transaction changed (never a rolled-back one). */
export type CommitListener = (tables: ReadonlySet<string>) => void;

/** One write or begin() in progress on the tracker: what the tables were before it, when it is nested. */
export type TrackedWrite = { readonly before: ReadonlySet<string> | null };

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const quoteText = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/**
 * The tables a write can change: every ordinary table of the main schema. Not SQLite's own
 * (sqlite_sequence, …), not virtual tables (FTS5: no triggers can be made on them) nor their shadow
 * tables (FTS5 writes those itself). The search index's FTS tables are written only by the
 * triggers on customers and contacts, together with search_docs and search_keys, which are tracked.
 */
export const trackedTables = (sqlite: { prepare(source: string): { all(): unknown[] } }): string[] =>
  (
    sqlite
      .prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`)
      .all() as { name: string }[]
  ).map((r) => r.name);

/**
 * Which tables each transaction of one connection changes, told to listeners after its outermost
 * COMMIT (connection.ts: Db.onCommit). TEMP triggers, AFTER INSERT/UPDATE/DELETE on every table,
 * call `tuoke_touched('<table>')`: they exist only on the connection that made them (the primary
 * one), so the import process's own connection and a backup's check copy are unaffected, and no
 * code path that writes through this connection can be missed. A write outside Db.write/begin (a
 * statement on its own, or a bare sqlite.transaction) is told on the next turn of the event loop,
 * once no transaction is open any more.
 */
export class ChangeTracker {
  private depth = 0;
  private touched = new Set<string>();
  private stray: Set<string> | null = null;
  private readonly listeners = new Set<CommitListener>();
  /** Empties temp.tuoke_touched once what it marks has been told (null: not installed). */
  private forget: BetterSqlite3.Statement | null = null;

  constructor(private readonly sqlite: BetterSqlite3.Database) {}

  /**
   * Registers tuoke_touched and creates the TEMP triggers (on every open: the temp schema lives with
   * the connection). A trigger calls the function only for its table's first row in a transaction:
   * temp.tuoke_touched holds the tables told so far (rolled back with the transaction, emptied after
   * each commit), so a bulk write pays a look-up in a one-row in-memory table per row, not a call
   * into JavaScript.
   */
  install(): void {
    this.sqlite.function('tuoke_touched', { deterministic: false }, (table: unknown) => {
      this.add(String(table));
      return null;
    });
    const statements = ['CREATE TEMP TABLE IF NOT EXISTS tuoke_touched (name TEXT PRIMARY KEY) WITHOUT ROWID'];
    for (const table of trackedTables(this.sqlite))
      for (const op of ['insert', 'update', 'delete'] as const)
        statements.push(
          `CREATE TEMP TRIGGER IF NOT EXISTS ${quoteIdent(`tuoke_touched_${table}_${op}`)} AFTER ${op.toUpperCase()} ON main.${quoteIdent(table)} ` +
            `WHEN NOT EXISTS (SELECT 1 FROM temp.tuoke_touched WHERE name = ${quoteText(table)}) ` +
            `BEGIN INSERT INTO temp.tuoke_touched (name) VALUES (${quoteText(table)}); SELECT tuoke_touched(${quoteText(table)}); END`,
        );
    this.sqlite.exec(statements.join(';\n'));
    this.forget = this.sqlite.prepare('DELETE FROM temp.tuoke_touched');
  }

  /** Listens until the returned function is called. */
  listen(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** A write (or begin()) starts; nested in another one, it remembers the tables so far (a rolled-back savepoint undoes its own). */
  enter(): TrackedWrite {
    // Statements outside write() since the last turn are told on their own: their marks must not hide this write's tables.
    if (this.depth === 0 && this.stray) this.clearMarks();
    const write = { before: this.depth > 0 ? new Set(this.touched) : null };
    this.depth += 1;
    return write;
  }

  /**
   * The write ends: committed, or rolled back (the transaction or the nested write's savepoint).
   * The outermost one tells the listeners what its transaction changed; if a bare transaction
   * around it is still open, that one's end tells them.
   */
  leave(write: TrackedWrite, committed: boolean): void {
    this.depth -= 1;
    if (!committed && write.before) this.touched = new Set(write.before);
    if (this.depth > 0) return;
    const tables = this.touched;
    this.touched = new Set();
    if (tables.size === 0) return;
    if (this.sqlite.open && this.sqlite.inTransaction) {
      // Inside a bare transaction: that one's end tells (a rolled-back write's tables are gone with it).
      if (committed) for (const t of tables) this.addStray(t);
      return;
    }
    this.clearMarks();
    if (committed) this.notify(tables);
  }

  private add(table: string): void {
    if (this.depth > 0) this.touched.add(table);
    else this.addStray(table);
  }

  /** A change outside write/begin: told once the statement or the bare transaction around it has ended. */
  private addStray(table: string): void {
    if (this.stray) {
      this.stray.add(table);
      return;
    }
    this.stray = new Set([table]);
    const flush = (): void => {
      // A bare transaction still open (spanning awaits): wait for its end.
      if (this.depth === 0 && this.sqlite.open && this.sqlite.inTransaction) {
        setImmediate(flush);
        return;
      }
      const tables = this.stray;
      this.stray = null;
      if (this.depth === 0) this.clearMarks();
      if (tables) this.notify(tables);
    };
    setImmediate(flush);
  }

  /** Outside any transaction: the next write's first row of each table calls tuoke_touched again. */
  private clearMarks(): void {
    if (this.forget && this.sqlite.open && !this.sqlite.inTransaction) this.forget.run();
  }

  private notify(tables: ReadonlySet<string>): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(tables);
      } catch (e) {
        // The write is committed whatever a listener does.
        console.error('a commit listener failed', e);
      }
    }
  }
}
