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
