// Reminders fire on time through the outbox, recur in local wall-clock time across DST, respect quiet hours,
// and after a restart are sent (a little late) or marked missed (too late). Fake clock, no sleeping.
import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { world, DAY, HOUR, MIN, type World } from './helpers';
import { tempDir } from '../../helpers/test-app';

let w: World;
afterEach(async () => {
  await w?.close();
});

describe('firing', () => {
  it('sends at its due time (not before), through the outbox, and stores the text that went out', async () => {
    w = await world(); // Monday 2 March 2026, 10:00 in Berlin
    const olga = w.customer('sb-olga', 'Olga', 'Can you remind me about the cake?');
    const r = await w.t.call('reminders.create', {
      conversationId: olga.conversationId,
      kind: 'custom',
      text: 'Hi {name}, your cake at {business} is ready from {date}.',
      at: '2026-03-02T15:00',
    });
    expect(r).toMatchObject({ status: 'scheduled', contactId: olga.contactId, localDue: '2026-03-02T15:00', renderedText: null });
    expect(new Date(r.dueAt).toISOString()).toBe('2026-03-02T14:00:00.000Z');

    await w.at('2026-03-02T13:59:00Z');
    expect(w.deliveries).toHaveLength(0);
    await w.advance(MIN);
    expect(w.deliveries).toHaveLength(1);
    const d = w.deliveries[0];
    expect(d.customerKey).toBe('sb-olga');
    expect(d.text).toBe('Hi Olga, your cake at Test Bakery is ready from Mon, 2 March at 15:00.');
    expect(d.at - r.dueAt).toBeLessThan(MIN);

    const sent = await w.t.call('reminders.get', { id: r.id });
    expect(sent).toMatchObject({ status: 'sent', renderedText: d.text, messageId: d.messageId, messageStatus: 'read' });
    // The rendered text is frozen: renaming the contact later does not rewrite history.
    await w.t.call('contacts.update', { contactId: olga.contactId, name: 'Olga K.' });
    expect((await w.t.call('reminders.get', { id: r.id })).renderedText).toContain('Hi Olga,');
    const thread = await w.t.call('messages.list', { conversationId: olga.conversationId });
    expect(thread.filter((m) => m.body === d.text)).toHaveLength(1);
  });

  it('wakes up with one timer at the next due time instead of polling', async () => {
    w = await world();
    const a = w.customer('sb-a', 'A');
    // Other domains keep timers of their own (backups, the integrity check, reports); count only what reminders add.
    const idle = w.clock.pendingTimers();
    await w.t.call('reminders.create', { contactId: a.contactId, kind: 'follow_up', at: '2026-03-02T10:30' });
    // Nothing due for 30 minutes: the scheduler holds at most one pending timer of its own (≤ 1 minute away).
    expect(w.clock.pendingTimers() - idle).toBeLessThanOrEqual(1);
    await w.advance(29 * MIN);
    expect(w.deliveries).toHaveLength(0);
    await w.advance(MIN);
    expect(w.deliveries).toHaveLength(1);
    expect(w.deliveries[0].text).toMatch(/^Hi A, just checking in/);
  });

  it('refuses a time in the past and a placeholder it cannot fill, with a clear message', async () => {
    w = await world();
    const a = w.customer('sb-a', 'A');
    await expect(
      w.t.call('reminders.create', { contactId: a.contactId, kind: 'custom', text: 'Hi', at: '2026-03-01T10:00' }),
    ).rejects.toThrow(/already passed/);
    await expect(
      w.t.call('reminders.create', { contactId: a.contactId, kind: 'payment_due', text: 'Pay {total}', at: '2026-03-03T10:00' }),
    ).rejects.toThrow(/not linked to an order/);
    await expect(
      w.t.call('reminders.create', { contactId: a.contactId, kind: 'custom', text: 'x', at: '2026-02-30T10:00' }),
    ).rejects.toThrow(/date and time/);
    expect((await w.t.call('reminders.list', { tab: 'upcoming' })).counts.upcoming).toBe(0);
  });

  it('edits, cancels and sends now', async () => {
    w = await world();
    const a = w.customer('sb-a', 'Anna');
    const r = await w.t.call('reminders.create', { contactId: a.contactId, kind: 'custom', text: 'One', at: '2026-03-05T11:00' });
    const edited = await w.t.call('reminders.update', { id: r.id, text: 'Two, {name}', at: '2026-03-04T12:00' });
    expect(edited).toMatchObject({ template: 'Two, {name}', localDue: '2026-03-04T12:00' });
    const now = await w.t.call('reminders.sendNow', { id: r.id });
    await w.settle();
    expect(now.status).toBe('sent');
    expect(w.deliveries.map((d) => d.text)).toEqual(['Two, Anna']);
    await expect(w.t.call('reminders.cancel', { id: r.id })).rejects.toThrow(/Only upcoming/);

    const other = await w.t.call('reminders.create', { contactId: a.contactId, kind: 'custom', text: 'Three', at: '2026-03-04T12:00' });
    await w.t.call('reminders.cancel', { id: other.id });
    await w.at('2026-03-05T12:00:00Z');
    expect(w.deliveries).toHaveLength(1);
    const lists = await w.t.call('reminders.list', { tab: 'cancelled' });
    expect(lists.items.map((x) => [x.id, x.statusNote])).toEqual([[other.id, 'owner']]);
    expect(lists.counts).toEqual({ upcoming: 0, sent: 1, missed: 0, cancelled: 1 });
  });
});

describe('recurring, in the business time zone', () => {
  it('keeps a daily 10:00 reminder at 10:00 Berlin time across the spring-forward night', async () => {
    w = await world({ startAt: '2026-03-27T12:00:00Z' });
    const a = w.customer('sb-a', 'A');
    await w.t.call('reminders.settings.update', {
      ...(await w.t.call('reminders.settings.get')),
      quietHours: { mode: 'off', start: '21:00', end: '09:00' },
    });
    await w.t.call('reminders.create', {
      contactId: a.contactId,
      kind: 'custom',
      text: 'Daily {date}',
      at: '2026-03-28T10:00',
      repeat: 'daily',
    });
    for (let i = 0; i < 4 * 24; i++) await w.advance(HOUR);
    expect(w.deliveries).toHaveLength(4);
    // When each was fired and queued (the fake outbox then delivers at the end of the hour step).
    expect(await w.firedAt()).toEqual([
      '2026-03-28T09:00:00.000Z', // 10:00 CET
      '2026-03-29T08:00:00.000Z', // 10:00 CEST, the day the clocks jumped
      '2026-03-30T08:00:00.000Z',
      '2026-03-31T08:00:00.000Z',
    ]);
    expect(w.deliveries[1].text).toBe('Daily Sun, 29 March at 10:00');
    expect(w.deliveries[3].text).toBe('Daily Tue, 31 March at 10:00');
    const upcoming = await w.t.call('reminders.list', { tab: 'upcoming' });
    expect(upcoming.items.map((r) => r.localDue)).toEqual(['2026-04-01T10:00']);
  });

  it('keeps a weekly Sunday 02:30 reminder sensible on the fall-back night (sent once, at the first 02:30)', async () => {
    w = await world({ startAt: '2026-10-17T12:00:00Z' });
    const a = w.customer('sb-a', 'A');
    await w.t.call('reminders.settings.update', {
      ...(await w.t.call('reminders.settings.get')),
      quietHours: { mode: 'off', start: '21:00', end: '09:00' },
    });
    await w.t.call('reminders.create', {
      contactId: a.contactId,
      kind: 'custom',
      text: 'Weekly',
      at: '2026-10-18T02:30',
      repeat: 'weekly',
    });
    for (let i = 0; i < 15 * 24; i++) await w.advance(HOUR);
    expect(w.deliveries).toHaveLength(3);
    expect(await w.firedAt()).toEqual([
      '2026-10-18T00:30:00.000Z', // 02:30 CEST
      '2026-10-25T00:30:00.000Z', // the first 02:30 of the night the clocks go back — and only once
      '2026-11-01T01:30:00.000Z', // 02:30 CET
    ]);
  });

  it('repeats monthly on the 31st (end of shorter months) and every N days', async () => {
    w = await world({ startAt: '2026-01-30T12:00:00Z' });
    const a = w.customer('sb-a', 'A');
    await w.t.call('reminders.create', { contactId: a.contactId, kind: 'custom', text: 'Rent', at: '2026-01-31T12:00', repeat: 'monthly' });
    await w.t.call('reminders.create', {
      contactId: a.contactId,
      kind: 'custom',
      text: 'Water',
      at: '2026-02-01T12:00',
      repeat: 'every_n_days',
      every: 20,
    });
    for (let i = 0; i < 65; i++) await w.advance(DAY);
    const sent = (await w.t.call('reminders.list', { tab: 'sent', limit: 200 })).items.reverse();
    const local = (text: string) =>
      sent
        .filter((r) => r.renderedText === text)
        .map((r) => new Date(r.doneAt!).toLocaleString('sv-SE', { timeZone: 'Europe/Berlin' }).slice(0, 16));
    expect(local('Rent')).toEqual(['2026-01-31 12:00', '2026-02-28 12:00', '2026-03-31 12:00']);
    expect(local('Water')).toEqual(['2026-02-01 12:00', '2026-02-21 12:00', '2026-03-13 12:00', '2026-04-02 12:00']);
  });
});

describe('quiet hours', () => {
  it('holds a reminder due at 23:00 until 09:00, and "send now" is the owner overriding it', async () => {
    w = await world();
    const a = w.customer('sb-a', 'A');
    const late = await w.t.call('reminders.create', { contactId: a.contactId, kind: 'custom', text: 'Late', at: '2026-03-02T23:00' });
    expect(new Date(late.fireAt).toISOString()).toBe('2026-03-03T08:00:00.000Z'); // 09:00 Berlin
    const preview = await w.t.call('reminders.preview', { contactId: a.contactId, kind: 'custom', text: 'x', at: '2026-03-02T23:00' });
    expect(preview.fireAt).toBe(late.fireAt);
    await w.at('2026-03-03T07:59:00Z');
    expect(w.deliveries).toHaveLength(0);
    await w.advance(MIN);
    expect(w.deliveries.map((d) => d.text)).toEqual(['Late']);

    const again = await w.t.call('reminders.create', { contactId: a.contactId, kind: 'custom', text: 'Now', at: '2026-03-03T22:00' });
    await w.at('2026-03-03T21:30:00Z'); // 22:30 Berlin: quiet
    expect(w.deliveries).toHaveLength(1);
    await w.t.call('reminders.sendNow', { id: again.id });
    await w.settle();
    expect(w.deliveries.map((d) => d.text)).toEqual(['Late', 'Now']);
  });

  it('can follow opening hours instead, and changing the setting re-times what is scheduled', async () => {
    w = await world({ startAt: '2026-03-06T12:00:00Z' }); // Friday
    const a = w.customer('sb-a', 'A');
    const r = await w.t.call('reminders.create', { contactId: a.contactId, kind: 'custom', text: 'Sunday', at: '2026-03-08T12:00' });
    expect(r.fireAt).toBe(r.dueAt); // 12:00 is outside the default 21:00–09:00
    const settings = await w.t.call('reminders.settings.get');
    await w.t.call('reminders.settings.update', { ...settings, quietHours: { ...settings.quietHours, mode: 'opening_hours' } });
    const moved = await w.t.call('reminders.get', { id: r.id });
    expect(new Date(moved.fireAt).toISOString()).toBe('2026-03-09T08:00:00.000Z'); // closed Sunday → Monday 09:00
    await w.at('2026-03-09T07:59:00Z');
    expect(w.deliveries).toHaveLength(0);
    await w.advance(MIN);
    expect(w.deliveries).toHaveLength(1);
  });
});

describe('after Lavka was closed', () => {
  it('sends a reminder that is a little late and marks a very late one missed, shown to the owner', async () => {
    const dataDir = tempDir();
    try {
      w = await world({ dataDir });
      const a = w.customer('sb-a', 'A');
      const soon = await w.t.call('reminders.create', {
        contactId: a.contactId,
        kind: 'custom',
        text: 'A bit late',
        at: '2026-03-02T12:00',
      });
      const early = await w.t.call('reminders.create', {
        contactId: a.contactId,
        kind: 'custom',
        text: 'Too late',
        at: '2026-03-02T11:00',
      });
      const daily = await w.t.call('reminders.create', {
        contactId: a.contactId,
        kind: 'custom',
        text: 'Daily',
        at: '2026-03-02T11:00',
        repeat: 'daily',
      });
      await w.close();

      // Lavka comes back at 12:30 Berlin: 30 and 90 minutes late are both within the default 2 hours.
      w = await world({ dataDir, startAt: '2026-03-02T11:30:00Z' });
      expect((await w.t.call('reminders.get', { id: soon.id })).status).toBe('sent');
      expect((await w.t.call('reminders.get', { id: early.id })).status).toBe('sent');
      expect(w.deliveries.map((d) => d.text).sort()).toEqual(['A bit late', 'Daily', 'Too late']);
      await w.close();

      // Closed again for four days: the daily one is marked missed once and continues from the next future 11:00.
      w = await world({ dataDir, startAt: '2026-03-07T09:00:00Z' });
      const missed = await w.t.call('reminders.list', { tab: 'missed' });
      expect(missed.items).toHaveLength(1);
      expect(missed.items[0]).toMatchObject({ seriesId: daily.id, localDue: '2026-03-03T11:00', statusNote: 'late' });
      expect(w.deliveries).toHaveLength(0);
      const upcoming = await w.t.call('reminders.list', { tab: 'upcoming' });
      expect(upcoming.items.map((r) => r.localDue)).toEqual(['2026-03-07T11:00']);
      // The owner decides to send the missed one anyway.
      await w.t.call('reminders.sendNow', { id: missed.items[0].id });
      await w.settle();
      expect(w.deliveries.map((d) => d.text)).toEqual(['Daily']);
      expect((await w.t.call('reminders.list', { tab: 'upcoming' })).items).toHaveLength(1);
    } finally {
      await w.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('uses the configured catch-up window', async () => {
    const dataDir = tempDir();
    try {
      w = await world({ dataDir });
      const a = w.customer('sb-a', 'A');
      await w.t.call('reminders.settings.update', { ...(await w.t.call('reminders.settings.get')), catchUpMinutes: 15 });
      const r = await w.t.call('reminders.create', { contactId: a.contactId, kind: 'custom', text: 'x', at: '2026-03-02T12:00' });
      const r2 = await w.t.call('reminders.create', { contactId: a.contactId, kind: 'custom', text: 'y', at: '2026-03-02T12:20' });
      await w.close();
      w = await world({ dataDir, startAt: '2026-03-02T11:30:00Z' }); // 12:30: 30 and 10 minutes late
      expect((await w.t.call('reminders.get', { id: r.id })).status).toBe('missed');
      expect((await w.t.call('reminders.get', { id: r2.id })).status).toBe('sent');
      expect(w.deliveries.map((d) => d.text)).toEqual(['y']);
    } finally {
      await w.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
