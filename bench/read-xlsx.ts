/**
 * Prints what streaming a large Chinese .xlsx through the import reader costs:
 * time and peak RSS of a process that only reads (the workbook is written by
 * another process first, so the writer's memory does not count), and whether
 * every cell came back exactly (no U+FFFD from split UTF-8 characters).
 *
 *   npx tsx bench/read-xlsx.ts [rows=100000] [--shared-strings]
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRows } from '../src-main/services/import/read';
import { BIG_COLUMNS, bigCellText, writeBigWorkbook } from '../tests/service/import-read-bigfile';

const [mode, ...args] = process.argv.slice(2);

if (mode === '--write') {
  const [file = '', rows = '0', shared = ''] = args;
  await writeBigWorkbook(file, Number(rows), shared === 'shared');
} else if (mode === '--read') {
  const [file = ''] = args;
  const start = performance.now();
  let rows = 0;
  let wrong = 0;
  let replacement = 0;
  const result = await readRows(file, 0, (row) => {
    rows++;
    for (let c = 0; c < BIG_COLUMNS; c++) {
      const cell = row.cells[c];
      const text = cell?.type === 'text' ? cell.text : '';
      if (text.includes('\ufffd')) replacement++;
      if (text !== bigCellText(row.index, c)) wrong++;
    }
  });
  const ms = performance.now() - start;
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  console.log(
    `read ${rows} rows (rowCount ${result.rowCount}) in ${(ms / 1000).toFixed(2)} s, peak RSS ${peakMiB.toFixed(0)} MiB; ` +
      `${wrong} wrong cells, ${replacement} with U+FFFD`,
  );
} else {
  const rows = Number(mode ?? 100_000) || 100_000;
  const shared = args.includes('--shared-strings') || mode === '--shared-strings';
  const dir = mkdtempSync(join(tmpdir(), 'tuoke-bench-'));
  const file = join(dir, 'big.xlsx');
  const self = fileURLToPath(import.meta.url);
  const run = (argv: string[]) =>
    new Promise<void>((resolve, reject) =>
      fork(self, argv, { stdio: 'inherit' }).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`)))),
    );
  try {
    const t0 = performance.now();
    await run(['--write', file, String(rows), shared ? 'shared' : 'inline']);
    const size = statSync(file).size / 2 ** 20;
    console.log(
      `wrote ${rows} × ${BIG_COLUMNS} Chinese text cells (${shared ? 'shared strings' : 'inline str cells'}): ` +
        `${size.toFixed(1)} MiB in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    await run(['--read', file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
