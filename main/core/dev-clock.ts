// DEV/TEST ONLY: a clock that runs in real time but can be moved forward, so an end-to-end test can make a
// reminder due without waiting. `serve` uses it only when started with --fake-clock (or LAVKA_FAKE_CLOCK=1);
// only then does the API expose dev.clock.*. It never moves backwards.
import { z } from 'zod';
import type { Clock } from './clock';
import { method } from './api/define';

interface Timer {
  at: number;
  fn: () => void;
  real: ReturnType<typeof setTimeout> | null;
}

const MAX_REAL_DELAY = 2 ** 31 - 1;

export class AdjustableClock implements Clock {
  private offset = 0;
  private seq = 0;
  private readonly timers = new Map<number, Timer>();

  now(): number {
    return Date.now() + this.offset;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    const timer: Timer = { at: this.now() + Math.max(0, ms), fn, real: null };
    this.timers.set(id, timer);
    this.armReal(id, timer);
    return id;
  }

  clearTimeout(handle: unknown): void {
    const t = this.timers.get(handle as number);
    if (!t) return;
    if (t.real) clearTimeout(t.real);
    this.timers.delete(handle as number);
  }

  /**
   * Jumps forward, firing every timer that falls due on the way in time order, with the clock standing at each
   * timer's time while it runs (as if the time had really passed, so follow-up timers land where they should).
   */
  advance(ms: number): number {
    if (!(ms >= 0)) throw new Error('The test clock only moves forward');
    const target = this.now() + ms;
    for (;;) {
      let nextId: number | undefined;
      let next: Timer | undefined;
      for (const [id, t] of this.timers) {
        if (t.at <= target && (!next || t.at < next.at || (t.at === next.at && id < nextId!))) {
          next = t;
          nextId = id;
        }
      }
      if (!next || nextId === undefined) break;
      const cur = this.now();
      if (next.at > cur) this.offset += next.at - cur;
      this.clearTimeout(nextId);
      try {
        next.fn();
      } catch (err) {
        console.error('[dev-clock] timer failed', err);
      }
    }
    const cur = this.now();
    if (target > cur) this.offset += target - cur;
    // Timers still in the future now have less real time to wait.
    for (const [id, t] of this.timers) this.armReal(id, t);
    return this.now();
  }

  private armReal(id: number, t: Timer): void {
    if (t.real) clearTimeout(t.real);
    const delay = Math.min(MAX_REAL_DELAY, Math.max(0, t.at - this.now()));
    t.real = setTimeout(() => {
      const cur = this.timers.get(id);
      if (cur !== t) return;
      // Real time may lag the target by a few ms; re-arm instead of firing early.
      if (t.at > this.now()) return this.armReal(id, t);
      this.timers.delete(id);
      t.fn();
    }, delay);
    t.real.unref?.();
  }
}

const clockNow = z.strictObject({ now: z.number() });

/** dev.clock.* — registered only when the app was built with an AdjustableClock. */
export function devClockMethods(clock: AdjustableClock) {
  return {
    'dev.clock.now': method(z.object({}).optional().default({}), clockNow, () => ({ now: clock.now() }), 'TEST CLOCK: current time.'),
    'dev.clock.advance': method(
      z.object({
        ms: z
          .number()
          .int()
          .min(0)
          .max(400 * 86_400_000),
      }),
      clockNow,
      (i) => ({ now: clock.advance(i.ms) }),
      'TEST CLOCK: moves time forward, firing what falls due.',
    ),
  };
}
