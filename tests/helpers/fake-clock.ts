// A Clock for tests: time moves only when the test says so; due timers fire in order.
import type { Clock } from '../../main/core/clock';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(start: number | string = '2026-03-02T09:00:00Z') {
    this.t = typeof start === 'number' ? start : Date.parse(start);
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { id: ++this.seq, at: this.t + Math.max(0, ms), fn };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((x) => x.id !== handle);
  }

  /** Moves time forward, firing every timer that falls due on the way (in time order). */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const next = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next) break;
      this.timers = this.timers.filter((x) => x !== next);
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    this.t = end;
  }

  set(iso: string | number): void {
    const target = typeof iso === 'number' ? iso : Date.parse(iso);
    this.advance(Math.max(0, target - this.t));
  }

  /** When the next timer falls due, or null: lets a test step timer by timer, letting async work run in between. */
  nextTimerAt(): number | null {
    return this.timers.length ? Math.min(...this.timers.map((x) => x.at)) : null;
  }

  pendingTimers(): number {
    return this.timers.length;
  }
}
