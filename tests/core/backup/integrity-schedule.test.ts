import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeClock } from '../../helpers/fake-clock';
import { tempDir, makeTestApp } from '../../helpers/test-app';
import { EventBus, type AppEvent } from '../../../main/core/events';
import { DB_FILE } from '../../../main/core/app';
import { takeShutdownMarker, writeShutdownMarker } from '../../../main/core/backup/shutdown-marker';
import {
  AFTER_CRASH_DELAY_MS,
  IntegritySchedule,
  WEEK_MS,
  WEEKLY_DELAY_MS,
  type CheckResult,
} from '../../../main/core/backup/integrity-schedule';

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((s) => s()));

function schedule(lastShutdown: 'clean' | 'unclean', result: CheckResult = { ok: true }) {
  const dir = tempDir();
  const clock = new FakeClock();
  const events = new EventBus();
  const seen: AppEvent[] = [];
  events.subscribe((e) => seen.push(e));
  const runs: string[] = [];
  const s = new IntegritySchedule({
    dbPath: join(dir, DB_FILE),
    dataDir: dir,
    clock,
    events,
    lastShutdown,
    runner: (path) => {
      runs.push(path);
      return { result: Promise.resolve(result), cancel: () => {} };
    },
  });
  stops.push(() => s.stop());
  return { s, clock, runs, seen, dir };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('the database check schedule', () => {
  it('after an unclean shutdown runs in the background shortly after start, and tells the owner', async () => {
    const { s, clock, runs, seen } = schedule('unclean');
    s.start();
    expect(runs).toHaveLength(0);
    clock.advance(AFTER_CRASH_DELAY_MS);
    await settle();
    expect(runs).toHaveLength(1);
    expect(s.status()).toMatchObject({ state: 'ok', reason: 'unclean-shutdown', checkedAt: clock.now() });
    expect(seen.some((e) => e.type === 'ui.notify')).toBe(true);
  });

  it('after a clean shutdown waits for the weekly check, then runs once a week', async () => {
    const { s, clock, runs } = schedule('clean');
    s.start();
    clock.advance(AFTER_CRASH_DELAY_MS);
    await settle();
    expect(runs).toHaveLength(0);
    // Never checked before: the first weekly check comes after a quiet start.
    clock.advance(WEEKLY_DELAY_MS);
    await settle();
    expect(runs).toHaveLength(1);
    clock.advance(WEEK_MS - 60_000);
    await settle();
    expect(runs).toHaveLength(1);
    clock.advance(24 * 60 * 60_000);
    await settle();
    expect(runs).toHaveLength(2);
  });

  it('remembers the last result across restarts, and reports damage', async () => {
    const { s, clock, dir } = schedule('unclean', { ok: false, detail: 'Tree 4 page 5: btreeInitPage() returns error code 11' });
    s.start();
    clock.advance(AFTER_CRASH_DELAY_MS);
    await settle();
    expect(s.status()).toMatchObject({ state: 'damaged', detail: expect.stringContaining('btreeInitPage') });
    const again = new IntegritySchedule({ dbPath: join(dir, DB_FILE), dataDir: dir, clock, events: new EventBus(), lastShutdown: 'clean' });
    expect(again.status()).toMatchObject({ state: 'damaged', checkedAt: clock.now() });
  });
});

describe('the clean-shutdown marker', () => {
  it('is clean only when written at close and the file is unchanged since', () => {
    const dir = tempDir();
    const db = join(dir, DB_FILE);
    expect(takeShutdownMarker(dir, db)).toBe('first-start');
    writeFileSync(db, 'x'.repeat(100));
    expect(takeShutdownMarker(dir, db)).toBe('unclean');
    writeShutdownMarker(dir, db, 1);
    expect(takeShutdownMarker(dir, db)).toBe('clean');
    // Taken: a crash in this run leaves no marker behind.
    expect(takeShutdownMarker(dir, db)).toBe('unclean');
    writeShutdownMarker(dir, db, 1);
    writeFileSync(db, 'y'.repeat(120));
    expect(takeShutdownMarker(dir, db)).toBe('unclean');
  });

  it('is written when the app closes, so the next start skips the check', async () => {
    const dir = tempDir();
    const a = await makeTestApp({ dataDir: dir });
    await a.close();
    expect(takeShutdownMarker(dir, join(dir, DB_FILE))).toBe('clean');
  });
});
