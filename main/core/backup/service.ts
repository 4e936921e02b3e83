// Backups of the one database: a daily online copy with better-sqlite3's backup API (the app keeps working while it
// runs), "Back up now", rotation that keeps the newest N, and "Restore" after the backup passes integrity_check.
// Also holds the start-up recovery state: when lavka.sqlite was found damaged, the app waits here for the owner.
import { makePrivate, privateDir } from '../file-modes';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock';
import { closeDatabase, openDatabase, type Db } from '../db/connection';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import type { SettingsService } from '../settings/service';
import type { JobState, Jobs } from '../contacts/jobs';
import { replaceContents } from './copy';
import { verifyBackup, type RecoveryInfo } from './integrity';
import type { IntegritySchedule } from './integrity-schedule';
import { backupSettingsSchema, DEFAULT_BACKUP, type BackupInfo, type BackupKind, type BackupSettings, type BackupStatus } from './types';

export { backupSettingsSchema, DEFAULT_BACKUP } from './types';
export type { BackupSettings, BackupKind, BackupInfo, BackupStatus } from './types';

const NAME = /^lavka-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)-(auto|manual|before-restore)\.sqlite$/;
const DAY = 24 * 60 * 60_000;
/** First automatic backup after start waits a little, so opening Lavka stays fast. */
const START_DELAY_MS = 2 * 60_000;

export interface BackupDeps {
  db: Db;
  dataDir: string;
  clock: Clock;
  events: EventBus;
  settings: SettingsService;
  jobs: Jobs;
  recovery: RecoveryInfo | null;
  integrity?: IntegritySchedule;
}

export class BackupService {
  private timer: unknown = null;
  private running: Promise<BackupInfo> | null = null;
  private lastError: string | null = null;
  private recovery: RecoveryInfo | null;
  private deferredStart: (() => void) | null = null;
  private readonly dailyTasks: (() => unknown)[] = [];
  private readonly restoredListeners: (() => void)[] = [];
  /** Called after a backup was made or backups were deleted (media keeps its files beside the backups). */
  private readonly changedListeners: (() => void)[] = [];
  private nextAt: number | null = null;
  private dailyRun: Promise<void> | null = null;
  private stopped = true;

  constructor(private readonly d: BackupDeps) {
    this.recovery = d.recovery;
    // A finished (or started) database check changes what Settings → Backups shows.
    d.events.subscribe((e) => {
      if (e.type === 'integrity.status') this.emitStatus();
    });
  }

  settings(): BackupSettings {
    return this.d.settings.section('backup', backupSettingsSchema, DEFAULT_BACKUP);
  }

  setSettings(v: BackupSettings): BackupStatus {
    if (v.dir) {
      try {
        mkdirSync(v.dir, { recursive: true });
      } catch (err) {
        throw new AppError('invalid_input', `Lavka cannot use the folder "${v.dir}": ${(err as Error).message}`);
      }
    }
    this.d.settings.setSection('backup', backupSettingsSchema, v);
    if (!this.stopped) this.schedule();
    return this.emitStatus();
  }

  dir(): string {
    return this.settings().dir || join(this.d.dataDir, 'backups');
  }

  list(): BackupInfo[] {
    const dir = this.dir();
    if (!existsSync(dir)) return [];
    const out: BackupInfo[] = [];
    for (const name of readdirSync(dir)) {
      const m = NAME.exec(name);
      if (!m) continue;
      const iso = m[1].replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/, 'T$1:$2:$3.$4Z');
      out.push({ name, kind: m[2] as BackupKind, createdAt: Date.parse(iso), size: statSync(join(dir, name)).size });
    }
    return out.sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
  }

  status(): BackupStatus {
    const list = this.list();
    return {
      settings: this.settings(),
      dir: this.dir(),
      lastBackupAt: list.find((b) => b.kind !== 'before-restore')?.createdAt ?? null,
      nextBackupAt: this.nextAt,
      lastError: this.lastError,
      running: this.running !== null,
      recovery: this.recovery ? { ...this.recovery, latest: list[0] ?? null } : null,
      integrity: this.d.integrity?.status() ?? null,
    };
  }

  private emitStatus(): BackupStatus {
    const s = this.status();
    this.d.events.emit('backup.status', s);
    return s;
  }

  /** Resolves when no backup is reading the database. */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /**
   * Copies the live database with SQLite's online backup (readers and writers carry on), switches the copy to a
   * single-file journal so it stands alone, checks it, and only then gives it its final name.
   */
  backupNow(kind: BackupKind = 'manual'): Promise<BackupInfo> {
    if (this.recovery && kind !== 'before-restore') {
      return Promise.reject(new AppError('conflict', 'Restore a backup (or start fresh) before making new backups'));
    }
    if (this.running) return this.running;
    const run = async (): Promise<BackupInfo> => {
      const dir = this.dir();
      privateDir(dir);
      const now = this.d.clock.now();
      const name = `lavka-${new Date(now).toISOString().replace(/[:.]/g, '-')}-${kind}.sqlite`;
      const final = join(dir, name);
      const part = `${final}.part`;
      try {
        await this.d.db.backup(part);
        const copy = openDatabase(part);
        try {
          copy.pragma('journal_mode = DELETE');
          const check = copy.pragma('quick_check', { simple: true });
          if (check !== 'ok') throw new Error(`the copy failed its check: ${String(check)}`);
        } finally {
          copy.close();
        }
        renameSync(part, final);
        makePrivate(final);
        this.lastError = null;
        this.rotate(name);
        this.changed();
        return { name, kind, createdAt: now, size: statSync(final).size };
      } catch (err) {
        rmSync(part, { force: true });
        for (const s of ['-wal', '-shm', '-journal']) rmSync(part + s, { force: true });
        this.lastError = (err as Error).message;
        throw err instanceof AppError ? err : new AppError('internal', `Backup failed: ${(err as Error).message}`);
      }
    };
    this.running = run().finally(() => {
      this.running = null;
      this.emitStatus();
    });
    this.emitStatus();
    return this.running;
  }

  startBackup(): JobState {
    return this.d.jobs.start('backup', async (job) => {
      job.progress(0, 1, 'copying');
      const b = await this.backupNow('manual');
      job.progress(1, 1, 'done');
      return b;
    });
  }

  /** Keeps the newest `keep` backups; never the one just made, never files Lavka did not name. */
  private rotate(justMade: string): void {
    const keep = this.settings().keep;
    const all = this.list();
    for (const b of all.slice(keep)) {
      if (b.name === justMade) continue;
      rmSync(join(this.dir(), b.name), { force: true });
    }
  }

  /** Deletes every backup (after "Delete this customer", on request: old backups still hold the customer). */
  purgeAll(): number {
    const all = this.list();
    for (const b of all) rmSync(join(this.dir(), b.name), { force: true });
    this.changed();
    this.emitStatus();
    return all.length;
  }

  /** Deletes all backups and makes a fresh one, so no copy of erased data remains but the owner is not left without any. */
  async purgeAndRenew(): Promise<number> {
    await this.whenIdle();
    const n = this.purgeAll();
    if (!this.recovery) await this.backupNow('manual');
    return n;
  }

  startRestore(name: string): JobState {
    return this.d.jobs.start('restore', async (job) => {
      await this.restore(name, (phase) => job.progress(0, 1, phase));
      return { name };
    });
  }

  /**
   * Replaces all data with a backup. The backup is copied and checked (integrity_check, schema not newer than this
   * build), the copy is migrated to the current schema, the present data is saved as a "before-restore" backup
   * (unless it is the empty stand-in for a damaged file), then the copy's rows replace the live rows in one transaction.
   */
  async restore(name: string, onPhase: (phase: string) => void = () => {}): Promise<void> {
    if (!NAME.test(name)) throw new AppError('invalid_input', 'Unknown backup name');
    const src = join(this.dir(), name);
    onPhase('checking');
    verifyBackup(src, migrations.length);
    const work = join(this.d.dataDir, 'restore-work.sqlite');
    for (const s of ['', '-wal', '-shm', '-journal']) rmSync(work + s, { force: true });
    copyFileSync(src, work);
    try {
      const copy = openDatabase(work);
      try {
        migrate(copy);
      } finally {
        closeDatabase(copy);
      }
      await this.whenIdle();
      if (!this.recovery) {
        onPhase('saving-current');
        await this.backupNow('before-restore');
      }
      onPhase('restoring');
      replaceContents(this.d.db, work);
      this.d.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      for (const s of ['', '-wal', '-shm', '-journal']) rmSync(work + s, { force: true });
    }
    this.d.events.emit('app.restored', { name });
    for (const l of this.restoredListeners) l();
    this.resolveRecovery();
  }

  onBackupsChanged(fn: () => void): void {
    this.changedListeners.push(fn);
  }

  private changed(): void {
    for (const l of this.changedListeners) {
      try {
        l();
      } catch (err) {
        console.error('[backup] a backup listener failed', err);
      }
    }
  }

  onRestored(fn: () => void): void {
    this.restoredListeners.push(fn);
  }

  /** The owner chose to go on with an empty database (no usable backup). The damaged file stays where it was moved. */
  startFresh(): BackupStatus {
    this.resolveRecovery();
    return this.emitStatus();
  }

  private resolveRecovery(): void {
    if (!this.recovery) return;
    this.recovery = null;
    const start = this.deferredStart;
    this.deferredStart = null;
    start?.();
    this.emitStatus();
  }

  /**
   * While recovering from a damaged database the app must not start channels (new messages would land in the empty
   * stand-in and then be replaced by the restore). Returns true and keeps `start` for later when that is the case.
   */
  holdStart(start: () => void): boolean {
    if (!this.recovery) return false;
    this.deferredStart = start;
    return true;
  }

  /** Work that runs once a day with the automatic backup (message retention). */
  /** A task may be sync or async; either way a failure is logged and the next task still runs. */
  addDailyTask(fn: () => unknown): void {
    this.dailyTasks.push(fn);
  }

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) this.d.clock.clearTimeout(this.timer);
    this.timer = null;
    this.nextAt = null;
    if (this.stopped || this.recovery) return;
    const now = this.d.clock.now();
    const last = this.status().lastBackupAt;
    let at = last === null ? now + START_DELAY_MS : Math.max(last + DAY, now + START_DELAY_MS);
    if (!this.settings().enabled) at = now + DAY; // still run the daily tasks
    this.nextAt = at;
    this.timer = this.d.clock.setTimeout(() => {
      this.dailyRun = this.daily().finally(() => (this.dailyRun = null));
    }, at - now);
  }

  private async daily(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    if (this.settings().enabled) {
      try {
        await this.backupNow('auto');
      } catch (err) {
        console.error('[backup] automatic backup failed', err);
      }
    }
    for (const task of this.dailyTasks) {
      try {
        await task();
      } catch (err) {
        console.error('[backup] daily task failed', err);
      }
    }
    if (this.stopped) return;
    this.schedule();
    this.emitStatus();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) this.d.clock.clearTimeout(this.timer);
    this.timer = null;
    await this.dailyRun;
    await this.whenIdle();
  }
}
