// Keeps the core host process running for the shell: starts it, holds calls until it is ready, restarts it when it
// dies (with back-off, giving up after a crash loop), and stops it cleanly. Pure: the process is behind ChildHandle,
// time behind Timers, so tests drive it with a forked Node child or a fake.
import type { Envelope } from '../core/api/envelope';
import type { AppEvent } from '../core/events';
import { CORE_RESTARTED_MESSAGE, type FromHost, type HostStartOptions, type ToHost } from './protocol';

export interface ChildHandle {
  readonly pid: number | undefined;
  send(msg: ToHost): void;
  onMessage(fn: (msg: FromHost) => void): void;
  onExit(fn: (code: number | null) => void): void;
  kill(): void;
}

export interface Timers {
  set(fn: () => void, ms: number): () => void;
  now(): number;
}

export const realTimers: Timers = {
  set(fn, ms) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
  now: () => Date.now(),
};

export type CoreState =
  | { state: 'starting' }
  | { state: 'ready'; pid: number }
  | { state: 'restarting'; attempt: number; lastExit: number | null }
  | { state: 'failed'; code: string; message: string }
  | { state: 'stopped' };

export interface SupervisorOptions {
  spawn(): ChildHandle;
  startOptions(): HostStartOptions;
  timers: Timers;
  log?(line: string): void;
  /** Back-off before restart attempt n (1-based). */
  backoffMs?(attempt: number): number;
  /** More crashes than this within crashWindowMs: stop restarting and report failed. */
  maxCrashes?: number;
  crashWindowMs?: number;
  /** How long stop() waits for a clean close before killing. */
  stopTimeoutMs?: number;
}

interface Pending {
  id: number;
  name: string;
  input: unknown;
  resolve(e: Envelope<unknown>): void;
}

export class CoreSupervisor {
  private child: ChildHandle | null = null;
  private current: CoreState = { state: 'stopped' };
  private nextId = 1;
  /** Calls not yet handed to a ready host: kept across restarts, never dropped. */
  private queue: Pending[] = [];
  /** Calls a host is working on: answered by it, or with CORE_RESTARTED_MESSAGE if it dies first. */
  private inFlight = new Map<number, Pending>();
  private crashes: number[] = [];
  private eventListeners = new Set<(e: AppEvent) => void>();
  private stateListeners = new Set<(s: CoreState, child: ChildHandle | null) => void>();
  private stopping: Promise<void> | null = null;
  private cancelRestart: (() => void) | null = null;

  constructor(private readonly o: SupervisorOptions) {}

  get state(): CoreState {
    return this.current;
  }

  start(): void {
    if (this.child || this.current.state === 'failed') return;
    this.spawn();
  }

  /** Calls a contract method; waits while the core starts or restarts. Never rejects. */
  call(name: string, input: unknown): Promise<Envelope<unknown>> {
    if (this.current.state === 'failed') return Promise.resolve({ ok: false, error: { code: 'internal', message: this.current.message } });
    return new Promise((resolve) => {
      const p: Pending = { id: this.nextId++, name, input, resolve };
      if (this.current.state === 'ready' && this.child) this.send(p);
      else this.queue.push(p);
    });
  }

  onEvent(fn: (e: AppEvent) => void): () => void {
    this.eventListeners.add(fn);
    return () => this.eventListeners.delete(fn);
  }

  /** State changes; on `ready` the child is given so the shell can hand a window port to the new process. */
  onState(fn: (s: CoreState, child: ChildHandle | null) => void): () => void {
    this.stateListeners.add(fn);
    return () => this.stateListeners.delete(fn);
  }

  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    this.cancelRestart?.();
    const child = this.child;
    this.stopping = new Promise<void>((resolve) => {
      if (!child) return resolve();
      const cancelKill = this.o.timers.set(() => child.kill(), this.o.stopTimeoutMs ?? 15_000);
      child.onExit(() => {
        cancelKill();
        resolve();
      });
      child.send({ type: 'stop' });
    }).then(() => {
      this.child = null;
      this.setState({ state: 'stopped' });
    });
    return this.stopping;
  }

  private spawn(): void {
    this.setState(this.current.state === 'restarting' ? this.current : { state: 'starting' });
    const child = this.o.spawn();
    this.child = child;
    child.onMessage((msg) => this.onMessage(child, msg));
    child.onExit((code) => this.onExit(child, code));
    child.send({ type: 'start', options: this.o.startOptions() });
  }

  private onMessage(child: ChildHandle, msg: FromHost): void {
    if (child !== this.child) return;
    switch (msg.type) {
      case 'ready': {
        this.setState({ state: 'ready', pid: msg.pid });
        const queued = this.queue.splice(0);
        for (const p of queued) this.send(p);
        return;
      }
      case 'result': {
        const p = this.inFlight.get(msg.id);
        if (!p) return;
        this.inFlight.delete(msg.id);
        p.resolve(msg.envelope);
        return;
      }
      case 'event':
        for (const l of this.eventListeners) l(msg.event);
        return;
      case 'fatal':
        this.o.log?.(`core could not start: ${msg.message}`);
        this.fail(msg.code, msg.message);
        return;
      case 'stopped':
        return;
    }
  }

  private onExit(child: ChildHandle, code: number | null): void {
    if (child !== this.child) return;
    this.child = null;
    // Work the dead process had accepted cannot be known to be done: the caller is told to try again, never left hanging.
    for (const p of this.inFlight.values()) p.resolve({ ok: false, error: { code: 'internal', message: CORE_RESTARTED_MESSAGE } });
    this.inFlight.clear();
    if (this.stopping || this.current.state === 'failed') return;
    this.o.log?.(`core process exited unexpectedly (code ${code}); restarting`);
    const now = this.o.timers.now();
    const window = this.o.crashWindowMs ?? 60_000;
    this.crashes = [...this.crashes.filter((t) => now - t < window), now];
    if (this.crashes.length > (this.o.maxCrashes ?? 5)) {
      this.fail('crash_loop', `Lavka’s core stopped ${this.crashes.length} times in a minute (last exit code ${code}). See the log file.`);
      return;
    }
    const attempt = this.crashes.length;
    this.setState({ state: 'restarting', attempt, lastExit: code });
    const backoff = this.o.backoffMs?.(attempt) ?? Math.min(250 * 2 ** (attempt - 1), 10_000);
    this.cancelRestart = this.o.timers.set(() => {
      this.cancelRestart = null;
      if (!this.stopping) this.spawn();
    }, backoff);
  }

  private fail(code: string, message: string): void {
    this.setState({ state: 'failed', code, message });
    for (const p of this.queue.splice(0)) p.resolve({ ok: false, error: { code: 'internal', message } });
  }

  private send(p: Pending): void {
    this.inFlight.set(p.id, p);
    this.child!.send({ type: 'call', id: p.id, name: p.name, input: p.input });
  }

  private setState(s: CoreState): void {
    this.current = s;
    for (const l of this.stateListeners) l(s, s.state === 'ready' ? this.child : null);
  }
}
