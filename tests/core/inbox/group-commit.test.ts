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
