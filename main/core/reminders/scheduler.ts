// Wakes up at the next reminder's fire time (one clock timer, not a polling loop) and fires what is due in batches.
// The timer never waits longer than a minute, so a sleeping laptop or a changed system clock is caught up quickly.
import type { Clock } from '../clock';
import type { RemindersService } from './service';
import type { RuleEngine } from './rules';

/** Longest single wait: keeps "fires within a minute" true across suspend and clock changes. */
export const MAX_WAIT_MS = 60_000;
/** Reminders fired per turn; more due ones continue on the next turn so the app stays responsive. */
export const BATCH = 200;
/** How often automatic rules are re-checked against the data besides the events that trigger them. */
export const RECONCILE_EVERY_MS = 10 * 60_000;

export class ReminderScheduler {
  private timer: unknown = null;
  private stopped = true;
  private running = false;
  private lastReconcile = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly service: RemindersService,
    private readonly rules: RuleEngine,
  ) {}

  /** Catches up on whatever fell due while Lavka was closed, then keeps time. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.rules.start();
    this.lastReconcile = this.clock.now();
    this.tick();
  }

  stop(): void {
    this.stopped = true;
    this.rules.stop();
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Re-arms the timer for the soonest scheduled reminder (called after every change). */
  arm(): void {
    if (this.stopped || this.running) return;
    if (this.timer) this.clock.clearTimeout(this.timer);
    const next = this.service.nextFireAt();
    const now = this.clock.now();
    const delay = next === undefined ? MAX_WAIT_MS : Math.min(MAX_WAIT_MS, Math.max(0, next - now));
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.tick();
    }, delay);
  }

  /** One turn: re-check rules now and then, fire one batch, and come back at once if more are waiting. */
  tick(): void {
    if (this.stopped || this.running) return;
    // Reminders that asked for the assistant's wording get it first (asynchronously), then this turn runs again.
    const wording = this.service.duePersonalisation();
    if (wording.length > 0) {
      this.running = true;
      void this.service
        .preparePersonalised(wording)
        .catch((err) => console.error('[reminders] personalising failed', err))
        .finally(() => {
          this.running = false;
          this.tick();
        });
      return;
    }
    this.running = true;
    let more = false;
    try {
      if (this.clock.now() - this.lastReconcile >= RECONCILE_EVERY_MS) {
        this.lastReconcile = this.clock.now();
        this.rules.reconcile();
      }
      more = this.service.runDue(BATCH).more;
    } catch (err) {
      console.error('[reminders] scheduler turn failed', err);
    } finally {
      this.running = false;
    }
    if (this.stopped) return;
    if (more) {
      if (this.timer) this.clock.clearTimeout(this.timer);
      this.timer = this.clock.setTimeout(() => {
        this.timer = null;
        this.tick();
      }, 0);
    } else {
      this.arm();
    }
  }
}
