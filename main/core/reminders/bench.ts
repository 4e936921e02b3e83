// Measurement for `npm run bench`: how fast the scheduler finds due reminders among many scheduled ones, and how
// long firing a burst takes. Writes its own contacts and reminders into the app it is given (use a throwaway shop).
import type { Services } from '../app';
import { RemindersRepo } from '../db/repos/reminders-repo';
import { SETTINGS_KEY, remindersSettingsSchema } from './settings';
import { formatLocal, toLocal } from '../../shared/zoned-time';

export interface RemindersBenchResult {
  /** Scheduled reminders in the table while measuring (besides the due ones). */
  scheduled: number;
  due: number;
  /** Median time of the scheduler's "what is due now" query (one batch of 200). */
  findDueMs: number;
  /** Median time of "when is the next one" (what the timer is armed with). */
  nextFireAtMs: number;
  /** Median time of the Reminders page's first Upcoming page (50 rows with previews). */
  upcomingPageMs: number;
  /** Firing every due reminder: queued in the outbox and marked sent, batch by batch. */
  fireAllDueMs: number;
  fireMsPerReminder: number;
}

function median(fn: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export function benchReminders(s: Services, opts: { scheduled?: number; due?: number; contacts?: number } = {}): RemindersBenchResult {
  const scheduled = opts.scheduled ?? 10_000;
  const due = opts.due ?? 1_000;
  const contactCount = Math.max(1, opts.contacts ?? Math.ceil((scheduled + due) / 10));
  const repo = new RemindersRepo(s.db);
  const now = s.clock.now();
  const tz = s.settings.get().business.timeZone;

  // A throwaway population: sandbox customers with a conversation each, reminders spread over the next 30 days.
  const contactIds: number[] = [];
  s.db.transaction(() => {
    for (let i = 0; i < contactCount; i++) {
      const id = s.repos.contacts.create({ name: `Bench customer ${i}` }, now);
      s.repos.contacts.addIdentity(id, 'sandbox', `sb-bench-${now}-${i}`, '', now);
      s.repos.conversations.create(id, 'sandbox', now);
      contactIds.push(id);
    }
    for (let i = 0; i < scheduled + due; i++) {
      const at = i < due ? now - 60_000 : now + 60_000 + Math.floor(((i - due) / scheduled) * 30 * 86_400_000);
      repo.insert(
        {
          contactId: contactIds[i % contactIds.length],
          seriesId: null,
          kind: 'custom',
          source: 'manual',
          ruleKey: null,
          orderId: null,
          template: 'Hi {name}, a reminder from {business}.',
          channel: null,
          dueAt: at,
          fireAt: at,
          eventAt: null,
          timeZone: tz,
          localDue: formatLocal(toLocal(at, tz)),
          repeat: 'none',
          repeatEvery: 1,
          repeatDay: null,
          personalise: false,
        },
        now,
      );
    }
  })();

  const findDueMs = median(() => repo.due(now, 200), 200);
  const nextFireAtMs = median(() => repo.nextFireAt(), 200);
  const upcomingPageMs = median(() => s.reminders.list('upcoming', { limit: 50 }), 20);

  // Fire the burst the way the scheduler does, with quiet hours off so the time of day does not matter.
  const saved = s.settings.section(SETTINGS_KEY, remindersSettingsSchema, s.reminders.getSettings());
  s.settings.setSection(SETTINGS_KEY, remindersSettingsSchema, { ...saved, quietHours: { ...saved.quietHours, mode: 'off' } });
  const t0 = performance.now();
  try {
    for (;;) {
      const r = s.reminders.runDue(200);
      if (!r.more) break;
    }
  } finally {
    s.settings.setSection(SETTINGS_KEY, remindersSettingsSchema, saved);
  }
  const fireAllDueMs = performance.now() - t0;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    scheduled,
    due,
    findDueMs: round(findDueMs),
    nextFireAtMs: round(nextFireAtMs),
    upcomingPageMs: round(upcomingPageMs),
    fireAllDueMs: Math.round(fireAllDueMs),
    fireMsPerReminder: round(due ? fireAllDueMs / due : 0),
  };
}
