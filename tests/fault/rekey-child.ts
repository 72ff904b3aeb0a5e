/**
 * A child process for the re-key fault test: logs in as the administrator and
 * deactivates a user, which re-keys the workspace (backup, new key sealed to
 * the remaining slots, SQLCipher rekey, key slots replaced). The parent kills
 * it with SIGKILL at a random moment.
 *   node --import tsx tests/fault/rekey-child.ts DATA_DIR USERNAME
 * Prints "ready" just before the deactivation and "done" when it returned.
 */
import { sourceMigrationsFolder } from '../../src-main/db/migrate';
import { createHost } from '../../src-main/host';
import { manualClock } from '../../src-main/services/clock';

const [dataDir, username] = process.argv.slice(2);
// Pinned like every test clock (it names the backup the re-key makes).
const host = createHost({ dataDir: dataDir!, migrationsFolder: sourceMigrationsFolder(), clock: manualClock(), scrypt: { N: 2 ** 10, r: 8, p: 1 } });
const session = host.session();
const login = await host.registry.invoke(session, 'auth.login', { username: 'admin', password: 'admin-pass-1' });
if (!login.ok) throw new Error(JSON.stringify(login));
const list = await host.registry.invoke(session, 'users.list', {});
if (!list.ok) throw new Error(JSON.stringify(list));
const target = (list.value as { id: string; username: string }[]).find((u) => u.username === username)!;
process.stdout.write('ready\n');
const result = await host.registry.invoke(session, 'users.deactivate', { id: target.id });
if (!result.ok) throw new Error(JSON.stringify(result));
process.stdout.write('done\n');
host.close();
