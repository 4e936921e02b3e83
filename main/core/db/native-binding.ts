// Which compiled better-sqlite3 this process loads. Node (tests, `serve`, bench) uses npm's own build; Electron
// (the desktop core process) needs a build for Electron's ABI, provisioned by tools/provision-electron-sqlite.mjs
// into its own folder so npm's Node build is never replaced. Pure choice + one small impure wrapper.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Folder under node_modules (and under the packaged app's resources) that holds the Electron builds. */
export const ELECTRON_BUILDS_DIR = '.lavka-electron';
/** The same folder in a packaged app: electron-builder copies it to <resources>/lavka-electron (outside the asar). */
export const PACKAGED_BUILDS_DIR = 'lavka-electron';

/** Environment variable through which the shell tells the core process where the packaged Electron builds are. */
export const BUILDS_DIR_ENV = 'LAVKA_ELECTRON_SQLITE_DIR';

export interface BindingInput {
  versions: { node: string; electron?: string };
  platform: string;
  arch: string;
  /** better-sqlite3's version from its package.json: a build is only good for the JavaScript it was made with. */
  betterSqlite3Version: string;
  /** Folders that may hold provisioned builds, tried in order (packaged resources first, then node_modules). */
  searchRoots: string[];
  exists(path: string): boolean;
}

export type BindingChoice = { runtime: 'node'; nativeBinding?: undefined } | { runtime: 'electron'; nativeBinding: string };

export class NativeBindingMissingError extends Error {
  readonly code = 'native_binding_missing';
}

/** Relative path of one Electron build; the provisioning script writes to exactly this place. */
export function electronBuildPath(betterSqlite3Version: string, electronVersion: string, platform: string, arch: string): string {
  return join(`better-sqlite3-${betterSqlite3Version}`, `electron-${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node');
}

export function chooseNativeBinding(input: BindingInput): BindingChoice {
  const electron = input.versions.electron;
  if (!electron) return { runtime: 'node' };
  const rel = electronBuildPath(input.betterSqlite3Version, electron, input.platform, input.arch);
  const candidates = input.searchRoots.map((root) => join(root, rel));
  const hit = candidates.find((p) => input.exists(p));
  if (hit) return { runtime: 'electron', nativeBinding: hit };
  throw new NativeBindingMissingError(
    `Lavka's database engine (better-sqlite3 ${input.betterSqlite3Version}) has no build for Electron ${electron} ` +
      `(${input.platform}-${input.arch}). Looked in: ${candidates.join(', ')}. ` +
      `Fix: connect to the internet and run "npm run provision:electron" in the Lavka folder (npm install does the same), then start Lavka again.`,
  );
}

let cached: BindingChoice | undefined;

/** The choice for this process (memoized): what openDatabase passes to better-sqlite3 as `nativeBinding`. */
export function nativeBindingForThisProcess(): string | undefined {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const pkgFile = require.resolve('better-sqlite3/package.json');
    const nodeModules = dirname(dirname(pkgFile));
    const resources = (process as { resourcesPath?: string }).resourcesPath;
    // The shell also names the folder outright (a packaged app's resources), should this process not know resourcesPath.
    const fromShell = process.env[BUILDS_DIR_ENV];
    cached = chooseNativeBinding({
      versions: process.versions,
      platform: process.platform,
      arch: process.arch,
      betterSqlite3Version: (require(pkgFile) as { version: string }).version,
      searchRoots: [
        ...(fromShell ? [fromShell] : []),
        ...(resources ? [join(resources, PACKAGED_BUILDS_DIR)] : []),
        join(nodeModules, ELECTRON_BUILDS_DIR),
      ],
      exists: existsSync,
    });
  }
  return cached.nativeBinding;
}
