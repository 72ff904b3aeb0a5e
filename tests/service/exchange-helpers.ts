import ExcelJS from 'exceljs';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Channel, ChannelInput, ChannelOutput } from '../../src-shared/contract';
import type { ExchangeSummary } from '../../src-shared/exchange/types';
import type { Db } from '../../src-main/db/connection';
import { sourceMigrationsFolder } from '../../src-main/db/migrate';
import { createHost, type Host } from '../../src-main/host';
import { translator } from '../../src-main/i18n';
import type { Session } from '../../src-main/ipc/session';
import type { Viewer } from '../../src-main/services/customers/access';
import { manualClock } from '../../src-main/services/clock';
import { exchangeTypes, quoteIdent } from '../../src-main/services/exchange/declarations';
import { exchangeEnv, exportExchange, importExchangeFile } from '../../src-main/services/exchange/service';
import { ADMIN, createTestWorkspace, testScrypt } from '../helpers/workspace';

/** One office PC: a host over its own data folder (its own installation, so its own node id) and its own clock. */
export type Pc = {
  dir: string;
  host: Host;
  clock: ReturnType<typeof manualClock>;
  session: Session;
  db: Db;
  viewer: Viewer;
  call<K extends Channel>(channel: K, input: ChannelInput<K>, session?: Session): Promise<ChannelOutput<K>>;
  login(username: string, password: string): Promise<Session>;
  exportTo(file: string, sincePeer?: string, viewer?: Viewer): Promise<number>;
  importFrom(file: string, viewer?: Viewer): Promise<ExchangeSummary>;
  node: string;
  close(): void;
};

const t = translator('zh-CN');

export const openPc = async (dir: string, clock: ReturnType<typeof manualClock>): Promise<Pc> => {
  const host = createHost({ dataDir: dir, migrationsFolder: sourceMigrationsFolder(), clock, scrypt: testScrypt, logger: { error: () => undefined } });
  const call = async <K extends Channel>(channel: K, input: ChannelInput<K>, session: Session = pc.session): Promise<ChannelOutput<K>> => {
    const r = await host.registry.invoke(session, channel, input);
    if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
    return r.value as ChannelOutput<K>;
  };
  const login = async (username: string, password: string): Promise<Session> => {
    const s = host.session();
    const r = await host.registry.invoke(s, 'auth.login', { username, password });
    if (!r.ok) throw new Error(`login failed: ${r.error.message}`);
    return s;
  };
  const session = await login(ADMIN.username, ADMIN.password);
  const db = host.workspace.db!;
  const env = () => exchangeEnv(db, host.workspace.openKey(), host.workspace.keyring().workspaceId);
  const pc: Pc = {
    dir,
    host,
    clock,
    session,
    db,
    viewer: session.user!,
    call,
    login,
    node: env().node,
    exportTo: async (file, sincePeer, viewer = pc.viewer) => (await exportExchange(db, viewer, env(), { sincePeer }, file, t)).rows,
    importFrom: (file, viewer = pc.viewer) => importExchangeFile(db, viewer, env(), file),
    close: () => host.close(),
  };
  return pc;
};

/**
 * Two PCs holding copies of one workspace: PC A is set up, `prepare` runs on
 * it, then its data folder is copied to a second folder (PC B). B's clock is
 * an hour behind A's: the stamps must not care.
 */
export const twoPcs = async (prepare: (a: Pc) => Promise<void> = async () => undefined): Promise<{ a: Pc; b: Pc; dispose(): void }> => {
  const first = await createTestWorkspace();
  first.host.close();
  const a0 = await openPc(first.dir, first.clock);
  await prepare(a0);
  a0.close();
  const bDir = mkdtempSync(join(tmpdir(), 'tuoke-pc-b-'));
  cpSync(first.dir, bDir, { recursive: true });
  const a = await openPc(first.dir, first.clock);
  const bClock = manualClock(first.clock.now() - 60 * 60 * 1000);
  const b = await openPc(bDir, bClock);
  return {
    a,
    b,
    dispose() {
      a.close();
      b.close();
      rmSync(first.dir, { recursive: true, force: true });
      rmSync(bDir, { recursive: true, force: true });
    },
  };
};

/** All exchanged data of a PC, for comparing two PCs (stamps and local bookkeeping left out). */
export const snapshot = (db: Db): Record<string, unknown[]> => {
  const out: Record<string, unknown[]> = {};
  for (const table of ['users', 'tags', 'customers', 'contacts', 'customer_tags', 'customer_events']) {
    const order = table === 'customer_tags' ? 'customer_id, tag_id' : 'id';
    out[table] = db.sqlite.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all();
  }
  return out;
};

/** Every exchanged table and the conflicts waiting, for "nothing was written" (stamps left out: they are bookkeeping). */
export const snapshotAll = (db: Db): Record<string, unknown[]> => {
  const out: Record<string, unknown[]> = {};
  for (const t of exchangeTypes()) out[t.name] = db.sqlite.prepare(`SELECT * FROM ${quoteIdent(t.name)} ORDER BY ${t.key.map(quoteIdent).join(', ')}`).all();
  out.exchange_conflicts = db.sqlite.prepare('SELECT * FROM exchange_conflicts ORDER BY id').all();
  return out;
};

/** Opens an exchange workbook as a person would in Excel, changes it, saves it. */
export const editInExcel = async (path: string, out: string, edit: (wb: ExcelJS.Workbook) => void): Promise<void> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  edit(wb);
  await wb.xlsx.writeFile(out);
};

/** The column of a sheet whose header is `header` or reads "电话 [phone]" (the key in brackets). */
export const columnOf = (ws: ExcelJS.Worksheet, header: string): number => {
  let col = 0;
  ws.getRow(1).eachCell((cell, n) => {
    if (cell.value === header || String(cell.value).endsWith(`[${header}]`)) col = n;
  });
  if (!col) throw new Error(`no column ${header}`);
  return col;
};

/** The sheet row holding record `id`. */
export const rowOfId = (ws: ExcelJS.Worksheet, id: string): number => {
  const idCol = columnOf(ws, '_id');
  for (let r = 2; r <= ws.rowCount; r += 1) if (ws.getRow(r).getCell(idCol).value === id) return r;
  throw new Error(`no row ${id}`);
};
