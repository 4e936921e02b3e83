// When the full database check runs: after an unclean shutdown (or when the file changed behind Lavka's back) and
// once a week — always in the background, in a worker thread, after the first screen is up. On a big shop the check
// reads the whole file (seconds to minutes); before, it ran before anything else at every start.
// The result is kept in <data>/integrity-check.json and shown in Settings → Backups; damage also raises a notification.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { LastShutdown } from './shutdown-marker';

export type { IntegrityState, IntegrityReason, IntegrityStatus } from './types';
import type { IntegrityReason, IntegrityState, IntegrityStatus } from './types';

export type CheckResult = { ok: true } | { ok: false; detail: string };
/** Runs the check on the file at `path`; the default opens it read-only in a worker thread. */
export type CheckRunner = (path: string) => { result: Promise<CheckResult>; cancel: () => void };

export const STATE_FILE = 'integrity-check.json';
export const WEEK_MS = 7 * 24 * 60 * 60_000;
/** After an unclean shutdown the check waits this long: the first inbox screen comes first. */
export const AFTER_CRASH_DELAY_MS = 15_000;
/** The weekly check waits for a quiet moment after start. */
export const WEEKLY_DELAY_MS = 10 * 60_000;
const RECHECK_EVERY_MS = 6 * 60 * 60_000;

export interface IntegrityDeps {
  dbPath: string;
  dataDir: string;
  clock: Clock;
  events: EventBus;
  lastShutdown: LastShutdown;
  runner?: CheckRunner;
}

/**
 * The damage a background check found in an earlier run, if any: the next start moves that file aside before opening
 * it (no check needed) and offers a backup, like a file SQLite cannot open at all. Clears the record.
 */
export function takeRecordedDamage(dataDir: string): string | null {
  const file = join(dataDir, STATE_FILE);
  if (!existsSync(file)) return null;
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<IntegrityStatus>;
    if (v.state !== 'damaged') return null;
    rmSync(file, { force: true });
    return typeof v.detail === 'string' && v.detail ? v.detail : 'damage found by the database check';
  } catch {
    return null;
  }
}

export class IntegritySchedule {
  private timer: unknown = null;
  private running: { cancel: () => void } | null = null;
  private current: IntegrityStatus;
  private dueReason: IntegrityReason | null = null;

  constructor(private readonly d: IntegrityDeps) {
    this.current = { state: 'never', checkedAt: null, reason: null, detail: '', nextAt: null, ...this.load() };
  }

  status(): IntegrityStatus {
    return { ...this.current };
  }

  start(): void {
    const now = this.d.clock.now();
    if (this.d.lastShutdown === 'unclean') this.planAt(now + AFTER_CRASH_DELAY_MS, 'unclean-shutdown');
    else this.planWeekly(now + WEEKLY_DELAY_MS);
  }

  stop(): void {
    if (this.timer !== null) this.d.clock.clearTimeout(this.timer);
    this.timer = null;
    this.running?.cancel();
    this.running = null;
  }

  /** Runs the check now (Settings → Backups → "Check now", tests). */
  async runNow(reason: IntegrityReason = 'weekly'): Promise<IntegrityStatus> {
    if (this.timer !== null) this.d.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.running) return this.status();
    this.set({ state: 'running', reason, nextAt: null });
    const job = (this.d.runner ?? workerCheck)(this.d.dbPath);
    this.running = job;
    let r: CheckResult;
    try {
      r = await job.result;
    } catch (err) {
      r = { ok: false, detail: `check could not run: ${err instanceof Error ? err.message : String(err)}` };
      if (this.running !== job) return this.status();
      this.running = null;
      this.finish('failed', reason, r.detail);
      return this.status();
    }
    if (this.running !== job) return this.status();
    this.running = null;
    this.finish(r.ok ? 'ok' : 'damaged', reason, r.ok ? '' : r.detail);
    return this.status();
  }

  private finish(state: IntegrityState, reason: IntegrityReason, detail: string): void {
    const now = this.d.clock.now();
    this.set({ state, reason, detail, checkedAt: now });
    this.save();
    if (state === 'damaged') {
      this.d.events.emit('ui.notify', {
        kind: 'error',
        title: 'Lavka found damage in its database',
        body: 'Restart Lavka: it will set the damaged file aside and offer to restore your newest backup.',
      });
    } else if (state === 'ok' && reason === 'unclean-shutdown') {
      this.d.events.emit('ui.notify', {
        kind: 'info',
        title: 'Database checked',
        body: 'Lavka was not closed properly last time; its data checked out fine.',
      });
    }
    this.planWeekly(now + RECHECK_EVERY_MS);
  }

  /** The next weekly check, or a later look if one is not due by then. */
  private planWeekly(earliest: number): void {
    const last = this.current.checkedAt;
    const due = last === null ? earliest : Math.max(earliest, last + WEEK_MS);
    // Timers this long drift and sleep with the laptop: look again every few hours and run when due.
    const at = Math.min(due, this.d.clock.now() + RECHECK_EVERY_MS);
    this.planAt(at, 'weekly', due);
  }

  private planAt(at: number, reason: IntegrityReason, nextAt = at): void {
    if (this.timer !== null) this.d.clock.clearTimeout(this.timer);
    this.dueReason = reason;
    this.set({ nextAt });
    this.timer = this.d.clock.setTimeout(
      () => {
        this.timer = null;
        const r = this.dueReason ?? 'weekly';
        if (r === 'weekly' && this.current.checkedAt !== null && this.d.clock.now() < this.current.checkedAt + WEEK_MS)
          return this.planWeekly(this.d.clock.now());
        void this.runNow(r);
      },
      Math.max(0, at - this.d.clock.now()),
    );
  }

  private set(patch: Partial<IntegrityStatus>): void {
    this.current = { ...this.current, ...patch };
    this.d.events.emit('integrity.status', this.status());
  }

  private load(): Partial<IntegrityStatus> {
    const file = join(this.d.dataDir, STATE_FILE);
    if (!existsSync(file)) return {};
    try {
      const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<IntegrityStatus>;
      const state = v.state === 'ok' || v.state === 'damaged' || v.state === 'failed' ? v.state : 'never';
      return {
        state,
        checkedAt: typeof v.checkedAt === 'number' ? v.checkedAt : null,
        reason: v.reason ?? null,
        detail: typeof v.detail === 'string' ? v.detail : '',
      };
    } catch {
      return {};
    }
  }

  private save(): void {
    const file = join(this.d.dataDir, STATE_FILE);
    const { state, checkedAt, reason, detail } = this.current;
    try {
      writeFileSync(`${file}.tmp`, JSON.stringify({ state, checkedAt, reason, detail }));
      renameSync(`${file}.tmp`, file);
    } catch (err) {
      console.error('[integrity] could not save the check result', err);
    }
  }
}

// The worker is plain CommonJS given as source: electron-vite bundles main/ into single files, so a worker module
// path would not survive the build; better-sqlite3 is resolved here and handed over by absolute path.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.sqlite);
let db;
try {
  db = new Database(workerData.path, { readonly: true, fileMustExist: true });
  const rows = db.pragma('integrity_check(20)');
  const lines = rows.map((r) => String(Object.values(r)[0]));
  parentPort.postMessage(lines.length === 1 && lines[0] === 'ok' ? { ok: true } : { ok: false, detail: lines.slice(0, 3).join('; ').slice(0, 300) });
} catch (err) {
  const code = String((err && err.code) || '');
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) parentPort.postMessage({ ok: false, detail: String(err.message) });
  else throw err;
} finally {
  try { if (db) db.close(); } catch {}
}
`;

export const workerCheck: CheckRunner = (path) => {
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, sqlite } });
  const result = new Promise<CheckResult>((resolve, reject) => {
    worker.once('message', (m: CheckResult) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the check stopped (exit code ${code})`)));
  });
  return { result, cancel: () => void worker.terminate() };
};
