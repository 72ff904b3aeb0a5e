/**
 * Lead import and customer export at scale, through the code paths the app uses.
 *
 * 1. Generates (deterministically) a 12-column Chinese trade-directory .xlsx
 *    (企业名称, 统一社会信用代码 with valid check characters, 法定代表人,
 *    联系电话, 地址, 所属行业, 成立日期, 注册资本, 经营范围, 邮箱, 网址, 联系人),
 *    100,000 rows by default, about 1 % of them repeated (in-file duplicates).
 * 2. Baselines: ExcelJS's streaming WorkbookReader reading it (every row
 *    counted, every cell value touched), and our reader (readRows) alone.
 * 3. Import #1 into a fresh encrypted workspace through the handler registry
 *    (import.upload in 1 MB chunks as the renderer sends them, sheets, preview,
 *    analyze = read + clean + duplicate detection, commit, all in the import process,
 *    polled like the wizard does), balanced over three salespeople.
 * 4. Import #2 of the same file: everything is a duplicate; decision skip.
 * 5. Export of all customers (exportCustomers, every column) against ExcelJS's
 *    streaming writer writing the same values with the same number formats.
 *
 * Every step runs in its own process, so each peak RSS
 * (process.resourceUsage().maxRSS) belongs to that step alone. The import
 * itself (read, analysis, commit) runs in the import process the app starts
 * for it; its peak RSS (VmHWM from /proc) is the importing process's figure,
 * and the window's process's peak is printed next to it.
 *
 *   npm run bench:import [-- --rows N] [--inline] [--keep DIR] [--no-export]
 *                        [--drop-triggers]   (report only: no change-log / search triggers)
 *
 * Targets (the issue): import wall ≤ 1.5 × ExcelJS read; peak RSS ≤ 400 MB;
 * import #2 no slower than import #1; export ≤ 1.3 × ExcelJS write. The table
 * prints target / measured / ok-or-MISS per line; lines without a target are
 * the breakdown. MB = 10^6 bytes. --inline writes inline strings instead of a
 * shared-string table (what POI/EasyExcel-style exporters produce); --rows
 * 10000 is a quick run. About 1.5 minutes for the default run on 2 cores.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';

const self = fileURLToPath(import.meta.url);
const MiB = 2 ** 20;
const peakRssMiB = (): number => (process.resourceUsage().maxRSS * 1024) / MiB;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

// ====================================================================== data

const COLUMNS = ['企业名称', '统一社会信用代码', '法定代表人', '联系电话', '地址', '所属行业', '成立日期', '注册资本', '经营范围', '邮箱', '网址', '联系人'];

const INDUSTRIES: [string, string[]][] = [
  ['软件和信息技术服务业', ['信息科技', '软件', '网络科技', '数据科技', '信息技术', '智能科技']],
  ['制造业', ['机械', '精密机械', '电子', '新材料', '机电设备', '自动化设备', '模具', '塑胶制品']],
  ['批发和零售业', ['贸易', '商贸', '供应链管理', '进出口', '实业']],
  ['建筑业', ['建筑工程', '建设工程', '装饰工程', '建材']],
  ['交通运输、仓储和邮政业', ['物流', '国际货运代理', '运输', '仓储服务']],
  ['医药制造业', ['医药', '生物科技', '医疗器械', '健康科技']],
  ['文化、体育和娱乐业', ['文化传媒', '广告', '文化发展', '影视传媒']],
  ['生态保护和环境治理业', ['环保科技', '环境工程', '节能科技']],
  ['纺织服装、服饰业', ['纺织', '服饰', '家纺']],
  ['租赁和商务服务业', ['企业管理咨询', '商务咨询', '人力资源', '会展服务']],
];
const SCOPE = [
  '技术开发', '技术咨询', '技术服务', '技术转让', '计算机软硬件及辅助设备批发', '电子产品销售', '五金产品零售', '机械设备租赁',
  '货物进出口', '技术进出口', '企业管理咨询', '市场营销策划', '会议及展览服务', '办公用品销售', '日用百货销售', '建筑材料销售',
  '普通机械设备安装服务', '信息系统集成服务', '数据处理和存储支持服务', '广告设计、代理', '人工智能应用软件开发', '国内贸易代理',
  '供应链管理服务', '塑料制品制造', '金属制品销售', '电气设备修理', '物业管理', '专业设计服务', '包装服务', '汽车零配件批发',
];
const ROADS = ['人民路', '解放路', '中山路', '建国路', '长江路', '黄河路', '文三路', '学院路', '科技路', '创业大道', '高新大道', '世纪大道', '滨江大道'];
const BUILDINGS = ['国际大厦', '科技园', '创业园', '商务中心', '金融中心', '产业园', '广场', '大厦'];
const BRAND = Array.from('星华恒鼎瑞金汇博天中宏新正明嘉德永盛东信安泰海云顺鸿创联智卓远方合诚益优达光通润佳锦辰宇丰桥成科源邦祥腾越航诺威拓锐峰隆辉凯捷晟睿');
const CAPITAL_UNITS: [string, number][] = [['万元人民币', 85], ['万人民币', 5], ['万美元', 5], ['万元', 5]];
const EMAIL_DOMAINS = ['qq.com', '163.com', '126.com', 'sina.com', 'aliyun.com'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

type BenchRow = (string | Date | null)[];

/** Deterministic rows: the same file on every machine and every run. */
async function generateRows(count: number, onRow: (row: BenchRow) => void): Promise<void> {
  const { createRng, landline, mobile, personName } = await import('../src-main/devtools/seedDemo');
  const { creditCodeCheckChar, CREDIT_CODE_ALPHABET } = await import('../src-shared/rules/creditCode');
  const { citiesOf, districtsOf, provinces } = await import('../src-shared/regions');
  const rng = createRng(20_260_401);
  const places = provinces().flatMap((p) =>
    citiesOf(p.code).flatMap((c) => districtsOf(c.code).map((d) => ({ province: p.name, city: c.name === p.name ? '' : c.name, cityShort: c.name.replace(/市$/, ''), district: d.name, code: d.code }))),
  ).filter((p) => /^\d{6}$/.test(p.code));
  const areaCodes = ['010', '021', '020', '0755', '0571', '025', '0512', '028', '027', '022', '023', '029', '0731', '0371', '0532'];
  const word = (n: number): string => Array.from({ length: n }, () => rng.pick(Array.from(LETTERS))).join('');
  const previous: BenchRow[] = [];
  for (let i = 0; i < count; i += 1) {
    if (previous.length > 100 && rng.chance(0.01)) {
      onRow(rng.pick(previous)); // a company listed twice (pages of two searches pasted together)
      continue;
    }
    const place = rng.pick(places);
    const [industry, trades] = rng.pick(INDUSTRIES);
    const brand = rng.pick(BRAND) + rng.pick(BRAND) + (rng.chance(0.6) ? rng.pick(BRAND) : '');
    const trade = rng.pick(trades);
    const name = rng.chance(0.85) ? `${place.cityShort}${brand}${trade}有限公司` : `${brand}${trade}（${place.cityShort}）有限公司`;
    let body = '';
    for (let k = 0; k < 9; k += 1) body += k < 2 && rng.chance(0.3) ? rng.pick(Array.from(CREDIT_CODE_ALPHABET.slice(10))) : String(rng.int(10));
    const first17 = `91${place.code}${body}`;
    const code = first17 + creditCodeCheckChar(first17)!;
    const legalRep = personName(rng);
    const area = rng.pick(areaCodes);
    const land = (): string => { const l = landline(rng, area); return `${l.slice(0, area.length)}-${l.slice(area.length)}`; };
    const r = rng.next();
    const phone = r < 0.55 ? mobile(rng) : r < 0.85 ? land() : r < 0.95 ? `${mobile(rng)}；${land()}` : null;
    const address = `${place.province}${place.city}${place.district}${rng.pick(ROADS)}${rng.between(1, 999)}号${rng.chance(0.5) ? `${rng.pick(BUILDINGS)}${rng.between(1, 30)}${String(rng.between(1, 20)).padStart(2, '0')}室` : ''}`;
    const y = rng.between(1995, 2024);
    const m = rng.between(1, 12);
    const d = rng.between(1, 28);
    const founded = rng.chance(0.8) ? new Date(Date.UTC(y, m - 1, d)) : `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const capital = `${rng.pick([10, 50, 100, 200, 300, 500, 1000, 2000, 5000])}${rng.weighted(CAPITAL_UNITS)}`;
    const scopeParts = Array.from({ length: rng.between(6, 18) }, () => rng.pick(SCOPE));
    const scope = `一般项目：${scopeParts.join('；')}。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）`;
    const email = rng.chance(0.6) ? (rng.chance(0.5) ? `${rng.between(100_000, 999_999_999)}@qq.com` : `${word(rng.between(4, 8))}@${rng.pick(EMAIL_DOMAINS)}`) : null;
    const site = rng.chance(0.3) ? `www.${word(rng.between(5, 10))}.com` : null;
    const contact = rng.chance(0.7) ? (rng.chance(0.5) ? legalRep : personName(rng)) : null;
    const row: BenchRow = [name, code, legalRep, phone, address, industry, founded, capital, scope, email, site, contact];
    if (previous.length < 5000) previous.push(row);
    else if (rng.chance(0.05)) previous[rng.int(previous.length)] = row;
    onRow(row);
  }
}

async function generate({ file, rows, inline }: { file: string; rows: number; inline: boolean }): Promise<object> {
  const start = performance.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: !inline, useStyles: true });
  const ws = wb.addWorksheet('企业名录');
  ws.addRow(COLUMNS).commit();
  await generateRows(rows, (values) => {
    const row = ws.addRow(values);
    if (values[6] instanceof Date) row.getCell(7).numFmt = 'yyyy-mm-dd';
    row.commit();
  });
  ws.commit();
  await wb.commit();
  return { ms: performance.now() - start, bytes: statSync(file).size };
}

// ====================================================================== children

type ReadOut = { ms: number; rows: number; cells: number; replacement: number; rssMiB: number };

async function exceljsRead({ file }: { file: string }): Promise<ReadOut> {
  const start = performance.now();
  let rows = 0;
  let cells = 0;
  let replacement = 0;
  // styles: 'cache' so that date cells come back as dates (our reader reads the styles too).
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      rows += 1;
      row.eachCell((cell) => {
        const v = cell.value;
        if (v !== null && v !== undefined) cells += 1;
        if (typeof v === 'string' && v.includes('\ufffd')) replacement += 1;
      });
    }
  }
  return { ms: performance.now() - start, rows, cells, replacement, rssMiB: peakRssMiB() };
}

async function ourRead({ file }: { file: string }): Promise<ReadOut> {
  const { readRows, isBlankCell } = await import('../src-main/services/import/read');
  const start = performance.now();
  let rows = 0;
  let cells = 0;
  let replacement = 0;
  await readRows(file, 0, (row) => {
    rows += 1;
    for (const c of row.cells) {
      if (isBlankCell(c)) continue;
      cells += 1;
      if (c.type === 'text' && c.text.includes('\ufffd')) replacement += 1;
    }
  });
  return { ms: performance.now() - start, rows, cells, replacement, rssMiB: peakRssMiB() };
}

const PASSWORD = 'bench-pass-2026';
const SALES = ['zhangwei', 'lina', 'wangqiang'];

type ImportOut = {
  phases: Record<string, number>;
  wallMs: number;
  analysis: Record<string, number>;
  summary: Record<string, number | string>;
  customers: number;
  changeLog: number;
  searchDocs: number;
  /** process.resourceUsage().maxRSS at the end: the whole life of the process (login's scrypt included). */
  rssMiB: number;
  /** The import process's peak RSS (VmHWM), sampled every 20 ms. */
  importRssMiB: number;
  /** Sampled every 20 ms: RSS before the upload, and the highest RSS / V8 heap seen per phase. */
  rssBeforeMiB: number;
  sampled: Record<string, { rss: number; heap: number }>;
};

const BUILT_PROCESS = fileURLToPath(new URL('../out/main/importProcess.js', import.meta.url));
/** The bundled import process when it was built (`npm run build`, which `npm test` runs too); else the sources through tsx. */
const builtProcess = (): boolean => existsSync(BUILT_PROCESS) && !process.env.BENCH_SOURCE_WORKER;

/** The import processes started, and the highest VmHWM (peak RSS, MiB) read from /proc for any of them. */
const importPids: number[] = [];
let importPeakMiB = 0;
const sampleImportProcesses = (): void => {
  for (const pid of importPids) {
    try {
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      if (kb) importPeakMiB = Math.max(importPeakMiB, Number(kb) / 1024);
    } catch {
      // Ended: its last reading stands.
    }
  }
};

async function openBench(dataDir: string, first: boolean) {
  const { createHost } = await import('../src-main/host');
  const { sourceMigrationsFolder } = await import('../src-main/db/migrate');
  const { forkImportProcess } = await import('../src-main/services/import/remote');
  const host = createHost({
    dataDir,
    migrationsFolder: sourceMigrationsFolder(),
    // The app's path: the import runs in its own process — the bundled importProcess.js the app ships
    // (out/main/importProcess.js, from `npm run build`) when it exists, else process.ts through tsx,
    // whose on-the-fly transpiling adds its own memory to the figures (printed with the results).
    importProcess: () => {
      const p = builtProcess()
        ? forkImportProcess(pathToFileURL(BUILT_PROCESS))()
        : forkImportProcess(new URL('../src-main/services/import/process.ts', import.meta.url), ['--import', 'tsx'])();
      importPids.push(p.pid!);
      return p;
    },
  });
  const session = host.session('zh-CN');
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await host.registry.invoke(session, channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  if (first) {
    await call('setup.create', { companyName: '基准测试贸易有限公司', adminUsername: 'admin', adminDisplayName: '系统管理员', password: PASSWORD, locale: 'zh-CN' });
  }
  await call('auth.login', { username: 'admin', password: PASSWORD });
  if (first) {
    for (const [i, u] of SALES.entries()) await call('users.create', { username: u, displayName: `销售${i + 1}`, role: 'sales', password: PASSWORD });
  }
  return { host, session, call };
}

async function importChild({ dataDir, file, first, dropTriggers }: { dataDir: string; file: string; first: boolean; dropTriggers: boolean }): Promise<ImportOut> {
  const { host, call } = await openBench(dataDir, first);
  const db = host.workspace.db!;
  if (dropTriggers) {
    // Report only, on a throwaway workspace: what the change-log, search-index and exchange-stamp triggers cost
    // (BENCH_DROP=audit,search,exchange picks which; default all three).
    const kinds = (process.env.BENCH_DROP ?? 'audit,search,exchange').split(',');
    const triggers: Record<string, string[]> = {
      audit: ['audit_customers_insert', 'audit_contacts_insert'],
      search: ['search_customers_ai', 'search_contacts_ai'],
      exchange: ['exchange_customers_insert', 'exchange_contacts_insert'],
    };
    db.write(null, (tx) => {
      for (const t of kinds.flatMap((k) => triggers[k] ?? [])) tx.sqlite.exec(`DROP TRIGGER IF EXISTS ${t}`);
    });
  }
  const users = (await call<{ id: string; username: string }[]>('users.list', {})).filter((u) => SALES.includes(u.username));
  const phases: Record<string, number> = {};
  const sampled: Record<string, { rss: number; heap: number }> = {};
  let current = { rss: 0, heap: 0 };
  const sample = (): void => {
    const m = process.memoryUsage();
    current.rss = Math.max(current.rss, m.rss / MiB);
    current.heap = Math.max(current.heap, m.heapUsed / MiB);
    sampleImportProcesses();
  };
  const sampler = setInterval(sample, 20);
  const rssBeforeMiB = process.memoryUsage().rss / MiB;
  let mark = performance.now();
  const lap = (name: string): void => {
    sample();
    const now = performance.now();
    phases[name] = now - mark;
    sampled[name] = current;
    current = { rss: 0, heap: 0 };
    mark = now;
  };
  const wallStart = performance.now();

  // Upload as the renderer does: 1 MB chunks, base64.
  const bytes = readFileSync(file);
  let uploadId: string | undefined;
  for (let offset = 0; offset < bytes.length; offset += MiB) {
    const end = Math.min(offset + MiB, bytes.length);
    const r = await call<{ uploadId: string }>('import.upload', {
      ...(uploadId ? { uploadId } : {}),
      fileName: '企业名录.xlsx',
      offset,
      chunkBase64: bytes.subarray(offset, end).toString('base64'),
      final: end >= bytes.length,
    });
    uploadId = r.uploadId;
  }
  lap('upload');
  const info = await call<{ sheets: { index: number; offered: boolean }[] }>('import.sheets', { uploadId });
  const sheetIndex = info.sheets.find((s) => s.offered)!.index;
  lap('sheets');
  const preview = await call<{ headerRow: number; targets: (string | null)[] }>('import.preview', { uploadId, sheetIndex });
  lap('preview');
  const analysis = await call<Record<string, number>>('import.analyze', { uploadId, sheetIndex, headerRow: preview.headerRow, targets: preview.targets, unmappedToNotes: true });
  lap('analyze');
  const { jobId } = await call<{ jobId: string }>('import.commit', { uploadId, decisions: {}, assignment: { mode: 'balance', userIds: users.map((u) => u.id) } });
  let job: { state: string; done: number; total: number; summary: Record<string, number | string> | null; error: unknown };
  const commitStart = performance.now();
  let allRowsAt = 0;
  for (;;) {
    job = await call('import.progress', { jobId });
    if (job.state !== 'running') break;
    // The worker reports done = total when the last row is written; then come the search index and the SQL COMMIT.
    if (!allRowsAt && job.total > 0 && job.done >= job.total) allRowsAt = performance.now();
    await new Promise((r) => setTimeout(r, 25));
  }
  lap('commit');
  const rowsMs = (allRowsAt || performance.now()) - commitStart;
  phases.commitRows = rowsMs;
  phases.commitEnd = phases.commit! - rowsMs;
  const wallMs = performance.now() - wallStart;
  // The worker checkpoints the WAL into the database after the import is done, in the background:
  // not part of the wall time, but work the machine does, so it is measured too (until the WAL is all copied).
  for (;;) {
    const [r] = db.maintenance((sqlite) => sqlite.pragma('wal_checkpoint(PASSIVE)')) as { busy: number; log: number; checkpointed: number }[];
    if (r && !r.busy && r.log === r.checkpointed) break;
    await new Promise((res) => setTimeout(res, 25));
  }
  lap('checkpoint');
  clearInterval(sampler);
  if (job.state !== 'done') throw new Error(`import job ${job.state}: ${JSON.stringify(job.error)}`);
  await call('import.discard', { uploadId });
  const count = (sql: string): number => (db.sqlite.prepare(sql).get() as { n: number }).n;
  const out: ImportOut = {
    phases,
    wallMs,
    analysis: Object.fromEntries(Object.entries(analysis).filter(([, v]) => typeof v === 'number')) as Record<string, number>,
    summary: job.summary!,
    customers: count('SELECT count(*) AS n FROM customers'),
    changeLog: count('SELECT count(*) AS n FROM change_log'),
    searchDocs: count('SELECT count(*) AS n FROM search_docs'),
    rssMiB: peakRssMiB(),
    importRssMiB: importPeakMiB,
    rssBeforeMiB,
    sampled,
  };
  host.close();
  return out;
}

async function exportChild({ dataDir, file }: { dataDir: string; file: string }): Promise<{ ms: number; rows: number; bytes: number; rssMiB: number }> {
  const { host, session } = await openBench(dataDir, false);
  const { exportCustomers } = await import('../src-main/services/customers/export');
  const { customerExportSchema } = await import('../src-shared/customers/schemas');
  const { translator } = await import('../src-main/i18n');
  const db = host.workspace.db!;
  const start = performance.now();
  // What customers.export runs (the handler then reads the file back for the renderer), all columns.
  const { rows } = await exportCustomers(db, session.user!, customerExportSchema.parse({}), file, translator('zh-CN'));
  const ms = performance.now() - start;
  host.close();
  return { ms, rows, bytes: statSync(file).size, rssMiB: peakRssMiB() };
}

/**
 * ExcelJS's streaming writer writing the values of our export file (read back first, untimed),
 * with the same number formats. `plain`: the ordinary API (addRow(values) with null for an
 * empty cell, numFmt set on each formatted cell). `tuned`: the two things our writer does
 * (no cell for an empty value, one shared style object per column), i.e. ExcelJS at its best.
 */
async function exceljsWrite({ source, file, tuned }: { source: string; file: string; tuned: boolean }): Promise<{ ms: number; rows: number; bytes: number }> {
  const { readRows } = await import('../src-main/services/import/read');
  type V = { v: string | number | boolean | Date | null; fmt?: string };
  const rows: V[][] = [];
  let width = 0;
  await readRows(source, 0, (row) => {
    width = Math.max(width, row.cells.length);
    rows.push(
      row.cells.map((c): V => {
        switch (c.type) {
          case 'text':
            return { v: c.text };
          case 'number':
            return { v: c.value, ...(c.format !== 'General' ? { fmt: c.format } : {}) };
          case 'date':
            return { v: new Date(`${c.date}T${c.time ?? '00:00:00'}Z`), fmt: c.format };
          case 'boolean':
            return { v: c.value };
          default:
            return { v: null };
        }
      }),
    );
  });
  const start = performance.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('客户');
  const styles = new Map<string, { numFmt?: string }>();
  const styleOf = (col: number, x: V): { numFmt?: string } => {
    const key = `${col}:${x.fmt ?? ''}:${x.v instanceof Date ? 'date' : typeof x.v}`;
    let style = styles.get(key);
    if (!style) styles.set(key, (style = x.fmt ? { numFmt: x.fmt } : {}));
    return style;
  };
  for (const values of rows) {
    if (tuned) {
      const row = ws.addRow(Array.from({ length: width }, (_, i) => values[i]?.v ?? undefined));
      values.forEach((x, i) => {
        if (x.v !== null) (row.getCell(i + 1) as { style: object }).style = styleOf(i, x);
      });
      row.commit();
    } else {
      const row = ws.addRow(values.map((x) => x.v));
      values.forEach((x, i) => {
        if (x.fmt) row.getCell(i + 1).numFmt = x.fmt;
      });
      row.commit();
    }
  }
  ws.commit();
  await wb.commit();
  return { ms: performance.now() - start, rows: rows.length, bytes: statSync(file).size };
}

const CHILDREN: Record<string, (args: never) => Promise<object>> = {
  generate,
  exceljsRead,
  ourRead,
  importChild,
  exportChild,
  exceljsWrite,
} as Record<string, (args: never) => Promise<object>>;

// ====================================================================== parent

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      rows: { type: 'string', default: '100000' },
      inline: { type: 'boolean', default: false },
      keep: { type: 'string' },
      'no-export': { type: 'boolean', default: false },
      'drop-triggers': { type: 'boolean', default: false },
    },
  });
  const rows = Number(values.rows);
  const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'tuoke-bench-import-'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'trade-directory.xlsx');
  const dataDir = join(dir, 'workspace');
  if (existsSync(dataDir)) throw new Error(`${dataDir} exists: --keep needs a new or empty folder`);
  const log = (line = ''): void => void process.stdout.write(`${line}\n`);
  const run = <T>(mode: string, args: object): Promise<T> =>
    new Promise((resolve, reject) => {
      let result: T | undefined;
      const child = fork(self, ['--child', mode, JSON.stringify(args)], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
      child.on('message', (m) => (result = m as T));
      child.on('exit', (code) => (code === 0 && result !== undefined ? resolve(result) : reject(new Error(`${mode} exited with ${code}`))));
    });
  const totalStart = performance.now();
  try {
    const gen = await run<{ ms: number; bytes: number }>('generate', { file, rows, inline: values.inline });
    log(`generated ${rows.toLocaleString('en')} rows × 12 columns (${values.inline ? 'inline strings' : 'shared strings'}): ${(gen.bytes / MiB).toFixed(1)} MiB in ${seconds(gen.ms)}`);
    const excelRead = await run<ReadOut>('exceljsRead', { file });
    log(`ExcelJS streaming read: ${seconds(excelRead.ms)}, ${excelRead.rows} rows, ${excelRead.cells} cells, ${excelRead.replacement} with U+FFFD, peak RSS ${excelRead.rssMiB.toFixed(0)} MiB`);
    const ours = await run<ReadOut>('ourRead', { file });
    log(`our reader (readRows):  ${seconds(ours.ms)}, ${ours.rows} rows, ${ours.cells} cells, ${ours.replacement} with U+FFFD, peak RSS ${ours.rssMiB.toFixed(0)} MiB`);
    const common = { dataDir, file, dropTriggers: values['drop-triggers'] };
    const first = await run<ImportOut>('importChild', { ...common, first: true });
    const brief = (r: ImportOut): string =>
      `${seconds(r.wallMs)} (${Object.entries(r.phases).map(([k, v]) => `${k} ${seconds(v)}`).join(', ')}); ` +
      `analysis ${JSON.stringify(r.analysis)}; summary created ${r.summary.created} filled ${r.summary.filled} skipped ${r.summary.skipped}`;
    log(`import process: ${builtProcess() ? `out/main/importProcess.js, the bundled entry the app runs (built ${new Date(statSync(BUILT_PROCESS).mtimeMs).toISOString()}; BENCH_SOURCE_WORKER=1 runs the sources instead)` : 'src-main/services/import/process.ts through tsx (run `npm run build` first to measure the bundled entry)'}`);
    log(`import #1: ${brief(first)}`);
    const second = await run<ImportOut>('importChild', { ...common, first: false });
    log(`import #2: ${brief(second)}`);
    let exp: { ms: number; rows: number; bytes: number; rssMiB: number } | undefined;
    let expBase: { ms: number; rows: number; bytes: number } | undefined;
    let expTuned: { ms: number; rows: number; bytes: number } | undefined;
    if (!values['no-export']) {
      const exportFile = join(dir, 'export.xlsx');
      exp = await run('exportChild', { dataDir, file: exportFile });
      log(`export: ${exp!.rows} rows, ${(exp!.bytes / MiB).toFixed(1)} MiB in ${seconds(exp!.ms)}, peak RSS ${exp!.rssMiB.toFixed(0)} MiB`);
      expBase = await run('exceljsWrite', { source: exportFile, file: join(dir, 'export-baseline.xlsx'), tuned: false });
      log(`ExcelJS streaming write of the same values (plain API): ${expBase!.rows} rows, ${(expBase!.bytes / MiB).toFixed(1)} MiB in ${seconds(expBase!.ms)}`);
      expTuned = await run('exceljsWrite', { source: exportFile, file: join(dir, 'export-baseline-tuned.xlsx'), tuned: true });
      log(`ExcelJS streaming write of the same values (tuned: no empty cells, shared styles): ${(expTuned!.bytes / MiB).toFixed(1)} MiB in ${seconds(expTuned!.ms)}`);
    }

    // ------------------------------------------------------------ table
    const table: [string, string, string, string][] = [];
    const line = (what: string, target: string, measured: string, ok: boolean | null): void =>
      void table.push([what, target, measured, ok === null ? '' : ok ? 'ok' : 'MISS']);
    const importLines = (label: string, r: ImportOut, targetMs: number, targetText: string): void => {
      const p = r.phases;
      line(`${label} wall (upload → commit done)`, targetText, seconds(r.wallMs), r.wallMs <= targetMs);
      line('  upload + sheets + preview', '', seconds(p.upload! + p.sheets! + p.preview!), null);
      line('  read + clean + analyze', '', seconds(p.analyze!), null);
      const before = p.upload! + p.sheets! + p.preview! + p.analyze!;
      line('  everything before the commit (info)', '', `${seconds(before)} = ${(before / excelRead.ms).toFixed(2)}× read`, null);
      line('  commit (import process)', '', seconds(p.commit!), null);
      line('    write rows / search index + COMMIT', '', `${seconds(p.commitRows!)} / ${seconds(p.commitEnd!)}`, null);
      line('  WAL checkpoint after done (background, not in wall)', '', seconds(p.checkpoint!), null);
      line(`  wall / ExcelJS read`, '', `${(r.wallMs / excelRead.ms).toFixed(1)}×`, null);
      line(`  rows/s (${r.analysis.total!.toLocaleString('en')} rows)`, '', Math.round(r.analysis.total! / (r.wallMs / 1000)).toLocaleString('en'), null);
      line(`${label} peak RSS of the import process (VmHWM)`, '≤ 400 MB', `${(r.importRssMiB * 1.048576).toFixed(0)} MB`, r.importRssMiB * 1.048576 <= 400);
      line(`  window's process peak RSS (maxRSS, for comparison)`, '', `${(r.rssMiB * 1.048576).toFixed(0)} MB`, null);
      const s = r.sampled;
      const mb = (x: { rss: number; heap: number } | undefined): string => (x ? `${(x.rss * 1.048576).toFixed(0)}/${(x.heap * 1.048576).toFixed(0)}` : '-');
      line("  window's process sampled RSS/heap MB: before, preview, analyze, commit, checkpoint", '', `${(r.rssBeforeMiB * 1.048576).toFixed(0)}, ${mb(s.preview)}, ${mb(s.analyze)}, ${mb(s.commit)}, ${mb(s.checkpoint)}`, null);
      line(`  result`, '', `created ${r.summary.created}, skipped ${r.summary.skipped}, rejected ${r.summary.rejected}`, null);
    };
    line('ExcelJS streaming read (baseline)', '', seconds(excelRead.ms), null);
    line('our reader alone (readRows)', '', seconds(ours.ms), null);
    importLines('import #1', first, 1.5 * excelRead.ms, `≤ 1.5× read = ${seconds(1.5 * excelRead.ms)}`);
    importLines('import #2 (all duplicates, skip)', second, first.wallMs, `≤ import #1 = ${seconds(first.wallMs)}`);
    if (exp && expBase && expTuned) {
      line('ExcelJS streaming write, plain API (baseline)', '', seconds(expBase.ms), null);
      line('ExcelJS streaming write, tuned (for reference)', '', seconds(expTuned.ms), null);
      line(`export ${exp.rows.toLocaleString('en')} customers (all columns)`, `≤ 1.3× write = ${seconds(1.3 * expBase.ms)}`, seconds(exp.ms), exp.ms <= 1.3 * expBase.ms);
      line('  same, against the tuned ExcelJS write', `≤ 1.3× = ${seconds(1.3 * expTuned.ms)}`, `${(exp.ms / expTuned.ms).toFixed(2)}×`, exp.ms <= 1.3 * expTuned.ms);
      line('  export peak RSS', '', `${(exp.rssMiB * 1.048576).toFixed(0)} MB`, null);
    }
    const width = (s: string): number => Array.from(s).reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
    const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - width(s)));
    const cols = [0, 1, 2].map((i) => Math.max(...table.map((r) => width(r[i]!)), ['line', 'target', 'measured'][i]!.length));
    log('');
    if (values['drop-triggers']) log('!!! --drop-triggers: change-log and search-index insert triggers DROPPED (report only, not a valid configuration)');
    log(`${pad('line', cols[0]!)}  ${pad('target', cols[1]!)}  ${pad('measured', cols[2]!)}  ok`);
    log('-'.repeat(cols[0]! + cols[1]! + cols[2]! + 10));
    for (const r of table) log(`${pad(r[0], cols[0]!)}  ${pad(r[1], cols[1]!)}  ${pad(r[2], cols[2]!)}  ${r[3]}`);
    log('');
    log(`database after import #2: ${second.customers.toLocaleString('en')} customers, ${second.changeLog.toLocaleString('en')} change-log rows, ${second.searchDocs.toLocaleString('en')} search docs`);
    log(`total bench time ${seconds(performance.now() - totalStart)}; files in ${dir}${values.keep ? '' : ' (removed)'}`);
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  const [, , , mode = '', args = '{}'] = process.argv;
  const fn = CHILDREN[mode];
  if (!fn) throw new Error(`unknown child ${mode}`);
  const out = await fn(JSON.parse(args) as never);
  process.send!(out);
  process.disconnect?.();
} else {
  await main();
}
