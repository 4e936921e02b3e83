// Delivery guarantees: 1,000 reminders due at once go out paced through the outbox, none lost and none doubled;
// a reminder fires once even if two schedulers run or the process dies between queueing and marking it sent;
// a reminder for a contact deleted in between never fires.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { world, MIN, type World } from './helpers';
import { createApp } from '../../../main/core/app';
import { RemindersRepo } from '../../../main/core/db/repos/reminders-repo';
import type { SendGate } from '../../../main/core/channels/outbox';

let w: World;
afterEach(async () => {
  vi.restoreAllMocks();
  await w?.close();
});

/** Pacing as the channels domain does it: at most one send per `gapMs` on a channel. */
function gate(gapMs: number): SendGate {
  const last = new Map<string, number>();
  return {
    nextAllowedAt: (row) => (last.has(row.channel) ? last.get(row.channel)! + gapMs : 0),
    recordSend: (row, now) => void last.set(row.channel, now),
  };
}

const count = (w: World, sql: string, ...args: unknown[]) => (w.t.app.services.db.prepare(sql).get(...args) as { n: number }).n;

describe('1,000 reminders due at once', () => {
  it('are all queued, then sent paced through the outbox: exactly one message per customer, none lost, none doubled', async () => {
    w = await world();
    const s = w.t.app.services;
    const N = 1000;
    for (let i = 0; i < N; i++) {
      const c = w.customer(`sb-c${i}`, `Customer ${i}`, 'Hi');
      s.reminders.create({ contactId: c.contactId, kind: 'custom', text: 'Spring sale, {name}!', at: '2026-03-02T12:00' });
    }
    s.outbox.setGate(gate(1_000));
    await w.settle();
    w.deliveries.length = 0;

    const started = performance.now();
    await w.at('2026-03-02T11:00:00Z');
    const queueMs = performance.now() - started;
    // Every reminder was turned into a queued message at its due time, in batches, in one go of the clock.
    expect(count(w, `SELECT count(*) AS n FROM reminders WHERE status = 'sent'`)).toBe(N);
    expect(count(w, `SELECT count(*) AS n FROM reminders WHERE status = 'sent' AND done_at = ?`, Date.parse('2026-03-02T11:00:00Z'))).toBe(
      N,
    );
    expect(count(w, `SELECT count(*) AS n FROM messages WHERE body LIKE 'Spring sale%'`)).toBe(N);
    // Pacing: one send per second, so only the first went out at once.
    expect(w.deliveries.length).toBe(1);

    for (let i = 0; i < 1100 && w.deliveries.length < N; i++) await w.advance(1_000);
    expect(w.deliveries).toHaveLength(N);
    expect(new Set(w.deliveries.map((d) => d.messageId)).size).toBe(N);
    expect(new Set(w.deliveries.map((d) => d.customerKey)).size).toBe(N);
    const times = w.deliveries.map((d) => d.at);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(1_000);
    expect(s.repos.outbox.counts()).toMatchObject({ queued: 0, sending: 0, sent: N, failed: 0 });

    // Running the scheduler again (or a second one) finds nothing more to do.
    expect(s.reminders.runDue().processed).toBe(0);
    await w.advance(10 * MIN);
    expect(w.deliveries).toHaveLength(N);
    expect(count(w, `SELECT count(*) AS n FROM messages WHERE body LIKE 'Spring sale%'`)).toBe(N);
    console.log(`[bench] 1,000 due reminders queued in ${queueMs.toFixed(0)} ms`);
  }, 60_000);
});

describe('firing exactly once', () => {
  it('fires once when two schedulers on the same database race for it', async () => {
    w = await world();
    const a = w.customer('sb-a', 'A');
    const r = await w.t.call('reminders.create', { contactId: a.contactId, kind: 'custom', text: 'Once', at: '2026-03-02T10:05' });
    const other = createApp({ dataDir: w.t.dataDir, clock: w.clock, env: {}, startWorkers: false });
    try {
      // Both see it due at the same moment; whichever runs first sends, the other finds it already sent.
      const outcomes = [other.services.reminders.fire(r.id, r.fireAt), w.t.app.services.reminders.fire(r.id, r.fireAt)];
      expect(outcomes.sort()).toEqual(['gone', 'sent']);
      w.t.app.services.outbox.kick();
      await w.settle();
      expect(w.deliveries.map((d) => d.text)).toEqual(['Once']);
      expect(count(w, `SELECT count(*) AS n FROM messages WHERE body = 'Once'`)).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('queues nothing when it dies between queueing the message and marking the reminder sent, then sends once', async () => {
    w = await world();
    const a = w.customer('sb-a', 'A');
    const r = await w.t.call('reminders.create', { contactId: a.contactId, kind: 'custom', text: 'Crash test', at: '2026-03-02T10:05' });
    const markSent = vi.spyOn(RemindersRepo.prototype, 'markSent').mockImplementationOnce(() => {
      throw new Error('power cut');
    });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await w.at('2026-03-02T09:05:00Z');
    expect(markSent).toHaveBeenCalledTimes(1);
    // The whole firing rolled back: no message, no outbox row, still scheduled.
    expect((await w.t.call('reminders.get', { id: r.id })).status).toBe('scheduled');
    expect(count(w, `SELECT count(*) AS n FROM messages WHERE body = 'Crash test'`)).toBe(0);
    expect(w.deliveries).toHaveLength(0);
    // It is tried again a minute later and sent, once.
    await w.advance(MIN);
    expect((await w.t.call('reminders.get', { id: r.id })).status).toBe('sent');
    expect(w.deliveries.map((d) => d.text)).toEqual(['Crash test']);
    expect(count(w, `SELECT count(*) AS n FROM messages WHERE body = 'Crash test'`)).toBe(1);
  });
});

describe('contact deleted in between', () => {
  it('never fires a reminder for a customer who was erased after it was planned', async () => {
    w = await world();
    const gone = w.customer('sb-gone', 'Gone Soon', 'Hi');
    const stays = w.customer('sb-stays', 'Stays', 'Hi');
    const r1 = await w.t.call('reminders.create', {
      contactId: gone.contactId,
      kind: 'custom',
      text: 'For Gone',
      at: '2026-03-02T12:00',
      repeat: 'daily',
    });
    await w.t.call('reminders.create', { contactId: stays.contactId, kind: 'custom', text: 'For Stays', at: '2026-03-02T12:00' });
    await w.t.call('contacts.erase', { contactId: gone.contactId });
    expect(count(w, 'SELECT count(*) AS n FROM reminders WHERE contact_id = ?', gone.contactId)).toBe(0);
    await expect(w.t.call('reminders.get', { id: r1.id })).rejects.toThrow(/not found/);
    await w.at('2026-03-04T12:00:00Z');
    expect(w.deliveries.map((d) => d.text)).toEqual(['For Stays']);
  });

  it('skips a reminder whose contact disappears between being found due and being fired', async () => {
    w = await world();
    const gone = w.customer('sb-gone', 'Gone Soon', 'Hi');
    const r = await w.t.call('reminders.create', { contactId: gone.contactId, kind: 'custom', text: 'Race', at: '2026-03-02T12:00' });
    w.t.app.services.db.prepare('DELETE FROM contacts WHERE id = ?').run(gone.contactId);
    expect(w.t.app.services.reminders.fire(r.id, Date.parse('2026-03-02T11:00:00Z'))).toBe('gone');
    await w.at('2026-03-02T11:01:00Z');
    expect(w.deliveries).toHaveLength(0);
  });
});
