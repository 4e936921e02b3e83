// The test-only clock behind `serve --fake-clock`: real time that can jump forward, firing timers in order;
// its API exists only when it was asked for.
import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { AdjustableClock } from '../../../main/core/dev-clock';
import { createApp, type App } from '../../../main/core/app';
import { dispatch } from '../../../main/core/api/dispatch';
import { tempDir } from '../../helpers/test-app';

let app: App | null = null;
let dir = '';
afterEach(async () => {
  await app?.close();
  app = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('AdjustableClock', () => {
  it('jumps forward, firing due timers in time order, and keeps the rest waiting', () => {
    const clock = new AdjustableClock();
    const start = clock.now();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 20 * 60_000);
    clock.setTimeout(() => {
      fired.push('a');
      clock.setTimeout(() => fired.push('a2'), 60_000);
    }, 10 * 60_000);
    const late = clock.setTimeout(() => fired.push('c'), 3 * 3600_000);
    clock.advance(30 * 60_000);
    expect(fired).toEqual(['a', 'a2', 'b']);
    expect(clock.now() - start).toBeGreaterThanOrEqual(30 * 60_000);
    clock.clearTimeout(late);
    clock.advance(5 * 3600_000);
    expect(fired).toEqual(['a', 'a2', 'b']);
    expect(() => clock.advance(-1)).toThrow(/forward/);
  });
});

describe('dev.clock API', () => {
  it('does not exist in a normal app', async () => {
    dir = tempDir();
    app = createApp({ dataDir: dir, env: {} });
    const r = await dispatch(app.methods, 'dev.clock.advance', { ms: 1000 });
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('moves the app’s time when the test clock was asked for', async () => {
    dir = tempDir();
    const clock = new AdjustableClock();
    app = createApp({ dataDir: dir, env: {}, devClock: clock });
    const before = clock.now();
    const r = await dispatch(app.methods, 'dev.clock.advance', { ms: 3_600_000 });
    expect(r.ok).toBe(true);
    const info = await dispatch(app.methods, 'app.info', {});
    expect((info as { value: { now: number } }).value.now - before).toBeGreaterThanOrEqual(3_600_000);
    expect(await dispatch(app.methods, 'dev.clock.advance', { ms: -5 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
