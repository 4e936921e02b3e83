// Starts the real headless server (`node out/main/serve.js`) on a temp data dir for e2e and crash tests.
// Needs a build first (npm test runs `electron-vite build`).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface ServeProcess {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  proc: ChildProcess;
  output(): string;
  /** POST /api/<method> with the token; returns the envelope. */
  api<T = unknown>(method: string, input?: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string; message: string } }>;
  stop(): Promise<number | null>;
  kill(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../..');
// LAVKA_OUT lets parallel work use its own copy of the build (e.g. .out-orders) while `out/` is being rebuilt.
export const SERVE_JS = join(ROOT, process.env.LAVKA_OUT ?? 'out', 'main/serve.js');

export async function startServe(
  opts: { dataDir?: string; demo?: boolean; env?: Record<string, string>; args?: string[] } = {},
): Promise<ServeProcess> {
  if (!existsSync(SERVE_JS)) throw new Error('out/main/serve.js is missing: run `npx electron-vite build` first');
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'lavka-e2e-'));
  const token = randomBytes(18).toString('base64url');
  const args = [SERVE_JS, '--data-dir', dataDir, '--port', '0', ...(opts.demo ? ['--demo'] : []), ...(opts.args ?? [])];
  const proc = spawn(process.execPath, args, {
    // Journeys check every API answer against its declared output, as unit tests do (main/core/api/dispatch.ts).
    env: { ...process.env, LAVKA_CHECK_OUTPUTS: '1', LAVKA_TOKEN: token, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += String(d)));
  proc.stderr!.on('data', (d) => (out += String(d)));
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`serve did not start in 20 s:\n${out}`)), 20_000);
    const check = () => {
      const m = /Lavka is running at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    };
    proc.stdout!.on('data', check);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
  const origin = new URL(url).origin;
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return {
    url,
    origin,
    token,
    dataDir,
    proc,
    output: () => out,
    async api(method, input) {
      const res = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      return (await res.json()) as never;
    },
    async stop() {
      if (proc.exitCode !== null) return proc.exitCode;
      proc.kill('SIGINT');
      return exited;
    },
    async kill() {
      if (proc.exitCode !== null) return;
      proc.kill('SIGKILL');
      await exited;
    },
  };
}
