// One data folder, one Lavka: an exclusive lock file (pid, start time, host) created with O_EXCL. A second process on
// the same folder gets DataFolderLockedError; a lock left by a process that is gone (killed, crashed, or from before
// a reboot) is taken over safely. Used by `serve` and the desktop core host — never by createApp, so tests may open
// several apps on temp folders in one process.
import { closeSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'lavka.lock';

export interface LockOwner {
  pid: number;
  /** When the owning process took the lock (ms since epoch). */
  startedAt: number;
  host: string;
}

export class DataFolderLockedError extends Error {
  readonly code = 'data_folder_locked';
  constructor(readonly owner: LockOwner) {
    super(`Lavka is already running with this data folder (pid ${owner.pid}). Close that Lavka first, or use another data folder.`);
  }
}

export interface LockDeps {
  pid: number;
  now(): number;
  host: string;
  /** When this machine booted (ms since epoch): a lock from before then belongs to no running process. */
  bootedAt: number;
  isAlive(pid: number): boolean;
}

export interface DataFolderLock {
  readonly file: string;
  release(): void;
}

const defaultDeps = (): LockDeps => ({
  pid: process.pid,
  now: () => Date.now(),
  host: hostname(),
  bootedAt: Date.now() - uptime() * 1000,
  isAlive: (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (err) {
      // EPERM: it exists but belongs to another user — still running.
      return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
});

/** Takes the folder's lock or throws DataFolderLockedError naming the running owner. */
export function lockDataFolder(dataDir: string, deps: LockDeps = defaultDeps()): DataFolderLock {
  const file = join(dataDir, LOCK_FILE);
  const me: LockOwner = { pid: deps.pid, startedAt: deps.now(), host: deps.host };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(file, me)) return held(file, me);
    const owner = readOwner(file);
    if (owner === 'gone') continue; // released between our create and read: try again
    if (owner && isRunning(owner, deps)) throw new DataFolderLockedError(owner);
    takeOverStale(file, owner);
  }
  const owner = readOwner(file);
  throw new DataFolderLockedError(owner && owner !== 'gone' ? owner : { pid: 0, startedAt: 0, host: deps.host });
}

function isRunning(owner: LockOwner, deps: LockDeps): boolean {
  // On another computer (a synced/network folder) we cannot see its processes: treat it as running.
  if (owner.host !== deps.host) return true;
  if (owner.startedAt < deps.bootedAt) return false;
  return deps.isAlive(owner.pid);
}

function tryCreate(file: string, me: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, JSON.stringify(me));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The owner written in the lock; null when unreadable (a half-written lock of a crashed start), 'gone' when absent. */
function readOwner(file: string): LockOwner | null | 'gone' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw err;
  }
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.startedAt === 'number'
      ? { pid: o.pid, startedAt: o.startedAt, host: String(o.host ?? '') }
      : null;
  } catch {
    return null;
  }
}

/**
 * Moves the stale lock aside (rename is atomic: of two processes taking over at once only one moves a given file).
 * If what we moved is not the stale lock we judged — another process took over in between — it is put back.
 */
function takeOverStale(file: string, judged: LockOwner | null): void {
  const aside = `${file}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const moved = readOwner(aside);
  const same =
    moved === null || judged === null
      ? moved === judged
      : moved !== 'gone' && moved.pid === judged.pid && moved.startedAt === judged.startedAt;
  if (!same) {
    try {
      linkSync(aside, file); // fails if yet another lock appeared; that one then stands
    } catch {
      // keep whichever lock is there now
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // already gone
  }
}

function held(file: string, me: LockOwner): DataFolderLock {
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      // Only remove the lock if it is still ours.
      const owner = readOwner(file);
      if (owner && owner !== 'gone' && owner.pid === me.pid && owner.startedAt === me.startedAt) {
        try {
          unlinkSync(file);
        } catch {
          // already gone
        }
      }
    },
  };
}
