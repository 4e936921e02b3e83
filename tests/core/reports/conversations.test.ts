import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { FakeClock } from '../../helpers/fake-clock';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { History, HOUR, MIN } from './history';

// The shop is in Europe/Berlin (UTC+1 in winter, UTC+2 from 29 March 2026 02:00 → 03:00).
const WEEK = { preset: 'custom', from: '2026-03-23', to: '2026-03-29' } as const;

describe('reports: how fast the shop answers', () => {
  let t: TestApp;
  let h: History;
  beforeEach(async () => {
    t = await makeTestApp({ clock: new FakeClock('2026-03-31T10:00:00Z'), startWorkers: false });
    h = new History(t.app.services.db);

    // Two messages in a row, one owner reply: one wait of 10 minutes that began at 09:00 local.
    h.chat(
      'Anna',
      [
        ['2026-03-24T08:00:00Z', 'customer'],
        ['2026-03-24T08:02:00Z', 'customer'],
        ['2026-03-24T08:10:00Z', 'owner'],
      ],
      { since: '2026-01-05T10:00:00Z' },
    );
    // 23:50 local, answered by Auto at 00:03 the next day: 13 minutes, in the 23:00 hour.
    const boris = h.customer('Boris', { channel: 'telegram', since: '2026-03-24T22:50:00Z' });
    h.msg(boris, '2026-03-24T22:50:00Z', 'customer');
    h.msg(boris, '2026-03-24T23:03:00Z', 'assistant');
    // A reminder and an order notice are not answers; the owner's reply two hours later is.
    const chen = h.chat('Chen', [['2026-03-25T09:00:00Z', 'customer']]);
    const reminder = h.msg(chen, '2026-03-25T09:30:00Z', 'owner', 'Reminder: your order is unpaid');
    h.reminder(chen.contactId, reminder, '2026-03-25T09:30:00Z');
    const order = h.order(chen, '2026-03-20T09:00:00Z', { totalMinor: 500 });
    const notice = h.msg(chen, '2026-03-25T09:40:00Z', 'owner', 'Your order is ready');
    h.statusNotice(order, notice, '2026-03-25T09:40:00Z');
    h.msg(chen, '2026-03-25T09:41:00Z', 'system', 'escalated');
    h.msg(chen, '2026-03-25T11:00:00Z', 'owner');
    // The night clocks went forward: 01:30 UTC is 03:30 local (there was no 02:3/*DROP*/0).
    h.chat('Dora', [
      ['2026-03-29T01:30:00Z', 'customer'],
      ['2026-03-29T01:34:00Z', 'assistant'],
    ]);
    // The week before: one wait of 30 minutes.
    h.chat('Fritz', [
      ['2026-03-18T10:00:00Z', 'customer'],
      ['2026-03-18T10:30:00Z', 'owner'],
    ]);
    // Waiting right now, for an hour.
    const emil = h.customer('Emil', { channel: 'telegram', since: '2026-03-31T09:00:00Z' });
    h.msg(emil, '2026-03-31T09:00:00Z', 'customer');
  });
  afterEach(() => t.close());

  it('measures each wait from the first unanswered message to the first reply by the owner or the assistant', async () => {
    const r = await t.call('reports.conversations', { period: WEEK });
    const s = r.current.speed;
    expect(s.spells).toBe(4);
    expect(s.answered).toBe(4);
    // Waits: 4 (Dora), 10 (Anna), 13 (Boris), 120 (Chen) minutes.
    expect(s.all).toEqual({ n: 4, median: 11.5 * MIN, p90: Math.round(87.9 * MIN) });
    expect(s.owner).toEqual({ n: 2, median: 65 * MIN, p90: 109 * MIN });
    expect(s.assistant.median).toBe(8.5 * MIN);
    expect(s.within5m).toBe(1);
    expect(s.within1h).toBe(3);
    expect(r.prior.speed.all).toEqual({ n: 1, median: 30 * MIN, p90: 30 * MIN });
    expect(r.period).toMatchObject({ fromDate: '2026-03-23', toDate: '2026-03-29', days: 7 });
    expect(r.previous).toMatchObject({ fromDate: '2026-03-16', toDate: '2026-03-22' });
    // The week has a 23-hour day: it ends at local midnight, 22:00 UTC.
    expect(new Date(r.period.to).toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('files waits by local hour of day (across midnight and the DST change) and by channel', async () => {
    const s = (await t.call('reports.conversations', { period: WEEK })).current.speed;
    const hour = (n: number) => s.byHour[n];
    expect(hour(9).owner).toMatchObject({ n: 1, median: 10 * MIN });
    expect(hour(23).assistant).toMatchObject({ n: 1, median: 13 * MIN });
    expect(hour(0).spells).toBe(0);
    expect(hour(10).owner.median).toBe(2 * HOUR);
    expect(hour(3).assistant.median).toBe(4 * MIN);
    expect(hour(2).spells).toBe(0);
    expect(s.byChannel.map((c) => [c.channel, c.spells, c.all.median])).toEqual([
      ['whatsapp', 3, 10 * MIN],
      ['telegram', 1, 13 * MIN],
    ]);
  });

  it('shows who is waiting now and since when', async () => {
    const r = await t.call('reports.conversations', { period: { preset: 'today' } });
    expect(r.waiting).toMatchObject({ conversations: 1, messages: 1, oldestSince: Date.parse('2026-03-31T09:00:00Z'), over24h: 0 });
    expect(r.current.speed.spells).toBe(1);
    expect(r.current.speed.answered).toBe(0);
    // Two days later the wait is older than a day.
    t.clock.advance(2 * 24 * HOUR);
    expect((await t.call('reports.conversations', { period: { preset: 'today' } })).waiting.over24h).toBe(1);
  });

  it('exports the by-hour chart as CSV that reads back', async () => {
    const csv = await t.call('reports.exportCsv', { section: 'conversations', table: 'byHour', period: WEEK });
    expect(csv.filename).toBe('lavka-report-conversations-byHour-2026-03-23_2026-03-29.csv');
    const rows: Record<string, string>[] = parse(csv.content, { columns: true, bom: true });
    expect(rows).toHaveLength(24);
    expect(rows[9]).toMatchObject({
      hour: '9',
      customers_waited: '1',
      owner_answers: '1',
      owner_median_s: '600',
      assistant_answers: '0',
      assistant_median_s: '',
    });
    expect(rows[23]).toMatchObject({ assistant_median_s: '780' });
    await expect(t.call('reports.exportCsv', { section: 'conversations', table: 'nope', period: WEEK })).rejects.toThrow(
      /invalid_input.*byHour/,
    );
  });

  it('refuses a period that makes no sense, with a clear message', async () => {
    await expect(t.call('reports.conversations', { period: { preset: 'custom', from: '2026-03-29', to: '2026-03-23' } })).rejects.toThrow(
      /starts after it ends/,
    );
    await expect(t.call('reports.conversations', { period: { preset: 'custom', from: '2026-02-30', to: '2026-03-23' } })).rejects.toThrow(
      /real dates/,
    );
    await expect(t.call('reports.conversations', { period: { preset: 'custom', from: '2024-01-01', to: '2026-03-23' } })).rejects.toThrow(
      /at most 366 days/,
    );
  });
});

describe('reports: resolution without conversation states', () => {
  let t: TestApp;
  let h: History;
  beforeEach(async () => {
    t = await makeTestApp({ clock: new FakeClock('2026-03-31T10:00:00Z'), startWorkers: false });
    h = new History(t.app.services.db);
  });
  afterEach(() => t.close());

  it('counts a matter resolved when the customer stays quiet 7 days after the reply; a return after a day is a reopen', async () => {
    h.chat('G', [
      ['2026-03-02T10:00:00Z', 'customer'],
      ['2026-03-02T10:05:00Z', 'owner'],
    ]);
    // Back two days later on the same matter: reopened; resolved once the second reply stood for 7 days.
    h.chat('H', [
      ['2026-03-03T10:00:00Z', 'customer'],
      ['2026-03-03T10:10:00Z', 'owner'],
      ['2026-03-05T10:00:00Z', 'customer'],
      ['2026-03-05T11:00:00Z', 'owner'],
    ]);
    // "Thanks!" half an hour later is a second round but not a reopen.
    h.chat('I', [
      ['2026-03-04T10:00:00Z', 'customer'],
      ['2026-03-04T10:01:00Z', 'assistant'],
      ['2026-03-04T10:30:00Z', 'customer'],
      ['2026-03-04T10:31:00Z', 'owner'],
    ]);
    h.chat('J', [['2026-03-06T10:00:00Z', 'customer']]);
    // Coming back 8 days later is a new matter (outside this period).
    h.chat('K', [
      ['2026-03-14T10:00:00Z', 'customer'],
      ['2026-03-14T10:10:00Z', 'owner'],
      ['2026-03-22T10:00:00Z', 'customer'],
      ['2026-03-22T10:05:00Z', 'owner'],
    ]);
    // Answered yesterday: too early to tell.
    h.chat('N', [
      ['2026-03-30T10:00:00Z', 'customer'],
      ['2026-03-30T10:05:00Z', 'owner'],
    ]);

    const r = (await t.call('reports.conversations', { period: { preset: 'custom', from: '2026-03-02', to: '2026-03-15' } })).current
      .resolution;
    expect(r).toMatchObject({ matters: 5, resolved: 4, firstContact: 2, reopened: 1, unanswered: 1, tooEarly: 0 });
    // Resolution times 5 min (G), 10 min (K), 31 min (I), 49 h (H).
    expect(r.time.median).toBe(20.5 * MIN);
    const later = (await t.call('reports.conversations', { period: { preset: 'custom', from: '2026-03-16', to: '2026-03-31' } })).current
      .resolution;
    expect(later).toMatchObject({ matters: 2, resolved: 1, tooEarly: 1, firstContact: 1 });
  });

  it('re-reads a conversation when older history arrives late (a backfill) or messages move in a merge', async () => {
    const a = h.chat('A', [
      ['2026-03-10T10:00:00Z', 'customer'],
      ['2026-03-10T12:00:00Z', 'owner'],
    ]);
    const period = { preset: 'custom', from: '2026-03-09', to: '2026-03-15' } as const;
    expect((await t.call('reports.conversations', { period })).current.speed.all.median).toBe(2 * HOUR);
    // The owner's earlier reply from the phone arrives later (stored after, but written at 10:20).
    h.msg(a, '2026-03-10T10:20:00Z', 'owner');
    expect((await t.call('reports.conversations', { period })).current.speed.all.median).toBe(20 * MIN);
    // Merging B into A moves B's messages: both conversations are read again.
    const b = h.chat('B', [
      ['2026-03-11T10:00:00Z', 'customer'],
      ['2026-03-11T10:03:00Z', 'assistant'],
    ]);
    expect((await t.call('reports.conversations', { period })).current.speed.spells).toBe(2);
    t.app.services.db.prepare('UPDATE messages SET conversation_id = ? WHERE conversation_id = ?').run(a.conversationId, b.conversationId);
    t.app.services.db.prepare('DELETE FROM conversations WHERE id = ?').run(b.conversationId);
    const s = (await t.call('reports.conversations', { period })).current.speed;
    expect(s.spells).toBe(2);
    expect(s.assistant).toMatchObject({ n: 1, median: 3 * MIN });
  });
});

describe('reports: a long history is read in the background', () => {
  it('says it is still preparing, fills in while Lavka runs, and then answers in full', async () => {
    const t = await makeTestApp({ clock: new FakeClock('2026-03-31T10:00:00Z') });
    try {
      const h = new History(t.app.services.db);
      const c = h.customer('Big', { since: '2025-01-01T00:00:00Z' });
      const ins = t.app.services.db.prepare(
        `INSERT INTO messages(conversation_id, direction, channel, author, body, status, created_at, updated_at) VALUES (?, ?, 'whatsapp', ?, 'x', 'sent', ?, ?)`,
      );
      const start = Date.parse('2026-03-01T00:00:00Z');
      t.app.services.db.transaction(() => {
        // 12,500 questions answered after 2 minutes each: 25,000 messages, more than a report call reads itself.
        for (let i = 0; i < 12_500; i++) {
          const at = start + i * 3 * MIN;
          ins.run(c.conversationId, 'in', 'customer', at, at);
          ins.run(c.conversationId, 'out', 'owner', at + 2 * MIN, at + 2 * MIN);
        }
      })();
      const period = { preset: 'custom', from: '2026-03-01', to: '2026-03-20' } as const;
      const first = await t.call('reports.conversations', { period });
      expect(first.preparing).toEqual({ done: 20_000, total: 25_000 });
      // The background reader starts 3 s after start-up and reads the rest in short slices.
      t.clock.advance(5000);
      const second = await t.call('reports.conversations', { period });
      expect(second.preparing).toBeNull();
      // Every 3 minutes from 1 March 00:00 UTC until the period ends at midnight in Berlin (20 March 23:00 UTC).
      expect(second.current.speed.spells).toBe((Date.parse('2026-03-20T23:00:00Z') - start) / (3 * MIN));
      expect(second.current.speed.all.median).toBe(2 * MIN);
    } finally {
      await t.close();
    }
  });
});
