// The postinstall step as a plan: which better-sqlite3 and Electron, which folder, when it skips; and its skip path for
// real (CI installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1 and `npm ci` runs postinstall, so it must exit 0 quietly).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { planProvision, type PlanInput } from '../../tools/provision-electron-sqlite.mjs';

const SCRIPT = resolve(import.meta.dirname, '../../tools/provision-electron-sqlite.mjs');
const input = (over: Partial<PlanInput>): PlanInput => ({
  env: {},
  args: [],
  nodeModules: '/src/lavka/node_modules',
  platform: 'win32',
  arch: 'x64',
  electronVersion: '41.7.1',
  betterSqlite3Version: '12.11.1',
  exists: () => false,
  ...over,
});

describe('provisioning plan', () => {
  it('fetches the prebuilt for the installed Electron, else builds against Electron’s headers, into its own folder', () => {
    const plan = planProvision(input({}));
    expect(plan).toMatchObject({ action: 'provision', electronVersion: '41.7.1', betterSqlite3Version: '12.11.1' });
    if (plan.action !== 'provision') throw new Error('expected a provision plan');
    expect(plan.target).toBe(
      join('/src/lavka/node_modules/.lavka-electron', 'better-sqlite3-12.11.1', 'electron-41.7.1-win32-x64', 'better_sqlite3.node'),
    );
    expect(plan.target).not.toContain(join('better-sqlite3', 'build'));
    expect(plan.prebuildArgs.join(' ')).toContain('--runtime electron --target 41.7.1 --arch x64 --platform win32');
    expect(plan.gypArgs).toEqual(expect.arrayContaining(['--target=41.7.1', '--dist-url=https://electronjs.org/headers']));
  });

  it('skips when Electron’s binary download is skipped, when Electron is absent, or when the build is already there', () => {
    expect(planProvision(input({ env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } }))).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/ELECTRON_SKIP_BINARY_DOWNLOAD/),
    });
    expect(planProvision(input({ env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '0' } })).action).toBe('provision');
    expect(planProvision(input({ electronVersion: null }))).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/Electron is not installed/),
    });
    expect(planProvision(input({ exists: () => true }))).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/already provisioned/),
    });
    expect(planProvision(input({ env: { LAVKA_SKIP_ELECTRON_SQLITE: '1' } })).action).toBe('skip');
  });

  it('--force (npm run provision:electron) rebuilds even when present', () => {
    expect(planProvision(input({ args: ['--force'], exists: () => true })).action).toBe('provision');
  });

  it('the real script prints one line and exits 0 when Electron is skipped', () => {
    const r = spawnSync(process.execPath, [SCRIPT], { env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^Lavka: Electron build of better-sqlite3 skipped — ELECTRON_SKIP_BINARY_DOWNLOAD=1/),
    ]);
    expect(r.stderr).toBe('');
  });
});
