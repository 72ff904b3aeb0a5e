import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Db, ReadDb, ReadOrm, ReadSqlite, ReadStatement, WriteDb } from '../../src-main/db/connection';
import { guardReads } from '../../src-main/host';
import type { Handlers } from '../../src-main/ipc/registry';
import type { ModuleContext } from '../../src-main/services/module';
import { channels, type Channel } from '../../src-shared/contract';
import type { ReadChannel } from '../../src-shared/contract/reads';

/**
 * The database types (src-main/db/connection.ts): a ReadDb cannot write, a Db writes only through
 * write()/begin(), whose `tx` is the one WriteDb. Checked by the compiler (`npm run typecheck`):
 * each @ts-expect-error below must be an error, or the typecheck fails. The functions are never called.
 */

/** Stands for a helper that must run inside a write (the old "call inside a write" comments). */
const insideWrite = (tx: WriteDb): WriteDb => tx;
/** Stands for a function that only reads. */
const reads = (db: ReadDb): ReadDb => db;

describe('a ReadDb cannot write', () => {
  it('has no insert, update, delete, run or transaction on its drizzle database', () => {
    expectTypeOf<ReadOrm>().toHaveProperty('select');
    expectTypeOf<ReadOrm>().toHaveProperty('query');
    expectTypeOf<ReadOrm>().not.toHaveProperty('insert');
    expectTypeOf<ReadOrm>().not.toHaveProperty('update');
    expectTypeOf<ReadOrm>().not.toHaveProperty('delete');
    expectTypeOf<ReadOrm>().not.toHaveProperty('run');
    expectTypeOf<ReadOrm>().not.toHaveProperty('transaction');
    // `with` builds inserts, updates and deletes too.
    expectTypeOf<ReadOrm>().not.toHaveProperty('with');
    const compileOnly = (db: ReadDb): void => {
      // @ts-expect-error a read cannot insert
      db.orm.insert({} as never);
      // @ts-expect-error nor update
      db.orm.update({} as never);
    };
    expect(compileOnly).toBeTypeOf('function');
  });

  it('has no exec, transaction, pragma or function on its connection, and its statements have no run()', () => {
    expectTypeOf<ReadSqlite>().not.toHaveProperty('exec');
    expectTypeOf<ReadSqlite>().not.toHaveProperty('transaction');
    expectTypeOf<ReadSqlite>().not.toHaveProperty('pragma');
    expectTypeOf<ReadSqlite>().not.toHaveProperty('function');
    expectTypeOf<ReadSqlite>().not.toHaveProperty('backup');
    expectTypeOf<ReadSqlite>().not.toHaveProperty('close');
    expectTypeOf<ReadStatement>().toHaveProperty('get');
    expectTypeOf<ReadStatement>().toHaveProperty('all');
    expectTypeOf<ReadStatement>().not.toHaveProperty('run');
    const compileOnly = (db: ReadDb): void => {
      // @ts-expect-error no exec
      db.sqlite.exec('DELETE FROM customers');
      // @ts-expect-error a prepared statement cannot be run
      db.sqlite.prepare('DELETE FROM customers').run();
      // @ts-expect-error not after pluck() either
      db.sqlite.prepare('DELETE FROM customers').pluck().run();
      db.sqlite.prepare<[string], { n: number }>('SELECT count(*) AS n FROM customers WHERE id = ?').get('x');
    };
    expect(compileOnly).toBeTypeOf('function');
  });
});

describe('a Db writes only through write() and begin()', () => {
  it('is a ReadDb, and so is a WriteDb: a function that reads takes either', () => {
    expectTypeOf<Db>().toExtend<ReadDb>();
    expectTypeOf<WriteDb>().toExtend<ReadDb>();
    const compileOnly = (db: Db, tx: WriteDb): void => {
      reads(db);
      reads(tx);
    };
    expect(compileOnly).toBeTypeOf('function');
  });

  it('is not a WriteDb (nor is a ReadDb): a function that must run inside a write cannot be called outside one', () => {
    expectTypeOf<Db>().not.toExtend<WriteDb>();
    expectTypeOf<ReadDb>().not.toExtend<WriteDb>();
    // Not even a look-alike with every field: the brand's key is connection.ts's own.
    expectTypeOf<Pick<WriteDb, 'sqlite' | 'orm' | 'clock' | 'hooks' | 'snapshot'>>().not.toExtend<WriteDb>();
    const compileOnly = (db: Db, read: ReadDb): void => {
      // @ts-expect-error a Db is not a write's tx
      insideWrite(db);
      // @ts-expect-error nor is a ReadDb
      insideWrite(read);
      // Inside a write, the callback's tx is.
      db.write(null, (tx) => insideWrite(tx));
      const open = db.begin(null);
      insideWrite(open.tx);
      open.commit();
    };
    expect(compileOnly).toBeTypeOf('function');
  });

  it('has no writing methods of its own on sqlite and orm', () => {
    const compileOnly = (db: Db): void => {
      // @ts-expect-error write through db.write(actor, (tx) => tx.orm.insert(…))
      db.orm.insert({} as never);
      // @ts-expect-error write through db.write(actor, (tx) => tx.sqlite.prepare(…).run())
      db.sqlite.prepare('UPDATE customers SET notes = NULL').run();
    };
    expect(compileOnly).toBeTypeOf('function');
  });

  it('gives read handlers a ReadDb (ModuleContext.read) and writing ones a Db (ModuleContext.db)', () => {
    expectTypeOf<ReturnType<ModuleContext['read']>>().toEqualTypeOf<ReadDb>();
    expectTypeOf<ReturnType<ModuleContext['db']>>().toEqualTypeOf<Db>();
  });
});

describe('read channels at run time (host.ts guardReads)', () => {
  it('run their handlers marked as reads, where the host refuses the writing connection; other channels are not marked', () => {
    const reading = new AsyncLocalStorage<Channel>();
    const fake = Object.fromEntries(channels.map((c) => [c, () => reading.getStore() ?? null])) as unknown as Handlers;
    const guarded = guardReads(fake, reading) as unknown as Record<Channel, () => Channel | null>;
    const marked = channels.filter((c) => guarded[c]() === c);
    expect(marked).toContain('orders.list' satisfies ReadChannel);
    expect(marked).toContain('orders.summary' satisfies ReadChannel);
    expect(marked).toContain('orders.receivables' satisfies ReadChannel);
    expect(marked).not.toContain('orders.create');
    // Exactly the contract's read channels (those that declare the tables they read).
    expect(channels.filter((c) => guarded[c]() !== null)).toEqual(marked);
    expect(marked.length).toBeGreaterThan(30);
  });
});
