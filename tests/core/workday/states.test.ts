import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, tempDir, type TestApp } from '../../helpers/test-app';

let t: TestApp;
afterEach(async () => {
  keys.clear();
  await t?.close();
});

const HOUR = 3_600_000;

const keys = new Map<string, string>();
/** One sandbox customer per name: the same name writes again from the same phone. */
async function customer(name: string, text = 'Hello') {
  const r = await t.call('sandbox.say', { name, text, customerKey: keys.get(name) });
  keys.set(name, r.customerKey);
  return r.conversationId!;
}
const stateOf = async (id: number) => (await t.call('inbox.get', { conversationId: id })).state;

describe('conversation states', () => {
  it('a new conversation is open; the owner answering hands the turn to the customer; the customer writing reopens', async () => {
    t = await makeTestApp({ startWorkers: false });
    const id = await customer('Anna');
    expect(await stateOf(id)).toBe('open');
    await t.call('messages.send', { conversationId: id, text: 'Yes, we have it' });
    expect(await stateOf(id)).toBe('waiting');
    await customer('Anna', 'Great, I take two');
    expect(await stateOf(id)).toBe('open');
  });

  it('resolved stays resolved when the owner writes, and reopens when the customer writes', async () => {
    t = await makeTestApp({ startWorkers: false });
    const id = await customer('Boris');
    await t.call('conversations.setState', { conversationId: id, state: 'resolved' });
    await t.call('messages.send', { conversationId: id, text: 'Thanks!' });
    expect(await stateOf(id)).toBe('resolved');
    await customer('Boris', 'One more question');
    expect(await stateOf(id)).toBe('open');
  });

  it('filters and counts by state', async () => {
    t = await makeTestApp({ startWorkers: false });
    const a = await customer('A');
    const b = await customer('B');
    const c = await customer('C');
    await t.call('conversations.setState', { conversationId: a, state: 'resolved' });
    await t.call('conversations.snooze', { conversationId: b, until: t.clock.now() + HOUR });
    const counts = await t.call('conversations.counts');
    expect(counts).toMatchObject({ open: 1, resolved: 1, snoozed: 1, waiting: 0 });
    expect((await t.call('inbox.list', { state: 'open' })).items.map((x) => x.id)).toEqual([c]);
    expect((await t.call('inbox.list', { state: 'resolved' })).items.map((x) => x.id)).toEqual([a]);
    await t.call('messages.send', { conversationId: c, text: 'Answer' });
    // The default view: everything still in play (open or waiting), neither resolved nor snoozed.
    expect((await t.call('inbox.list', { state: 'active' })).items.map((x) => x.id)).toEqual([c]);
    expect((await t.call('inbox.list', { state: 'snoozed' })).items[0]).toMatchObject({ id: b, snoozedUntil: t.clock.now() + HOUR });
  });

  it('a snoozed conversation comes back when its time comes (on the app clock), not before', async () => {
    t = await makeTestApp({ startWorkers: false });
    const id = await customer('Clara');
    const seen: string[] = [];
    t.app.services.events.subscribe((e) => {
      if (e.type === 'conversation.updated') seen.push((e.payload as { conversation: { state: string } }).conversation.state);
    });
    await t.call('conversations.snooze', { conversationId: id, until: t.clock.now() + 2 * HOUR });
    t.clock.advance(2 * HOUR - 1);
    expect(await stateOf(id)).toBe('snoozed');
    t.clock.advance(1);
    expect(await stateOf(id)).toBe('open');
    expect(seen.at(-1)).toBe('open');
    expect((await t.call('inbox.get', { conversationId: id })).snoozedUntil).toBeNull();
  });

  it('a customer message ends a snooze early, and a snooze due while Lavka was closed wakes at start', async () => {
    t = await makeTestApp({ startWorkers: false, dataDir: tempDir() });
    const early = await customer('Dora');
    const late = await customer('Egon');
    await t.call('conversations.snooze', { conversationId: early, until: t.clock.now() + 5 * HOUR });
    await t.call('conversations.snooze', { conversationId: late, until: t.clock.now() + HOUR });
    await customer('Dora', 'Are you there?');
    expect(await stateOf(early)).toBe('open');

    // Closed before the snooze ended; reopened a day later.
    const { dataDir, clock } = t;
    await t.close();
    clock.advance(24 * HOUR);
    t = await makeTestApp({ dataDir, clock, setup: false, startWorkers: false });
    expect(await stateOf(late)).toBe('open');
  });

  it("snooze presets are the shop's 9:00 (Europe/Berlin), not the computer's", async () => {
    t = await makeTestApp({ startWorkers: false }); // Monday 2026-03-02 10:00 in Berlin
    const id = await customer('Gus');
    expect(await t.call('conversations.snooze', { conversationId: id, preset: 'tomorrow' })).toEqual({
      until: Date.parse('2026-03-03T08:00:00Z'),
    });
    expect(await t.call('conversations.snooze', { conversationId: id, preset: 'monday' })).toEqual({
      until: Date.parse('2026-03-09T08:00:00Z'),
    });
    expect(await t.call('conversations.snooze', { conversationId: id, preset: 'hour' })).toEqual({ until: t.clock.now() + HOUR });
  });

  it('refuses a snooze in the past and unknown conversations with clear errors', async () => {
    t = await makeTestApp({ startWorkers: false });
    const id = await customer('F');
    await expect(t.call('conversations.snooze', { conversationId: id, until: t.clock.now() - 1 })).rejects.toThrow(/future/);
    await expect(t.call('conversations.setState', { conversationId: 999, state: 'resolved' })).rejects.toThrow(/not_found/);
  });

  it('mark unread keeps the conversation unread until it is read again; pinned ones come first', async () => {
    t = await makeTestApp({ startWorkers: false });
    const a = await customer('G');
    const b = await customer('H');
    await t.call('inbox.markRead', { conversationId: a });
    await t.call('conversations.markUnread', { conversationId: a });
    expect((await t.call('inbox.get', { conversationId: a })).unreadCount).toBe(1);
    await t.call('conversations.pin', { conversationId: a, pinned: true });
    const page = await t.call('inbox.list', {});
    expect(page.pinned.map((x) => x.id)).toEqual([a]);
    expect(page.items.map((x) => x.id)).toEqual([b]);
    expect((await t.call('conversations.counts')).pinned).toBe(1);
  });
});
