// Shared Playwright fixtures: a fresh `serve` per test on a temp data dir, and screenshots kept in artifacts/
// (outside Playwright's outputDir, which every run wipes).
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServe, type ServeProcess } from '../helpers/serve-process';

export const SHOTS_DIR = join(import.meta.dirname, '../../artifacts/screenshots');

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const path = join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

interface Fixtures {
  serveOptions: Parameters<typeof startServe>[0];
  lavka: ServeProcess;
}

export const test = base.extend<Fixtures>({
  serveOptions: [{ demo: true }, { option: true }],
  lavka: async ({ serveOptions }, use) => {
    const s = await startServe(serveOptions);
    await use(s);
    await s.stop();
    // An answer outside its declared output is a contract bug even when the screen happened to cope with it.
    expect(s.output(), 'API answers outside their declared outputs').not.toContain('answered outside its declared output');
  },
});

export { expect };
