// The data-folder lock's decisions with a fake process table: running owner → refused with its pid; dead owner,
// half-written lock, or a lock from before the last reboot → taken over; release removes only our own lock.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFolderLockedError, LOCK_FILE, lockDataFolder, type LockDeps } from '../../main/core/data-lock';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'lavka-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const alive = new Set<number>();
const deps = (pid: number, now = 10_000): LockDeps => ({
  pid,
  now: () => now,
  host: 'shop-pc',
  bootedAt: 1_000,
  isAlive: (p) => alive.has(p),
});

describe('data folder lock', () => {
  it('a second Lavka on the same folder is refused with the running one’s pid', () => {
    const dir = tmp();
    alive.clear();
    alive.add(100);
    const first = lockDataFolder(dir, deps(100));
    expect(() => lockDataFolder(dir, deps(200))).toThrow(DataFolderLockedError);
    expect(() => lockDataFolder(dir, deps(200))).toThrow('Lavka is already running with this data folder (pid 100)');
    first.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    lockDataFolder(dir, deps(200)).release();
  });

  it('the lock of a process that is gone is taken over and nothing is left beside it', () => {
    const dir = tmp();
    alive.clear();
    lockDataFolder(dir, deps(100)); // never released: pid 100 was killed
    const second = lockDataFolder(dir, deps(200));
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: 200 });
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    second.release();
  });

  it('a lock from before the last reboot is stale even if its pid now belongs to another process', () => {
    const dir = tmp();
    alive.clear();
    alive.add(100);
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 100, startedAt: 500, host: 'shop-pc' }));
    expect(() => lockDataFolder(dir, deps(200)).release()).not.toThrow();
  });

  it('an unreadable (half-written) lock is taken over; a lock from another computer is respected', () => {
    const dir = tmp();
    alive.clear();
    writeFileSync(join(dir, LOCK_FILE), '{"pi');
    lockDataFolder(dir, deps(200)).release();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 7, startedAt: 5_000, host: 'laptop' }));
    expect(() => lockDataFolder(dir, deps(200))).toThrow(/pid 7/);
  });

  it('release leaves a lock that another process has since taken', () => {
    const dir = tmp();
    alive.clear();
    const mine = lockDataFolder(dir, deps(100));
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 300, startedAt: 20_000, host: 'shop-pc' }));
    mine.release();
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: 300 });
  });
});
