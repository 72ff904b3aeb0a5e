/**
 * A child process for the workspace tests (started with `node --import tsx`):
 *   workspace-child.ts attempt DATA_DIR USER PASSWORD GO_FILE NOW
 *     checks one password the way a login does (services/auth checkPassword: the lockout count and scrypt),
 *     without the workspace lock, as a program that ignores it would; prints "ready", waits for GO_FILE to
 *     exist (so that all children start at once), then prints one JSON line {code, detail}.
 *   workspace-child.ts hold DATA_DIR
 *     takes the workspace lock, prints "ready" and waits to be killed.
 * NOW pins the clock (ms).
 */
import { existsSync } from 'node:fs';
import { sourceMigrationsFolder } from '../../src-main/db/migrate';
import { manualClock } from '../../src-main/services/clock';
import { Workspace } from '../../src-main/services/workspace/workspace';
import { hooksOf } from '../../src-main/host';

const [mode, dataDir, ...rest] = process.argv.slice(2);

if (mode === 'attempt') {
  const [username, password, goFile, now] = rest;
  const { checkPassword } = await import('../../src-main/services/auth/auth');
  const ws = new Workspace({ dataDir: dataDir!, clock: manualClock(Number(now)), migrationsFolder: sourceMigrationsFolder(), hooks: hooksOf() });
  process.stdout.write('ready\n');
  while (!existsSync(goFile!)) await new Promise((r) => setTimeout(r, 5));
  try {
    const key = await checkPassword(ws, username!, password!);
    key.fill(0);
    process.stdout.write(`${JSON.stringify({ code: 'OK', detail: '' })}\n`);
  } catch (e) {
    const err = e as { code?: string; message?: string };
    process.stdout.write(`${JSON.stringify({ code: err.code ?? 'ERROR', detail: err.message ?? String(e) })}\n`);
  }
} else if (mode === 'hold') {
  const ws = new Workspace({ dataDir: dataDir!, clock: manualClock(Number(rest[0] ?? Date.UTC(2026, 11, 6, 2, 0, 0))), migrationsFolder: sourceMigrationsFolder(), hooks: hooksOf() });
  ws.hold();
  process.stdout.write('ready\n');
  setInterval(() => undefined, 60_000);
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
