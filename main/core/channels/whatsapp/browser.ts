// Finds a Chrome/Chromium for whatsapp-web.js. Puppeteer's own browser download is not available, so Lavka uses
// one the computer already has: the path from Settings, then environment overrides, then the usual install places.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type BrowserLookup = { ok: true; path: string; source: 'settings' | 'env' | 'detected' } | { ok: false; error: string };

export interface BrowserLookupInput {
  configured: string | null;
  env: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  exists?: (path: string) => boolean;
}

export const NO_BROWSER_MESSAGE =
  'WhatsApp needs Google Chrome or Chromium on this computer, and Lavka could not find one. Install Google Chrome, or enter the path to Chrome or Chromium in Settings → Channels → WhatsApp.';

export function browserCandidates(env: Record<string, string | undefined>, platform: NodeJS.Platform): string[] {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((x): x is string => !!x);
    return roots.flatMap((r) => [
      join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(r, 'Chromium', 'Application', 'chrome.exe'),
      join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      ...(env.HOME ? [join(env.HOME, 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome')] : []),
    ];
  }
  return [
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge',
    '/opt/google/chrome/chrome',
  ];
}

export function findBrowser(input: BrowserLookupInput): BrowserLookup {
  const exists = input.exists ?? existsSync;
  const platform = input.platform ?? process.platform;
  const configured = input.configured?.trim();
  if (configured) {
    return exists(configured)
      ? { ok: true, path: configured, source: 'settings' }
      : {
          ok: false,
          error: `There is no browser at "${configured}". Correct the path in Settings → Channels → WhatsApp, or clear it to let Lavka look for one.`,
        };
  }
  for (const key of ['LAVKA_CHROME_PATH', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH']) {
    const p = input.env[key]?.trim();
    if (p && exists(p)) return { ok: true, path: p, source: 'env' };
  }
  const hit = browserCandidates(input.env, platform).find((p) => exists(p));
  return hit ? { ok: true, path: hit, source: 'detected' } : { ok: false, error: NO_BROWSER_MESSAGE };
}
