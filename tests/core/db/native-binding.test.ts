// Which better-sqlite3 build a process loads: Node → npm's own; Electron → the provisioned Electron build; none → an
// error that names the fix. The folder layout must match what the postinstall step writes.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  chooseNativeBinding,
  electronBuildPath,
  ELECTRON_BUILDS_DIR,
  NativeBindingMissingError,
  type BindingInput,
} from '../../../main/core/db/native-binding';
import * as provision from '../../../tools/provision-electron-sqlite.mjs';

const base = (over: Partial<BindingInput>): BindingInput => ({
  versions: { node: '20.19.0' },
  platform: 'linux',
  arch: 'x64',
  betterSqlite3Version: '12.11.1',
  searchRoots: ['/res/lavka-electron', '/app/node_modules/.lavka-electron'],
  exists: () => false,
  ...over,
});

describe('native binding choice', () => {
  it('plain Node uses npm’s build (no nativeBinding option)', () => {
    expect(chooseNativeBinding(base({ exists: () => true }))).toEqual({ runtime: 'node' });
  });

  it('Electron uses the build provisioned for its exact version, platform and arch', () => {
    const want = join('/app/node_modules/.lavka-electron', 'better-sqlite3-12.11.1', 'electron-41.7.1-linux-x64', 'better_sqlite3.node');
    const choice = chooseNativeBinding(base({ versions: { node: '22.0.0', electron: '41.7.1' }, exists: (p) => p === want }));
    expect(choice).toEqual({ runtime: 'electron', nativeBinding: want });
  });

  it('a packaged app’s resources folder wins over node_modules', () => {
    const choice = chooseNativeBinding(base({ versions: { node: '22.0.0', electron: '41.7.1' }, exists: () => true }));
    expect(choice.nativeBinding).toBe(
      join('/res/lavka-electron', 'better-sqlite3-12.11.1', 'electron-41.7.1-linux-x64', 'better_sqlite3.node'),
    );
  });

  it('a build for another Electron version is not used; the error says how to fix it', () => {
    const other = join('/app/node_modules/.lavka-electron', electronBuildPath('12.11.1', '40.0.0', 'linux', 'x64'));
    const choose = () => chooseNativeBinding(base({ versions: { node: '22.0.0', electron: '41.7.1' }, exists: (p) => p === other }));
    expect(choose).toThrow(NativeBindingMissingError);
    expect(choose).toThrow(/Electron 41\.7\.1.*npm run provision:electron/s);
  });

  it('looks exactly where the postinstall step writes', () => {
    expect(provision.ELECTRON_BUILDS_DIR).toBe(ELECTRON_BUILDS_DIR);
    expect(provision.electronBuildPath('1.2.3', '41.0.0', 'darwin', 'arm64')).toBe(electronBuildPath('1.2.3', '41.0.0', 'darwin', 'arm64'));
  });
});
