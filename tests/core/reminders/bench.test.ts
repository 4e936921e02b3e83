// The bench entry point works on a small shop (the full 10,000-reminder run is part of `npm run bench`).
import { afterEach, expect, it } from 'vitest';
import { benchReminders } from '../../../main/core/reminders/bench';
import { world, type World } from './helpers';

let w: World;
afterEach(async () => {
  await w?.close();
});

it('measures finding and firing due reminders, and really fires them', async () => {
  w = await world({ startWorkers: false });
  const scheduled = Number(process.env.REMINDERS_BENCH_SCHEDULED ?? 500);
  const r = benchReminders(w.t.app.services, { scheduled, due: scheduled / 10 });
  if (process.env.REMINDERS_BENCH_SCHEDULED) console.log('[bench]', JSON.stringify(r));
  expect(r).toMatchObject({ scheduled, due: scheduled / 10 });
  for (const k of ['findDueMs', 'nextFireAtMs', 'upcomingPageMs', 'fireAllDueMs'] as const) expect(r[k]).toBeGreaterThanOrEqual(0);
  const counts = (await w.t.call('reminders.list', { tab: 'sent', limit: 1 })).counts;
  expect(counts).toMatchObject({ upcoming: scheduled, sent: scheduled / 10 });
  // Quiet hours are back as they were.
  expect((await w.t.call('reminders.settings.get')).quietHours.mode).toBe('fixed');
}, 120_000);
