#!/usr/bin/env node
/**
 * Headless administration over the same handler registry the app uses, so
 * the CLI gets the same validation, authorisation and error messages.
 *
 *   npm run cli -- init  --data-dir DIR --company NAME --admin USER [--admin-name NAME]
 *   npm run cli -- check --data-dir DIR
 *   npm run cli -- users list --data-dir DIR
 *   npm run cli -- users add  --data-dir DIR --username U --name N --role sales|manager|admin
 *   npm run cli -- import FILE --data-dir DIR [--sheet N] [--header-row N] [--mapping auto|FILE] [--on-duplicate skip|fill|new] [--assign pool|USER|balance:U1,U2]
 *   npm run cli -- export customers --data-dir DIR --out FILE.xlsx
 *   npm run cli -- exchange export --data-dir DIR --out FILE.xlsx [--since-peer PC] [--plain]
 *   npm run cli -- exchange import FILE --data-dir DIR [--json]
 *   npm run cli -- backup --data-dir DIR [--out FILE]
 *   npm run cli -- restore FILE --data-dir DIR
 *
 * Passwords never go on the command line: TUOKE_PASSWORD (and TUOKE_USER for
 * commands that log in), TUOKE_NEW_PASSWORD for `users add`.
 * --json prints machine-readable output; --lang en|zh-CN picks the language.
 */
import { parseArgs } from 'node:util';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Channel, ChannelInput, ChannelOutput } from '../src-shared/contract';
import { isAppError, type Result } from '../src-shared/errors';
import { localeSchema } from '../src-shared/schemas';
import { importTargets, type ImportTarget } from '../src-shared/import/targets';
import type { Locale } from '../src-shared/roles';
import type { IntegrityReport, UserInfo } from '../src-shared/types';
import { sourceMigrationsFolder } from './db/migrate';
import { createHost, type Host } from './host';
import type { Session } from './ipc/session';
import { translator } from './i18n';
import { createBackup, readBackupKeyring, restoreBackup } from './services/backup/backup';
import { canManageSystem } from './services/policy/policy';
import { unlockRecovery, unlockUserSlot } from './keyring/keyring';
import { usernameKey } from './keyring/usernameKey';

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

const usage = `usage: tuoke <command> --data-dir DIR [options]
commands:
  init   --company NAME --admin USER [--admin-name NAME]   (password: TUOKE_PASSWORD)
  backup [--out FILE]                                     (login: TUOKE_USER, TUOKE_PASSWORD; admin)
  restore FILE    into this workspace (admin login) or an empty folder (TUOKE_USER+TUOKE_PASSWORD or TUOKE_RECOVERY_KEY of the backup)
  check                                                   (login: TUOKE_USER, TUOKE_PASSWORD)
  users list
  users add --username U --name N --role admin|manager|sales   (password: TUOKE_NEW_PASSWORD)
  import FILE [--sheet N] [--header-row N] [--mapping auto|FILE.json] [--on-duplicate skip|fill|new]
         [--assign pool|USER|balance:U1,U2] [--source trade_directory|…]   (login: a manager)
  export customers --out FILE.xlsx                        (login: TUOKE_USER, TUOKE_PASSWORD)
  exchange export --out FILE.xlsx [--since-peer PC] [--plain]   (LAN exchange workbook; --plain: all data for reading)
  exchange import FILE                                    (merges; conflicts stay pending for a person; --json lists them)
options: --json  --lang zh-CN|en  --migrations DIR`;

type Io = { out(line: string): void; err(line: string): void; env: Record<string, string | undefined> };

export const runCli = async (argv: string[], io: Io): Promise<number> => {
  let json = false;
  let lang: Locale = 'zh-CN';
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        company: { type: 'string' },
        admin: { type: 'string' },
        'admin-name': { type: 'string' },
        username: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        json: { type: 'boolean', default: false },
        lang: { type: 'string' },
        migrations: { type: 'string' },
        out: { type: 'string' },
        sheet: { type: 'string' },
        'header-row': { type: 'string' },
        mapping: { type: 'string' },
        'on-duplicate': { type: 'string' },
        assign: { type: 'string' },
        source: { type: 'string' },
        'since-peer': { type: 'string' },
        plain: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
    json = values.json ?? false;
    if (values.lang) {
      const parsed = localeSchema.safeParse(values.lang);
      if (!parsed.success) throw new CliError(`--lang must be zh-CN or en\n${usage}`, 2);
      lang = parsed.data;
    }
    const [command, sub] = positionals;
    if (values.help || !command) {
      io.out(usage);
      return command ? 0 : 2;
    }
    const dataDir = values['data-dir'];
    if (!dataDir) throw new CliError(`--data-dir is required\n${usage}`, 2);
    const host = createHost({
      dataDir: resolve(dataDir),
      migrationsFolder: values.migrations ? resolve(values.migrations) : sourceMigrationsFolder(),
      logger: { error: (m, e) => io.err(`${m}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`) },
      program: 'cli',
    });
    const session = host.session(lang);
    const call = async <K extends Channel>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> => {
      const result = (await host.registry.invoke(session, channel, input)) as Result<ChannelOutput<K>>;
      if (!result.ok) throw new CliError(result.error.message, 1, result.error.code);
      return result.value;
    };
    const print = (value: unknown, text: string): void => io.out(json ? JSON.stringify(value, null, 2) : text);

    try {
      // The CLI has the workspace to itself for its whole run, or stops here naming who has it (WORKSPACE_LOCKED).
      host.workspace.hold();
      switch (command) {
        case 'init': {
          const password = requireEnv(io, 'TUOKE_PASSWORD');
          const admin = required(values.admin, '--admin');
          const result = await call('setup.create', {
            companyName: required(values.company, '--company'),
            adminUsername: admin,
            adminDisplayName: values['admin-name'] ?? admin,
            password,
            locale: lang,
          });
          const t = translator(lang);
          print(
            { dataDir: host.workspace.dataDir, recoveryKey: result.recoveryKey },
            `${t('setup.recoveryTitle')}:\n\n    ${result.recoveryKey}\n\n${t('setup.recoveryText')}`,
          );
          return 0;
        }
        case 'check': {
          await loginFromEnv(call, io);
          const report: IntegrityReport = await call('system.check', {});
          print(report, translator(lang)('settings.integrityResult', { ...report }));
          return report.integrity === 'ok' ? 0 : 1;
        }
        case 'users': {
          await loginFromEnv(call, io);
          if (sub === 'list') {
            const list = await call('users.list', {});
            print(list, list.map((u) => formatUser(u, lang)).join('\n'));
            return 0;
          }
          if (sub === 'add') {
            const user = await call('users.create', {
              username: required(values.username, '--username'),
              displayName: required(values.name, '--name'),
              role: required(values.role, '--role') as UserInfo['role'],
              password: requireEnv(io, 'TUOKE_NEW_PASSWORD'),
            });
            print(user, formatUser(user, lang));
            return 0;
          }
          throw new CliError(usage, 2);
        }
        case 'backup': {
          await loginFromEnv(call, io);
          const made = await call('backup.create', {});
          const { dir } = await call('backup.settings', {});
          let path = join(dir, made.fileName);
          if (values.out) {
            path = resolve(values.out);
            copyFileSync(join(dir, made.fileName), path);
          }
          print({ ...made, path }, path);
          return 0;
        }
        case 'restore': {
          // npm run cli -- restore FILE --data-dir DIR: into an existing workspace (admin login), or onto a new PC
          // (an empty data folder) with a user's password or TUOKE_RECOVERY_KEY from the backup itself.
          const file = resolve(required(sub, 'FILE'));
          const result = await restoreFromCli(host, file, io);
          print(result, translator(lang)('backup.restored', { customers: result.customers, users: result.users, defaultValue: 'restored' }));
          return 0;
        }
        case 'import': {
          await loginFromEnv(call, io);
          const summary = await importFromCli(call, resolve(required(sub, 'FILE')), values);
          print(summary, translator(lang)('importer.cliSummary', { ...summary.counts, defaultValue: JSON.stringify(summary.counts) }));
          return 0;
        }
        case 'export': {
          if (sub !== 'customers') throw new CliError(usage, 2);
          const out = resolve(required(values.out, '--out'));
          await loginFromEnv(call, io);
          const file = await call('customers.export', {});
          writeFileSync(out, Buffer.from(file.dataBase64, 'base64'));
          print({ out, rows: file.rows }, `${out}: ${file.rows}`);
          return 0;
        }
        case 'exchange': {
          await loginFromEnv(call, io);
          const t = translator(lang);
          if (sub === 'export') {
            const out = resolve(required(values.out, '--out'));
            const file = values.plain
              ? await call('exchange.exportPlain', {})
              : await call('exchange.export', values['since-peer'] ? { sincePeer: values['since-peer'] } : {});
            writeFileSync(out, Buffer.from(file.dataBase64, 'base64'));
            print({ out, rows: file.rows }, `${out}: ${file.rows}`);
            return 0;
          }
          if (sub === 'import') {
            const file = resolve(required(positionals[2], 'FILE'));
            const preview = await call('exchange.analyze', { fileName: basename(file), dataBase64: readFileSync(file).toString('base64') });
            const summary = await call('exchange.commit', { token: preview.token });
            const lines = [
              t('exchange.import.from', {
                label: summary.from.label,
                node: summary.from.node,
                at: new Date(summary.from.createdAt).toLocaleString(lang),
                mode: t(summary.from.mode === 'all' ? 'exchange.import.modeAll' : 'exchange.import.modeSince'),
              }),
              Object.entries(summary.counts)
                .filter(([, n]) => n > 0)
                .map(([k, n]) => `${t(`exchange.counts.${k}`)}: ${n}`)
                .join('  '),
              ...summary.notes.map((n) => `${n.sheet}: ${t(`exchange.notes.${n.kind}`, { row: n.row, column: n.column, sheet: n.sheet, detail: n.detail ?? '' })}`),
              ...(summary.conflicts.length ? [t('exchange.import.conflictsHint', { count: summary.conflicts.length })] : []),
            ];
            print(summary, lines.join('\n'));
            return 0;
          }
          throw new CliError(usage, 2);
        }
        default:
          throw new CliError(`unknown command: ${command}\n${usage}`, 2);
      }
    } finally {
      if (session.user) await host.registry.invoke(session, 'auth.logout', {});
      host.close();
    }
  } catch (e) {
    const err =
      e instanceof CliError
        ? e
        : isAppError(e)
          ? new CliError(translator(lang)(`errors.${e.code}`, { ...(e.params ?? {}) }), 1, e.code)
          : new CliError(e instanceof Error ? e.message : String(e), e instanceof TypeError ? 2 : 1);
    if (json) io.out(JSON.stringify({ ok: false, code: err.code ?? 'USAGE', message: err.message }));
    else io.err(err.message);
    return err.exitCode;
  }
};

const required = (value: string | undefined, flag: string): string => {
  if (!value) throw new CliError(`${flag} is required\n${usage}`, 2);
  return value;
};

const requireEnv = (io: Io, name: string): string => {
  const value = io.env[name];
  if (!value) throw new CliError(`${name} must be set`, 2);
  return value;
};

const loginFromEnv = async (
  call: <K extends Channel>(channel: K, input: ChannelInput<K>) => Promise<ChannelOutput<K>>,
  io: Io,
): Promise<void> => {
  await call('auth.login', { username: requireEnv(io, 'TUOKE_USER'), password: requireEnv(io, 'TUOKE_PASSWORD') });
};

/**
 * Restore from the command line. Into an existing workspace: the admin logs
 * in and the backup must be of this workspace. Into an empty folder (a new
 * PC): the backup's own key slots are opened with a user's password or the
 * recovery key.
 */
const restoreFromCli = async (host: Host, file: string, io: Io) => {
  const ws = host.workspace;
  if (existsSync(join(ws.dataDir, 'keyring.json'))) {
    const session = host.session();
    const r = await host.registry.invoke(session, 'auth.login', { username: requireEnv(io, 'TUOKE_USER'), password: requireEnv(io, 'TUOKE_PASSWORD') });
    if (!r.ok) throw new CliError(r.error.message, 1, r.error.code);
    if (!session.user || !canManageSystem(session.user)) throw new CliError(translator('zh-CN')('errors.FORBIDDEN'), 1, 'FORBIDDEN');
    const key = Buffer.from(ws.openKey());
    const db = ws.db!;
    const preview = await restoreBackup(ws, file, key, {
      expectWorkspaceId: ws.keyring().workspaceId,
      beforeSwap: async () => {
        await createBackup(ws, db, 'before-restore');
        ws.closeAll();
        session.user = null;
      },
    });
    return { customers: preview.customers, users: preview.users, createdAt: preview.manifest.createdAt };
  }
  const keyring = await readBackupKeyring(file);
  const recovery = io.env.TUOKE_RECOVERY_KEY;
  const key = recovery
    ? unlockRecovery(keyring, recovery)
    : await unlockUserSlot(keyring, usernameKey(requireEnv(io, 'TUOKE_USER')), requireEnv(io, 'TUOKE_PASSWORD'));
  if (!key) throw new CliError(translator('zh-CN')('errors.BACKUP_WRONG_KEY'), 1, 'BACKUP_WRONG_KEY');
  const preview = await restoreBackup(ws, file, key);
  return { customers: preview.customers, users: preview.users, createdAt: preview.manifest.createdAt };
};

type Call = <K extends Channel>(channel: K, input: ChannelInput<K>) => Promise<ChannelOutput<K>>;

/**
 * The import wizard's steps, unattended: upload, sheet (first visible, or --sheet N, 1-based),
 * header (detected, or --header-row), mapping (auto or saved, or a JSON file mapping header →
 * target), duplicates (--on-duplicate for every group), assignment, commit, wait.
 */
const importFromCli = async (call: Call, file: string, values: Record<string, string | boolean | undefined>) => {
  const bytes = readFileSync(file);
  let uploadId: string | undefined;
  const CHUNK = 4 * 1024 * 1024;
  for (let offset = 0; ; offset += CHUNK) {
    const chunk = bytes.subarray(offset, offset + CHUNK);
    const final = offset + CHUNK >= bytes.length;
    uploadId = (await call('import.upload', { ...(uploadId ? { uploadId } : {}), fileName: basename(file), offset, chunkBase64: chunk.toString('base64'), final })).uploadId;
    if (final) break;
  }
  try {
    const info = await call('import.sheets', { uploadId });
    const sheetIndex =
      typeof values.sheet === 'string' ? Number(values.sheet) - 1 : (info.sheets.find((s) => s.offered) ?? info.sheets[0])?.index;
    if (sheetIndex === undefined || !info.sheets.some((s) => s.index === sheetIndex)) throw new CliError(`--sheet: 1..${info.sheets.length}`, 2);
    const preview = await call('import.preview', {
      uploadId,
      sheetIndex,
      ...(typeof values['header-row'] === 'string' ? { headerRow: Number(values['header-row']) } : {}),
    });
    let targets = preview.targets;
    if (typeof values.mapping === 'string' && values.mapping !== 'auto') {
      const byHeader = JSON.parse(readFileSync(resolve(values.mapping), 'utf8')) as Record<string, string | null> | (string | null)[];
      targets = preview.headers.map((h, i) => {
        const t = Array.isArray(byHeader) ? byHeader[i] : byHeader[h];
        if (t === undefined || t === null) return null;
        if (!(importTargets as readonly string[]).includes(t)) throw new CliError(`--mapping: unknown target ${t}`, 2);
        return t as ImportTarget;
      });
    }
    const analysis = await call('import.analyze', { uploadId, sheetIndex, headerRow: preview.headerRow, targets });
    const onDuplicate = (values['on-duplicate'] as string | undefined) ?? 'skip';
    if (!['skip', 'fill', 'new'].includes(onDuplicate)) throw new CliError('--on-duplicate skip|fill|new', 2);
    const assign = (values.assign as string | undefined) ?? 'pool';
    const directory = await call('users.directory', {});
    const idOf = (username: string): string => {
      const u = directory.find((d) => d.username.toLowerCase() === username.toLowerCase() && d.active);
      if (!u) throw new CliError(`--assign: no active user ${username}`, 2);
      return u.id;
    };
    const assignment =
      assign === 'pool'
        ? ({ mode: 'pool' } as const)
        : assign.startsWith('balance:')
          ? ({ mode: 'balance', userIds: assign.slice(8).split(',').map(idOf) } as const)
          : ({ mode: 'user', userId: idOf(assign) } as const);
    const { jobId } = await call('import.commit', {
      uploadId,
      decisions: {},
      defaultDecision: onDuplicate as 'skip' | 'fill' | 'new',
      assignment,
      ...(typeof values.source === 'string' ? { source: values.source as never } : {}),
    });
    let job = await call('import.progress', { jobId });
    while (job.state === 'running') {
      await new Promise((r) => setTimeout(r, 100));
      job = await call('import.progress', { jobId });
    }
    if (job.state !== 'done' || !job.summary) throw new CliError(job.error?.message ?? job.state, 1, job.error?.code);
    return {
      batchId: job.summary.batchId,
      counts: {
        total: analysis.total,
        created: job.summary.created,
        filled: job.summary.filled,
        skipped: job.summary.skipped,
        rejected: job.summary.rejected,
        flagged: analysis.flagged,
        duplicatesInFile: analysis.inFileDuplicates,
        duplicatesInDatabase: analysis.inDbDuplicates,
      },
    };
  } finally {
    await call('import.discard', { uploadId: uploadId! }).catch(() => undefined);
  }
};

const formatUser = (u: UserInfo, lang: Locale): string => {
  const t = translator(lang);
  return `${u.username}\t${u.displayName}\t${t(`roles.${u.role}`)}\t${u.active ? t('users.active') : t('users.inactive')}`;
};

export type { Host, Session };

const isMain = process.argv[1] !== undefined && /cli\.(ts|js|mjs)$/.test(process.argv[1]);
if (isMain) {
  runCli(process.argv.slice(2), {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
