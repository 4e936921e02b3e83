// Long work (export, import, backup, restore) as jobs: progress events the UI turns into a bar, and a Cancel that
// stops at the next batch boundary. A job never blocks the event loop for longer than one batch.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import { AppError, notFound } from '../errors';
import type { EventBus } from '../events';

export type { JobKind, JobState } from './job-state';
import type { JobKind, JobState } from './job-state';

export class JobCancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'JobCancelled';
  }
}

export interface JobContext {
  readonly signal: AbortSignal;
  progress(done: number, total?: number, phase?: string): void;
  /** Lets other work run (inbound messages, UI calls) and throws JobCancelled if the owner pressed Cancel. */
  yield(): Promise<void>;
}

/** How often progress reaches the UI: often enough for a smooth bar, rarely enough not to flood a WebSocket. */
const PROGRESS_EVERY_MS = 100;
/** Finished jobs are kept this long so a UI that reconnects can still read the result. */
const KEEP_FINISHED_MS = 60 * 60_000;

export class Jobs {
  private readonly jobs = new Map<string, { state: JobState; abort: AbortController; lastEmit: number; promise: Promise<void> }>();

  constructor(
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  start<T>(kind: JobKind, run: (ctx: JobContext) => Promise<T>): JobState {
    this.prune();
    const id = randomBytes(9).toString('base64url');
    const abort = new AbortController();
    const state: JobState = {
      id,
      kind,
      state: 'running',
      done: 0,
      total: 0,
      phase: 'starting',
      error: null,
      result: null,
      startedAt: this.clock.now(),
      finishedAt: null,
    };
    const entry = { state, abort, lastEmit: 0, promise: Promise.resolve() };
    this.jobs.set(id, entry);
    const ctx: JobContext = {
      signal: abort.signal,
      progress: (done, total, phase) => {
        state.done = done;
        if (total !== undefined) state.total = total;
        if (phase) state.phase = phase;
        const now = this.clock.now();
        if (now - entry.lastEmit >= PROGRESS_EVERY_MS) {
          entry.lastEmit = now;
          this.emit(state);
        }
      },
      yield: async () => {
        await new Promise<void>((r) => setImmediate(r));
        if (abort.signal.aborted) throw new JobCancelled();
      },
    };
    entry.promise = (async () => {
      this.emit(state);
      try {
        state.result = (await run(ctx)) ?? null;
        state.state = 'done';
        state.phase = 'done';
      } catch (err) {
        if (err instanceof JobCancelled || abort.signal.aborted) {
          state.state = 'cancelled';
          state.phase = 'cancelled';
        } else {
          state.state = 'failed';
          state.error =
            err instanceof AppError
              ? { code: err.code, message: err.message }
              : { code: 'internal', message: err instanceof Error ? err.message : String(err) };
          if (!(err instanceof AppError)) console.error(`[jobs] ${kind} failed`, err);
        }
      }
      state.finishedAt = this.clock.now();
      this.emit(state);
    })();
    return { ...state };
  }

  get(id: string): JobState {
    const j = this.jobs.get(id);
    if (!j) throw notFound('Job', id);
    return { ...j.state };
  }

  /** Resolves when the job has finished (any outcome). For tests and for callers that must wait. */
  async wait(id: string): Promise<JobState> {
    const j = this.jobs.get(id);
    if (!j) throw notFound('Job', id);
    await j.promise;
    return { ...j.state };
  }

  cancel(id: string): JobState {
    const j = this.jobs.get(id);
    if (!j) throw notFound('Job', id);
    if (j.state.state === 'running') j.abort.abort();
    return { ...j.state };
  }

  running(kind?: JobKind): JobState[] {
    return [...this.jobs.values()]
      .filter((j) => j.state.state === 'running' && (!kind || j.state.kind === kind))
      .map((j) => ({ ...j.state }));
  }

  /** Cancels everything still running and waits for it to stop (app shutdown). */
  async stopAll(): Promise<void> {
    for (const j of this.jobs.values()) if (j.state.state === 'running') j.abort.abort();
    await Promise.all([...this.jobs.values()].map((j) => j.promise));
  }

  private emit(state: JobState): void {
    this.events.emit('contacts.job', { ...state });
  }

  private prune(): void {
    const now = this.clock.now();
    for (const [id, j] of this.jobs) {
      if (j.state.finishedAt !== null && now - j.state.finishedAt > KEEP_FINISHED_MS) this.jobs.delete(id);
    }
  }
}

export function assertRunning(signal: AbortSignal): void {
  if (signal.aborted) throw new JobCancelled();
}
