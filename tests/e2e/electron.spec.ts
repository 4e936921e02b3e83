// The desktop journey in the real Electron window, where an Electron binary is installed; skips with the reason where
// it is not (CI installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1, so the binary cannot be there). Launch on a fresh data
// folder → "Starting…" then setup → a sandbox customer's message arrives → closing the window hides Lavka to the tray
// with the core still running → launching again brings the window back.
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect, shot } from './fixtures';

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, process.env.LAVKA_OUT ?? 'out', 'main/index.js');

function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown as string;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const bin = electronBinary();
const SKIP_REASON =
  'No Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); the same UI is tested in Chromium via serve.';

async function launch(dataDir: string, args: string[] = []): Promise<ElectronApplication> {
  return electron.launch({ executablePath: bin!, args: [MAIN, '--no-sandbox', ...args], env: { ...process.env, LAVKA_DATA_DIR: dataDir } });
}

test('desktop: first start, a customer writes, close to tray, reopen', async () => {
  if (!bin) console.log(`SKIPPED Electron journey: ${SKIP_REASON}`);
  test.skip(!bin, SKIP_REASON);
  const dataDir = mkdtempSync(join(tmpdir(), 'lavka-electron-'));
  const app = await launch(dataDir);
  try {
    const page = await app.firstWindow();
    // The UI is served from app://lavka, and the page sees only the bridge: no Node, no require.
    expect(page.url()).toMatch(/^app:\/\/lavka\//);
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof window.lavka?.call)).toBe('function');

    await expect(page.getByTestId('setup')).toBeVisible();
    await page.getByTestId('setup-name').fill('Desktop Bakery');
    await page.getByTestId('setup-description').fill('Bread and cakes');
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-finish').click();
    await expect(page.getByTestId('conversation-list')).toBeVisible();

    await page.getByTestId('try-as-customer').click();
    await page.getByTestId('sandbox-name').fill('Olga Desktop');
    await page.getByTestId('sandbox-input').fill('Do you have rye bread today?');
    await page.getByTestId('sandbox-send').click();
    await expect(page.getByTestId('conversation-row').filter({ hasText: 'Olga Desktop' })).toBeVisible();
    await shot(page, 'electron-inbox');

    // Close the window: Lavka hides to the tray; the app and its core keep running.
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].close());
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()))).toEqual([false]);
    expect(JSON.parse(readFileSync(join(dataDir, 'desktop.json'), 'utf8'))).toMatchObject({ hideHintShown: true });

    // Launching Lavka again focuses the running one instead of starting a second copy.
    const second = await launch(dataDir).catch(() => null);
    await second?.close().catch(() => {});
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()))).toEqual([true]);
    await expect(page.getByTestId('conversation-row').filter({ hasText: 'Olga Desktop' })).toBeVisible();
  } finally {
    // Quit for real (the tray's Quit): the core closes the database cleanly.
    await app.evaluate(({ app: a }) => a.quit()).catch(() => {});
    await app.close().catch(() => {});
  }
});
