import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test as base, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { localDate } from '../../src-shared/dates';
import { TEST_NOW_ENV, parseTestNow, runningClock } from '../../src-main/bridge/testClock';

/**
 * One calendar for the whole e2e run, whatever day and zone it runs in:
 * - the zone: TZ, or Asia/Shanghai (the offices'), for the browser
 *   (Playwright's timezoneId), the bridge (its TZ) and this process's own date
 *   arithmetic;
 * - the instant: TUOKE_TEST_NOW, or DEFAULT_TEST_NOW. Each test starts its
 *   clock there and lets it run forward with real time; the bridge gets the
 *   same instant (TUOKE_TEST_NOW) and the page gets it through Playwright's
 *   clock (page.clock.install, whose timers keep running).
 */
export const E2E_TZ = process.env.TZ || 'Asia/Shanghai';
process.env.TZ = E2E_TZ;
/** Wednesday 2026-11-25 10:00 in Shanghai: mid-week, mid-morning, an ordinary working day. */
export const DEFAULT_TEST_NOW = '2026-11-25T10:00:00+08:00';
const pinnedStart = parseTestNow(process.env[TEST_NOW_ENV] || DEFAULT_TEST_NOW);

export const DAY = 86_400_000;

/** A test's clock: the pinned instant when the test started, plus the real time since. */
export type Now = () => number;
export const startTestClock = (): Now => {
  const clock = runningClock(pinnedStart);
  return () => clock.now();
};

/** The local date 'YYYY-MM-DD' `days` days from the test clock's today. */
export const dayFromToday = (now: Now, days: number): string => {
  const d = new Date(now());
  d.setDate(d.getDate() + days);
  return localDate(d);
};

/** A test bridge in a child process over a fresh workspace folder. */
export type BridgeProcess = { url: string; dataDir: string; stop(): Promise<void> };

/** Starts a bridge whose clock starts at `now()` (the test's clock), in the e2e time zone. */
export const startBridgeProcess = async (now: Now): Promise<BridgeProcess> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tuoke-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', resolve('src-main/bridge/main.ts'), '--data-dir', dataDir, '--renderer', resolve('out/renderer')],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: E2E_TZ, [TEST_NOW_ENV]: new Date(now()).toISOString() } },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`bridge did not start: ${stderr}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /TUOKE_BRIDGE_URL=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`bridge exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

export const SCREENSHOT_DIR = resolve('test-output/screenshots');
mkdirSync(SCREENSHOT_DIR, { recursive: true });

/** Saves a full-page screenshot under test-output/screenshots for a person to look at. */
export const snap = async (page: Page, name: string): Promise<void> => {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
};

/** Gives a browser context the test's zone and clock (for contexts a test opens itself). */
export const pinnedContext = async (browser: Browser, now: Now, options: BrowserContextOptions = {}): Promise<BrowserContext> => {
  const context = await browser.newContext({ ...options, timezoneId: E2E_TZ });
  await context.clock.install({ time: now() });
  return context;
};

export const test = base.extend<{ now: Now; bridge: BridgeProcess }>({
  timezoneId: E2E_TZ,
  now: async ({}, use) => {
    await use(startTestClock());
  },
  // The page's clock is the test's: installed before anything loads, running forward with real time.
  page: async ({ page, now }, use) => {
    await page.clock.install({ time: now() });
    await use(page);
  },
  bridge: async ({ now }, use) => {
    const bridge = await startBridgeProcess(now);
    await use(bridge);
    await bridge.stop();
  },
});

type Result = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** Calls a contract channel from inside the page, as the renderer would; fails the test on an error result. */
export const api = async <T>(page: Page, channel: string, input: unknown): Promise<T> =>
  page.evaluate(
    async ([c, i]) => {
      const r = (await (window as unknown as { api: { invoke(c: string, i: unknown): Promise<Result> } }).api.invoke(c as string, i)) as Result;
      if (!r.ok) throw new Error(`${String(c)}: ${r.error.code} ${r.error.message}`);
      return r.value;
    },
    [channel, input] as const,
  ) as Promise<T>;

/** Logs in through the login form and waits for the user's name in the header. */
export const logInAs = async (page: Page, username: string, password: string, displayName: string): Promise<void> => {
  await page.getByLabel('用户名').fill(username);
  await page.getByRole('textbox', { name: '密码', exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toHaveText(displayName);
};

/** Opens a route of the app (hash routing), as a link would. */
export const go = async (page: Page, path: string): Promise<void> => {
  await page.evaluate((p) => (window.location.hash = `#${p}`), path);
};

/** Waits until every notification has gone, so that none covers what the next step clicks. */
export const quietNotifications = async (page: Page): Promise<void> => {
  // Mantine keeps a notification open while the mouse is over it, and they appear bottom right, where forms
  // have their save buttons: move the mouse out of the way first.
  await page.mouse.move(0, 0);
  await expect(page.locator('.mantine-Notifications-notification')).toHaveCount(0, { timeout: 15_000 });
};

export { expect };
