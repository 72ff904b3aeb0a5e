/**
 * A child process for the fault tests: does one long write and is killed
 * with SIGKILL by the parent at a random moment.
 *   node --import tsx tests/fault/child.ts restore DATA_DIR BACKUP_FILE
 *   node --import tsx tests/fault/child.ts import DATA_DIR ROWS
 * Prints "ready" when about to start the write and "done" when it committed.
 */
import { sourceMigrationsFolder } from '../../src-main/db/migrate';
import { createHost } from '../../src-main/host';
import { analyzeRecords } from '../../src-main/services/import/analyze';
import { commitImport } from '../../src-main/services/import/commit';
import { restoreBackup } from '../../src-main/services/backup/backup';
import { buildRecord } from '../../src-shared/import/record';
import { autoMap } from '../../src-shared/import/targets';

const [mode, dataDir, arg] = process.argv.slice(2);
const host = createHost({ dataDir: dataDir!, migrationsFolder: sourceMigrationsFolder(), scrypt: { N: 2 ** 10, r: 8, p: 1 } });
const session = host.session();
const login = await host.registry.invoke(session, 'auth.login', { username: 'admin', password: 'admin-pass-1' });
if (!login.ok) throw new Error(JSON.stringify(login));
const ws = host.workspace;
process.stdout.write('ready\n');
if (mode === 'restore') {
  const key = Buffer.from(ws.openKey());
  await restoreBackup(ws, arg!, key, { beforeSwap: () => ws.closeAll() });
} else {
  const headers = ['企业名称', '联系电话'];
  const mapping = { headers, targets: autoMap(headers), unmappedToNotes: true };
  const records = Array.from({ length: Number(arg) }, (_, i) =>
    buildRecord({ rowNumber: i + 2, hidden: false, values: [`故障测试公司${i}号`, `1390000${String(i).padStart(4, '0')}`] }, mapping),
  );
  const db = ws.db!;
  commitImport(db, session.user!, records, analyzeRecords(db, records), {
    fileName: 'fault.xlsx',
    sheetName: null,
    source: 'trade_directory',
    tagIds: [],
    assignment: { mode: 'pool' },
    decisions: {},
  });
}
process.stdout.write('done\n');
host.close();
