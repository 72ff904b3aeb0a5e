import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Channel, ChannelInput, ChannelOutput } from '../../src-shared/contract';
import type { Result } from '../../src-shared/errors';
import type { Role } from '../../src-shared/roles';
import { sourceMigrationsFolder } from '../../src-main/db/migrate';
import { createHost, type Host } from '../../src-main/host';
import type { Session } from '../../src-main/ipc/session';
import { manualClock } from '../../src-main/services/clock';
import { testNowFromEnv } from '../../src-main/bridge/testClock';
import type { ScryptParams } from '../../src-main/keyring/crypto';
import type { SpawnImportProcess } from '../../src-main/services/import/remote';

/** Cheap scrypt for tests (the real cost is measured by bench:kdf); everything else is real. */
export const testScrypt: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

export const ADMIN = { username: 'admin', password: 'admin-pass-1', displayName: '王管理' };

/** The office most service tests set up besides the administrator: manager 王经理 and salespeople 张三 and 李四 (create them with users.create). */
export const OFFICE = {
  wang: { username: 'wang', displayName: '王经理', role: 'manager', password: 'wang-pass-1' },
  zhang: { username: 'zhang', displayName: '张三', role: 'sales', password: 'zhang-pass-1' },
  li: { username: 'li', displayName: '李四', role: 'sales', password: 'li-pass-1' },
} as const;

export type TestWorkspace = {
  dir: string;
  host: Host;
  clock: ReturnType<typeof manualClock>;
  recoveryKey: string;
  /** Calls a channel and returns the raw result. */
  invoke<K extends Channel>(session: Session, channel: K, input: ChannelInput<K>): Promise<Result<ChannelOutput<K>>>;
  /** Calls a channel and returns the value, failing the test on an error result. */
  call<K extends Channel>(session: Session, channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>>;
  loginAs(username: string, password: string): Promise<Session>;
  addUser(admin: Session, username: string, role: Role, password?: string): Promise<ChannelOutput<'users.create'>>;
  /** Closes the database and opens a fresh host on the same folder (an app restart). */
  restart(): void;
  dispose(): void;
};

/** The manual clock's default instant: Monday 2026-11-23 09:00 in Shanghai (01:00 UTC). */
export const DEFAULT_TEST_NOW = Date.UTC(2026, 10, 23, 1, 0, 0);

/**
 * A real encrypted workspace in a temp folder, set up through the registry like the app does.
 * Its clock is a manual clock pinned at `now` when given (tests whose expectations are literal dates),
 * else at TUOKE_TEST_NOW (the date matrix runs the suite on other days), else at DEFAULT_TEST_NOW.
 */
export const createTestWorkspace = async (options: { company?: string; importProcess?: SpawnImportProcess; now?: number } = {}): Promise<TestWorkspace> => {
  const dir = mkdtempSync(join(tmpdir(), 'tuoke-test-'));
  const clock = manualClock(options.now ?? testNowFromEnv() ?? DEFAULT_TEST_NOW);
  const makeHost = (): Host =>
    createHost({
      dataDir: dir,
      migrationsFolder: sourceMigrationsFolder(),
      clock,
      scrypt: testScrypt,
      logger: { error: () => undefined },
      ...(options.importProcess ? { importProcess: options.importProcess } : {}),
    });
  let host = makeHost();
  const invoke = async <K extends Channel>(session: Session, channel: K, input: ChannelInput<K>) =>
    (await host.registry.invoke(session, channel, input)) as Result<ChannelOutput<K>>;
  const call = async <K extends Channel>(session: Session, channel: K, input: ChannelInput<K>) => {
    const result = await invoke(session, channel, input);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  const setup = await call(host.session(), 'setup.create', {
    companyName: options.company ?? '杭州测试贸易有限公司',
    adminUsername: ADMIN.username,
    adminDisplayName: ADMIN.displayName,
    password: ADMIN.password,
    locale: 'zh-CN',
  });
  const ws: TestWorkspace = {
    dir,
    get host() {
      return host;
    },
    clock,
    recoveryKey: setup.recoveryKey,
    invoke,
    call,
    async loginAs(username, password) {
      const session = host.session();
      await call(session, 'auth.login', { username, password });
      return session;
    },
    async addUser(admin, username, role, password = `${username}-pass-1`) {
      return call(admin, 'users.create', { username, displayName: username, role, password });
    },
    restart() {
      host.close();
      host = makeHost();
    },
    dispose() {
      host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return ws;
};

/** Polls an import commit job through import.progress until it is no longer running; returns its last state. */
export const finishedImport = async (ws: Pick<TestWorkspace, 'call'>, session: Session, jobId: string): Promise<ChannelOutput<'import.progress'>> => {
  let job = await ws.call(session, 'import.progress', { jobId });
  while (job.state === 'running') {
    await new Promise((r) => setTimeout(r, 20));
    job = await ws.call(session, 'import.progress', { jobId });
  }
  return job;
};
