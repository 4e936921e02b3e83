// @ts-check
// postinstall: provides better-sqlite3 for Electron next to npm's Node build. npm builds better-sqlite3 for the system
// Node (tests, `npm run serve`, bench); the desktop app's core runs inside Electron, which needs a build for Electron's
// ABI. This fetches the official prebuilt for the installed Electron (prebuild-install, which better-sqlite3 already
// uses) or else compiles it against Electron's headers, into node_modules/.lavka-electron/ — never over npm's build.
// The plan is a pure function (tested); the runner below only executes it. Never fails `npm install`: a failed
// provisioning prints what to do, and the desktop app shows the same fix if it starts without the build.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Must match ELECTRON_BUILDS_DIR / electronBuildPath in main/core/db/native-binding.ts (a test checks). */
export const ELECTRON_BUILDS_DIR = '.lavka-electron';
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

/**
 * @param {string} bsq better-sqlite3 version
 * @param {string} electron Electron version
 * @param {string} platform
 * @param {string} arch
 */
export function electronBuildPath(bsq, electron, platform, arch) {
  return join(`better-sqlite3-${bsq}`, `electron-${electron}-${platform}-${arch}`, 'better_sqlite3.node');
}

/**
 * @typedef {{
 *   env: Record<string, string | undefined>,
 *   args: string[],
 *   nodeModules: string,
 *   platform: string,
 *   arch: string,
 *   electronVersion: string | null,
 *   betterSqlite3Version: string | null,
 *   exists: (path: string) => boolean,
 * }} PlanInput
 * @typedef {{ action: 'skip', reason: string }
 *   | { action: 'provision', electronVersion: string, betterSqlite3Version: string, target: string,
 *       prebuildArgs: string[], gypArgs: string[] }} Plan
 */

/** @param {PlanInput} input @returns {Plan} */
export function planProvision(input) {
  const { env } = input;
  const force = input.args.includes('--force');
  if (env.LAVKA_SKIP_ELECTRON_SQLITE === '1') return { action: 'skip', reason: 'LAVKA_SKIP_ELECTRON_SQLITE=1' };
  if (!force && isTrue(env.ELECTRON_SKIP_BINARY_DOWNLOAD)) {
    return {
      action: 'skip',
      reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD=1: no desktop window on this machine; Node (tests, npm run serve) uses npm’s own build',
    };
  }
  if (!input.electronVersion)
    return { action: 'skip', reason: 'Electron is not installed (npm install --omit=dev?); only the headless server can run' };
  if (!input.betterSqlite3Version) return { action: 'skip', reason: 'better-sqlite3 is not installed' };
  const target = join(
    input.nodeModules,
    ELECTRON_BUILDS_DIR,
    electronBuildPath(input.betterSqlite3Version, input.electronVersion, input.platform, input.arch),
  );
  if (!force && input.exists(target))
    return { action: 'skip', reason: `already provisioned for Electron ${input.electronVersion} (${target})` };
  return {
    action: 'provision',
    electronVersion: input.electronVersion,
    betterSqlite3Version: input.betterSqlite3Version,
    target,
    prebuildArgs: [
      '--runtime',
      'electron',
      '--target',
      input.electronVersion,
      '--arch',
      input.arch,
      '--platform',
      input.platform,
      '--verbose',
    ],
    gypArgs: ['rebuild', '--release', `--target=${input.electronVersion}`, `--arch=${input.arch}`, `--dist-url=${ELECTRON_HEADERS_URL}`],
  };
}

/** @param {string | undefined} v */
function isTrue(v) {
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** @param {string} file @returns {string | null} */
function versionOf(file) {
  try {
    return /** @type {{ version: string }} */ (JSON.parse(readFileSync(file, 'utf8'))).version;
  } catch {
    return null;
  }
}

/** @param {string} cmd @param {string[]} args @param {string} cwd @param {Record<string, string | undefined>} env */
function run(cmd, args, cwd, env) {
  const r = spawnSync(cmd, args, { cwd, env, stdio: 'inherit', shell: process.platform === 'win32' && !cmd.endsWith('.js') });
  return r.status === 0;
}

/** Executes a provision plan in a scratch copy of better-sqlite3, then copies the one .node file into place. */
function execute(/** @type {Extract<Plan, {action: 'provision'}>} */ plan, /** @type {string} */ nodeModules) {
  const require = createRequire(join(nodeModules, 'better-sqlite3', 'package.json'));
  const work = mkdtempSync(join(tmpdir(), 'lavka-electron-sqlite-'));
  const pkg = join(work, 'better-sqlite3');
  try {
    cpSync(join(nodeModules, 'better-sqlite3'), pkg, {
      recursive: true,
      filter: (src) => !/[\\/]build([\\/]|$)/.test(src.slice(nodeModules.length)),
    });
    // Node's own headers (npm_config_nodedir) are wrong for Electron: the build must use Electron's.
    const env = { ...process.env };
    for (const k of Object.keys(env)) if (/^npm_config_(nodedir|target|runtime|disturl|arch)$/i.test(k)) delete env[k];
    const built = join(pkg, 'build', 'Release', 'better_sqlite3.node');
    let how = 'official prebuilt';
    const prebuild = require.resolve('prebuild-install/bin.js');
    if (!run(process.execPath, [prebuild, ...plan.prebuildArgs], pkg, env) || !existsSync(built)) {
      how = 'built from source against Electron headers';
      console.log(
        `Lavka: no prebuilt better-sqlite3 for Electron ${plan.electronVersion}; compiling it (needs python3, make and a C++ compiler)…`,
      );
      const gyp = env.npm_config_node_gyp ?? resolveOptional(require, 'node-gyp/bin/node-gyp.js');
      const ok = gyp ? run(process.execPath, [gyp, ...plan.gypArgs], pkg, env) : run('node-gyp', plan.gypArgs, pkg, env);
      if (!ok || !existsSync(built)) return false;
    }
    mkdirSync(dirname(plan.target), { recursive: true });
    cpSync(built, plan.target);
    writeFileSync(
      join(dirname(plan.target), 'provisioned.json'),
      JSON.stringify(
        { how, electron: plan.electronVersion, betterSqlite3: plan.betterSqlite3Version, date: new Date().toISOString() },
        null,
        2,
      ),
    );
    console.log(`Lavka: better-sqlite3 ${plan.betterSqlite3Version} for Electron ${plan.electronVersion} ready (${how}).`);
    return true;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** @param {NodeJS.Require} require @param {string} id */
function resolveOptional(require, id) {
  try {
    return require.resolve(id);
  } catch {
    return undefined;
  }
}

function main() {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const nodeModules = join(root, 'node_modules');
  const plan = planProvision({
    env: process.env,
    args: process.argv.slice(2),
    nodeModules,
    platform: process.platform,
    arch: process.arch,
    electronVersion: versionOf(join(nodeModules, 'electron', 'package.json')),
    betterSqlite3Version: versionOf(join(nodeModules, 'better-sqlite3', 'package.json')),
    exists: existsSync,
  });
  if (plan.action === 'skip') {
    console.log(`Lavka: Electron build of better-sqlite3 skipped — ${plan.reason}.`);
    return;
  }
  console.log(`Lavka: providing better-sqlite3 ${plan.betterSqlite3Version} for Electron ${plan.electronVersion}…`);
  let ok = false;
  try {
    ok = execute(plan, nodeModules);
  } catch (err) {
    console.error(err);
  }
  if (!ok) {
    console.warn(
      `Lavka: WARNING could not provide better-sqlite3 for Electron ${plan.electronVersion}. The tests and "npm run serve" work; ` +
        'the desktop window needs it: check the internet connection (or install python3, make and a C++ compiler) and run "npm run provision:electron".',
    );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
