/**
 * A child process for the fault tests: does one long write and is killed
 * with SIGKILL by the parent at a random moment.
 *   node --import tsx tests/fault/child.ts restore DATA_DIR BACKUP_FILE
 *   node --import tsx tests/fault/child.ts import DATA_DIR ROWS
 *   node --import tsx tests/fault/child.ts exchange DATA_DIR WORKBOOK   (key: TUOKE_FAULT_RECOVERY)
 *   node --import tsx tests/fault/child.ts writer DATA_DIR              (key: TUOKE_FAULT_RECOVERY; writes until killed)
 * Prints "ready" when about to start the write and "done" when it committed.
 * Each mode loads only the modules it needs (dynamic imports).
 */
export {};

const [mode, dataDir, arg] = process.argv.slice(2);

/** The database opened directly with the key from the recovery slot (as the app's main process would after a login). */
const openDirect = async () => {
  const { sourceMigrationsFolder } = await import('../../src-main/db/migrate');
  const { openDatabase, DB_FILE } = await import('../../src-main/db/connection');
  const { systemClock } = await import('../../src-main/services/clock');
  const { rawKeyFromRecovery } = await import('../helpers/rawDb');
  const { readKeyring } = await import('../../src-main/keyring/keyring');
  const { join } = await import('node:path');
  const key = rawKeyFromRecovery(dataDir!, process.env.TUOKE_FAULT_RECOVERY!);
  // The modules' hooks, as the app's connection has them: an exchange import re-grades what it touched.
  const { hooksOf } = await import('../../src-main/host');
  const db = openDatabase(join(dataDir!, DB_FILE), key, { clock: systemClock, migrationsFolder: sourceMigrationsFolder(), secondary: true, hooks: hooksOf() });
  const admin = db.sqlite.prepare(`SELECT id FROM users WHERE role = 'admin' ORDER BY created_at LIMIT 1`).get() as { id: string };
  return { db, key, workspaceId: readKeyring(dataDir!)!.workspaceId, viewer: { id: admin.id, role: 'admin' as const } };
};

if (mode === 'exchange') {
  const { exchangeEnv, importExchangeFile } = await import('../../src-main/services/exchange/service');
  const { db, key, workspaceId, viewer } = await openDirect();
  process.stdout.write('ready\n');
  await importExchangeFile(db, viewer, exchangeEnv(db, key, workspaceId), arg!);
  process.stdout.write('done\n');
  db.close();
} else if (mode === 'writer') {
  // Another connection that keeps writing: each transaction adds a customer with a contact and moves a counter.
  const { newId } = await import('../../src-main/services/ids');
  const { db, viewer } = await openDirect();
  for (let i = 1; ; i += 1) {
    db.write(viewer.id, (tx) => {
      const insertCustomer = tx.sqlite.prepare(
        `INSERT INTO customers (id, name, name_key, created_at, updated_at, status) VALUES (?, ?, ?, ?, ?, 'potential')`,
      );
      const insertContact = tx.sqlite.prepare(`INSERT INTO contacts (id, customer_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`);
      const counter = tx.sqlite.prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES ('faultWriterCount', ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      );
      const now = Date.now();
      const id = newId();
      insertCustomer.run(id, `写入中的客户${i}`, `写入中的客户${i}`, now, now);
      insertContact.run(newId(), id, `联系人${i}`, now, now);
      counter.run(JSON.stringify(i), now);
    });
    if (i === 1) process.stdout.write('ready\n');
    // Let the event loop breathe now and then (stdout), but keep writing.
    if (i % 20 === 0) await new Promise((r) => setImmediate(r));
  }
} else {
  const { sourceMigrationsFolder } = await import('../../src-main/db/migrate');
  const { createHost } = await import('../../src-main/host');
  const host = createHost({ dataDir: dataDir!, migrationsFolder: sourceMigrationsFolder(), scrypt: { N: 2 ** 10, r: 8, p: 1 } });
  const session = host.session();
  const login = await host.registry.invoke(session, 'auth.login', { username: 'admin', password: 'admin-pass-1' });
  if (!login.ok) throw new Error(JSON.stringify(login));
  const ws = host.workspace;
  process.stdout.write('ready\n');
  if (mode === 'restore') {
    const { restoreBackup } = await import('../../src-main/services/backup/backup');
    const key = Buffer.from(ws.openKey());
    await restoreBackup(ws, arg!, key, { beforeSwap: () => ws.closeAll() });
  } else {
    const { analyzeRecords } = await import('../../src-main/services/import/analyze');
    const { commitImport } = await import('../../src-main/services/import/commit');
    const { buildRecord } = await import('../../src-shared/import/record');
    const { autoMap } = await import('../../src-shared/import/targets');
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
}
