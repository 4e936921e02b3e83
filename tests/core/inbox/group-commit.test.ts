// Messages that arrive together are stored in one transaction: the same rows, the same dedupe, events only after
// the commit, and all-or-nothing when the commit fails.
import { afterEach, describe, expect, it } from 'vitest';
import { flush, makeTestApp, type TestApp } from '../../helpers/test-app';
import type { AppEvent } from '../../../main/core/events';

let t: TestApp;
afterEach(async () => t?.close());

const inbound = (externalId: string, from: string, body: string, at = Date.parse('2026-03-02T08:00:00Z')) => ({
  channel: 'telegram',
  externalId,
  from: { externalId: from, display: `User ${from}` },
  kind: 'text' as const,
  body,
  at,
});

describe('group commit of inbound messages', () => {
  it('stores a burst like one-by-one receives would, skipping duplicates inside and outside the burst', async () => {
    t = await makeTestApp();
    const s = t.app.services;
    s.inbox.receive(inbound('m1', 'anna', 'first'));
    const events: AppEvent[] = [];
    s.events.subscribe((e) => events.push(e));
    const r = s.inbox.receiveMany([
      inbound('m1', 'anna', 'first'),
      inbound('m2', 'anna', 'second'),
      inbound('m3', 'boris', 'hi'),
      inbound('m3', 'boris', 'hi'),
    ]);
    expect(r.map((x) => x.stored)).toEqual([false, true, true, false]);
    expect(r[1].conversationId).toBe(s.inbox.receive(inbound('m9', 'anna', 'x')).conversationId);
    expect(s.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 4 });
    expect(events.filter((e) => e.type === 'message.new')).toHaveLength(3);
    expect((await t.call('inbox.search', { query: 'second' })).hits).toHaveLength(1);
  });

  it("leaves every inbox row and last-seen as one-by-one receives would, however a conversation's messages interleave", async () => {
    // Customer messages, the owner's replies from the phone, a new sender and a changed display name, in one burst.
    const burst = [
      inbound('b1', 'anna', 'hello'),
      { ...inbound('b2', 'anna', 'on my way', Date.parse('2026-03-02T08:01:00Z')), fromOwner: true },
      inbound('b3', 'boris', 'price?'),
      { ...inbound('b4', 'anna', 'thanks', Date.parse('2026-03-02T08:02:00Z')), from: { externalId: 'anna', display: 'Anna K.' } },
      { ...inbound('b5', 'boris', 'sure', Date.parse('2026-03-02T07:59:00Z')), fromOwner: true },
      { ...inbound('b6', 'carla', 'hi'), from: { externalId: 'carla', display: '' } },
      inbound('b7', 'carla', 'anyone?'),
    ];
    const rows = async (store: (s: TestApp['app']['services']) => void) => {
      const app = await makeTestApp();
      const s = app.app.services;
      // Known senders with conversations in different states before the burst.
      s.inbox.receive(inbound('a1', 'anna', 'earlier', Date.parse('2026-03-01T08:00:00Z')));
      s.inbox.receive(inbound('a2', 'boris', 'earlier', Date.parse('2026-03-01T08:00:00Z')));
      s.inbox.markRead(s.inbox.receive(inbound('a3', 'anna', 'read', Date.parse('2026-03-01T09:00:00Z'))).conversationId!);
      app.clock.advance(60_000);
      store(s);
      const out = {
        conversations: s.db
          .prepare(
            `SELECT contact_id, last_message_id, last_message_at, last_preview, last_channel, last_inbound_channel, unread_count, state, snoozed_until
             FROM conversations ORDER BY id`,
          )
          .all(),
        identities: s.db.prepare('SELECT external_id, display, last_seen_at FROM identities ORDER BY id').all(),
      };
      await app.close();
      return out;
    };
    const oneByOne = await rows((s) => burst.forEach((m) => s.inbox.receive(m)));
    const together = await rows((s) => s.inbox.receiveMany(burst));
    expect(together).toEqual(oneByOne);
    // Anna wrote last (open); Boris got the owner's reply after his question (waiting); Carla is new (open).
    expect(oneByOne.conversations.map((c) => (c as { state: string }).state)).toEqual(['open', 'waiting', 'open']);
  });

  it('publishes nothing and stores nothing when the commit fails', async () => {
    t = await makeTestApp();
    const s = t.app.services;
    const events: AppEvent[] = [];
    s.events.subscribe((e) => events.push(e));
    s.db.exec(`CREATE TRIGGER fail_on_boom BEFORE INSERT ON messages WHEN new.body = 'boom' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => s.inbox.receiveMany([inbound('a1', 'anna', 'fine'), inbound('a2', 'anna', 'boom')])).toThrow(/disk full/);
    await flush();
    expect(s.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
    expect(s.db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 0 });
    expect(events.filter((e) => e.type === 'message.new')).toHaveLength(0);
    // Delivered again after the failure, it is stored.
    expect(s.inbox.receiveMany([inbound('a1', 'anna', 'fine')])[0].stored).toBe(true);
  });
});
