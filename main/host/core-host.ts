// The core host: runs the same createApp the headless server uses, in its own process (an Electron utilityProcess on
// the desktop, a child_process.fork in tests), and serves the contract over message channels: the parent channel
// (the shell: start/stop, calls, events) and one MessagePort per window. No Electron import: it runs under plain Node.
import { createApp, type App } from '../core/app';
import { dispatch } from '../core/api/dispatch';
import { lockDataFolder, DataFolderLockedError, type DataFolderLock } from '../core/data-lock';
import { seedDemo } from '../core/demo/seed';
import { AdjustableClock } from '../core/dev-clock';
import type { AppEvent } from '../core/events';
import type { Envelope } from '../core/api/envelope';
import {
  CORE_RESTARTED_MESSAGE,
  isShellOnly,
  SHELL_DOWNLOAD,
  type FromHost,
  type HostStartOptions,
  type ToHost,
  type ToWindow,
} from './protocol';

/** The parent channel: process.parentPort in Electron, process.send/on('message') under Node. */
export interface ParentChannel {
  post(msg: FromHost): void;
  onMessage(fn: (msg: ToHost, ports: WindowPort[]) => void): void;
}

/** A window's port (Electron MessagePortMain in the utility process); only what the host uses. */
export interface WindowPort {
  postMessage(msg: ToWindow): void;
  on(event: 'message', fn: (e: { data: unknown }) => void): void;
  on(event: 'close', fn: () => void): void;
  start(): void;
}

export interface HostDeps {
  exit(code: number): void;
  pid: number;
  env: Record<string, string | undefined>;
}

export function runCoreHost(parent: ParentChannel, deps: HostDeps): void {
  let app: App | null = null;
  let lock: DataFolderLock | null = null;
  let starting: Promise<void> | null = null;
  const windows = new Set<WindowPort>();

  const broadcast = (event: AppEvent) => {
    parent.post({ type: 'event', event });
    for (const w of windows) w.postMessage({ type: 'event', event });
  };

  const start = async (options: HostStartOptions) => {
    try {
      lock = lockDataFolder(options.dataDir);
      const devClock = options.fakeClock ? new AdjustableClock() : undefined;
      // The desktop shell's keychain-protected key seals the secrets file (bot token); headless runs have none.
      app = createApp({ dataDir: options.dataDir, env: deps.env, devClock, secretKey: options.secretKey });
      if (options.demo) seedDemo(app.services);
      app.services.events.subscribe(broadcast);
      await app.start();
      parent.post({ type: 'ready', pid: deps.pid });
    } catch (err) {
      const code = err instanceof DataFolderLockedError ? err.code : ((err as { code?: string }).code ?? 'start_failed');
      parent.post({ type: 'fatal', code, message: err instanceof Error ? err.message : String(err) });
      lock?.release();
      deps.exit(3);
    }
  };

  const answer = async (name: string, input: unknown) => {
    if (starting) await starting;
    if (!app) return { ok: false as const, error: { code: 'internal' as const, message: CORE_RESTARTED_MESSAGE } };
    return dispatch(app.methods, name, input);
  };

  /** The shell's calls: the whole contract, plus what only the shell may ask (where an export file is). */
  const answerShell = async (name: string, input: unknown): Promise<Envelope<unknown>> => {
    if (name !== SHELL_DOWNLOAD) return answer(name, input);
    if (starting) await starting;
    const id = (input as { id?: unknown } | null)?.id;
    const file = app && typeof id === 'string' ? app.services.downloads.get(id) : undefined;
    return { ok: true, value: file ? { path: file.path, fileName: file.fileName } : null };
  };

  const stop = async () => {
    try {
      await app?.close();
    } finally {
      lock?.release();
      parent.post({ type: 'stopped' });
      deps.exit(0);
    }
  };

  parent.onMessage((msg, ports) => {
    switch (msg.type) {
      case 'start':
        if (!starting) starting = start(msg.options);
        return;
      case 'call':
        void answerShell(msg.name, msg.input).then((envelope) => parent.post({ type: 'result', id: msg.id, envelope }));
        return;
      case 'connect':
        for (const port of ports) attachWindow(port);
        return;
      case 'stop':
        void stop();
        return;
    }
  });

  function attachWindow(port: WindowPort): void {
    windows.add(port);
    port.on('close', () => windows.delete(port));
    port.on('message', (e) => {
      const m = e.data as Partial<ToHost> | null;
      if (!m || m.type !== 'call' || typeof m.id !== 'number' || typeof m.name !== 'string') return;
      const { id, name, input } = m;
      if (isShellOnly(name, input)) {
        port.postMessage({
          type: 'result',
          id,
          envelope: { ok: false, error: { code: 'unauthorized', message: 'Choose the browser with the Choose… button (a file dialog).' } },
        });
        return;
      }
      void answer(name, input).then((envelope) => port.postMessage({ type: 'result', id, envelope }));
    });
    port.start();
  }
}
