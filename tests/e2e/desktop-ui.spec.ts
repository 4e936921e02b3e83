// The desktop window's own UI in Chromium, where no Electron exists: the page gets a stand-in for the preload's
// bridge (calls go to a real `serve` over HTTP; the shell's parts are recorded). Covers "Starting…" until the core is
// up, the failed-start message, Settings → Desktop and About, and the WhatsApp browser chosen by the file dialog
// instead of a typed path.
import type { Page } from '@playwright/test';
import { test, expect, shot } from './fixtures';

/** Installs window.lavka before the app's scripts run; the core's state is driven with window.__setCore(). */
async function standInBridge(page: Page): Promise<void> {
  await page.addInitScript(() => {
    type Status = { state: string; message?: string };
    const w = window as unknown as Record<string, unknown>;
    let status: Status = { state: 'starting' };
    const listeners = new Set<(s: Status) => void>();
    const held: (() => void)[] = [];
    const shellCalls: string[] = [];
    let settings = { keepRunning: true, notifyEachMessage: true, openAtLogin: false, hideHintShown: false };
    w.__shellCalls = shellCalls;
    w.__setCore = (s: Status) => {
      status = s;
      for (const l of listeners) l(s);
      if (s.state === 'ready') for (const go of held.splice(0)) go();
    };
    const post = (name: string, input: unknown) =>
      fetch(`/api/${name}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-lavka-token': document.querySelector<HTMLMetaElement>('meta[name="lavka-token"]')?.content ?? '',
        },
        body: JSON.stringify(input ?? {}),
      }).then((r) => r.json());
    w.lavka = {
      // Like the preload: calls wait until the core process is ready.
      call: (name: string, input: unknown) =>
        status.state === 'ready' ? post(name, input) : new Promise((res) => held.push(() => res(post(name, input)))),
      onEvent: () => () => {},
      saveDownload: async () => ({ ok: false, canceled: true }),
      onCoreStatus: (fn: (s: Status) => void) => {
        listeners.add(fn);
        fn(status);
        return () => listeners.delete(fn);
      },
      onOpenConversation: () => () => {},
      desktop: {
        info: async () => ({ version: '0.1.0', dataDir: '/home/owner/.config/Lavka', logsDir: '/home/owner/.config/Lavka/logs' }),
        settings: async () => settings,
        updateSettings: async (patch: Partial<typeof settings>) => {
          shellCalls.push(`updateSettings ${JSON.stringify(patch)}`);
          settings = { ...settings, ...patch };
          return settings;
        },
        chooseBrowser: async () => {
          shellCalls.push('chooseBrowser');
          return { ok: false, canceled: true };
        },
        clearBrowser: async () => ({ ok: true }),
        openLogsFolder: async () => void shellCalls.push('openLogsFolder'),
        openDataFolder: async () => void shellCalls.push('openDataFolder'),
      },
    };
  });
}

test('the window shows "Starting…" at once and the inbox when the core is ready', async ({ page, lavka }) => {
  await standInBridge(page);
  await page.goto(lavka.url);
  await expect(page.getByTestId('boot')).toHaveText('Starting Lavka…');
  await shot(page, 'desktop-starting');
  await page.evaluate(() => (window as unknown as { __setCore(s: unknown): void }).__setCore({ state: 'ready' }));
  await expect(page.getByTestId('conversation-list')).toBeVisible();
});

test('a core that cannot start says why instead of spinning', async ({ page, lavka }) => {
  await standInBridge(page);
  await page.goto(lavka.url);
  await page.evaluate(() =>
    (window as unknown as { __setCore(s: unknown): void }).__setCore({
      state: 'failed',
      message: 'Lavka is already running with this data folder (pid 4242).',
    }),
  );
  await expect(page.getByTestId('core-failed')).toContainText('Lavka is already running with this data folder (pid 4242)');
  await shot(page, 'desktop-start-failed');
});

test('Settings → Desktop and About; WhatsApp’s browser is chosen with the file dialog, not typed', async ({ page, lavka }) => {
  await standInBridge(page);
  await page.goto(lavka.url);
  await page.evaluate(() => (window as unknown as { __setCore(s: unknown): void }).__setCore({ state: 'ready' }));
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-desktop').click();
  await expect(page.getByTestId('desktop-keep-running')).toBeChecked();
  await page.getByTestId('desktop-keep-running').uncheck();
  await expect(page.getByTestId('desktop-keep-running')).not.toBeChecked();
  await shot(page, 'desktop-settings');

  await page.getByTestId('settings-tab-about').click();
  await expect(page.getByTestId('about-version')).toContainText('0.1.0');
  await expect(page.getByTestId('about-data-dir')).toHaveText('/home/owner/.config/Lavka');
  await page.getByTestId('about-open-logs').click();
  await shot(page, 'desktop-about');

  await page.getByTestId('settings-tab-channels').click();
  await expect(page.getByTestId('whatsapp-browser-input')).toHaveCount(0);
  await page.getByTestId('desktop-choose-browser').first().click();
  await shot(page, 'desktop-whatsapp-browser');
  expect(await page.evaluate(() => (window as unknown as { __shellCalls: string[] }).__shellCalls)).toEqual([
    'updateSettings {"keepRunning":false}',
    'openLogsFolder',
    'chooseBrowser',
  ]);
});
