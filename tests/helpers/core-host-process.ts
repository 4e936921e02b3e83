// Forks the built core host (out/main/core-host.js) under plain Node — the same code the desktop runs in an Electron
// utilityProcess — and wraps it as the supervisor's ChildHandle. Needs a build (npm test makes one).
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ChildHandle } from '../../main/host/supervisor';
import type { FromHost, ToHost } from '../../main/host/protocol';

const ROOT = resolve(import.meta.dirname, '../..');
export const CORE_HOST_JS = join(ROOT, process.env.LAVKA_OUT ?? 'out', 'main/core-host.js');

export interface ForkedHost extends ChildHandle {
  proc: ChildProcess;
  output(): string;
}

export function forkCoreHost(env: Record<string, string> = {}): ForkedHost {
  if (!existsSync(CORE_HOST_JS)) throw new Error('out/main/core-host.js is missing: run `npx electron-vite build` first');
  // 'advanced' serialization = structured clone, as in Electron's utilityProcess (Buffers for the secrets key).
  const proc = fork(CORE_HOST_JS, [], {
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, ...env },
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += String(d)));
  proc.stderr!.on('data', (d) => (out += String(d)));
  return {
    proc,
    pid: proc.pid,
    output: () => out,
    send: (msg: ToHost) => {
      if (proc.connected) proc.send(msg);
    },
    onMessage: (fn) => proc.on('message', (m) => fn(m as FromHost)),
    onExit: (fn) => {
      if (proc.exitCode !== null || proc.signalCode !== null) fn(proc.exitCode);
      else proc.on('exit', (code) => fn(code));
    },
    kill: () => proc.kill('SIGKILL'),
  };
}
