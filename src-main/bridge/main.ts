/**
 * Starts the test bridge:
 *   tsx src-main/bridge/main.ts --data-dir DIR [--port N] [--renderer out/renderer]
 * Prints `TUOKE_BRIDGE_URL=<url with token>` once it listens; open that URL in a browser.
 *
 * For tests: TUOKE_TEST_NOW=<ISO date-time> starts the bridge's clock at that
 * instant and lets it run forward (see testClock.ts). The Electron app ignores it.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sourceMigrationsFolder } from '../db/migrate';
import { createHost } from '../host';
import { forkImportProcess } from '../services/import/remote';
import { startBridge } from './server';
import { runningClock, testNowFromEnv } from './testClock';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    renderer: { type: 'string', default: 'out/renderer' },
  },
});
if (!values['data-dir']) {
  process.stderr.write('usage: bridge --data-dir DIR [--port N] [--renderer DIR]\n');
  process.exit(2);
}
let pinned: number | undefined;
try {
  pinned = testNowFromEnv();
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(2);
}
const dataDir = resolve(values['data-dir']);
mkdirSync(dataDir, { recursive: true });
// Imports run in their own process here too, as in the app: the sources through tsx.
const host = createHost({
  dataDir,
  migrationsFolder: sourceMigrationsFolder(),
  // Takes the workspace lock while a tab has the workspace open; another program then gets WORKSPACE_LOCKED.
  program: 'bridge',
  ...(pinned === undefined ? {} : { clock: runningClock(pinned) }),
  importProcess: forkImportProcess(new URL('../services/import/process.ts', import.meta.url), ['--import', 'tsx']),
});
const bridge = await startBridge({
  host,
  rendererDir: resolve(values.renderer),
  hostname: values.host,
  port: Number(values.port),
});
process.stdout.write(`TUOKE_BRIDGE_URL=${bridge.url}\n`);
// For a person running `npm run dev:web`: what the line above is and how to stop (the tests read only the line above).
process.stdout.write(
  [
    '',
    '拓客已在本机启动（测试桥）。请在浏览器中打开上面 TUOKE_BRIDGE_URL= 后面的地址。',
    '地址里的 token 每次启动都会重新生成，只对这次运行有效，请勿分享。按 Ctrl+C 停止。',
    'Tuoke is running (test bridge). Open the address after TUOKE_BRIDGE_URL= above in a browser.',
    'Its token is new every time the bridge starts and only valid for this run; keep it private. Press Ctrl+C to stop.',
    '',
  ].join('\n'),
);

const stop = (): void => {
  void bridge.close().then(() => {
    host.close();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
