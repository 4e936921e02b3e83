import { afterEach, describe, expect, it } from 'vitest';
import { flush, makeTestApp, type TestApp } from '../../helpers/test-app';
import type { Channel, ChannelSink, SendRequest } from '../../../main/core/channels/channel';
import { ChannelSendError } from '../../../main/core/channels/channel';

let t: TestApp;
afterEach(async () => t?.close());

function inbound(externalId: string, from: string, body: string, at = Date.parse('2026-03-02T08:00:00Z')) {
  return { channel: 'telegram', externalId, from: { externalId: from, display: `User ${from}` }, kind: 'text' as const, body, at };
}

/** A channel the test controls: records sends, can fail or be down. */
class ScriptedChannel implements Channel {
  readonly id = 'telegram';
  sink!: ChannelSink;
  sent: SendRequest[] = [];
  fail: 'none' | 'transient' | 'permanent' = 'none';
  async start(sink: ChannelSink) {
    this.sink = sink;
    sink.status({ state: 'connected' });
  }
  async stop() {}
  async send(req: SendRequest) {
    if (this.fail === 'transient') throw new ChannelSendError('timeout', false);
    if (this.fail === 'permanent') throw new ChannelSendError('bot was blocked by the user', true);
    this.sent.push(req);
    return { externalId: `tg-out-${this.sent.length}` };
  }
}

describe('inbox', () => {
  it('files a message from an unknown sender under a new contact with an unread conversation', async () => {
    t = await makeTestApp();
    const r = t.app.services.inbox.receive(inbound('m1', '777', 'Привет'));
    expect(r.stored).toBe(true);
    const list = await t.call('inbox.list', {});
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      contactName: 'User 777',
      unreadCount: 1,
      lastPreview: 'Привет',
      lastChannel: 'telegram',
      channels: ['telegram'],
    });
  });

  it('never stores a replayed inbound message twice', async () => {
    t = await makeTestApp();
    const { inbox } = t.app.services;
    expect(inbox.receive(inbound('m1', '777', 'one')).stored).toBe(true);
    expect(inbox.receive(inbound('m1', '777', 'one')).stored).toBe(false);
    expect(inbox.receive(inbound('m1', '777', 'one (edited copy)')).stored).toBe(false);
    const list = await t.call('inbox.list', {});
    expect(list.items[0].unreadCount).toBe(1);
    const msgs = await t.call('messages.list', { conversationId: list.items[0].id });
    expect(msgs.map((m) => m.body)).toEqual(['one']);
  });

  it('lands a message from a known identity on the same contact', async () => {
    t = await makeTestApp();
    const { inbox } = t.app.services;
    const a = inbox.receive(inbound('m1', '777', 'one'));
    const b = inbox.receive(inbound('m2', '777', 'two'));
    inbox.receive(inbound('m3', '888', 'other person'));
    expect(b.conversationId).toBe(a.conversationId);
    expect((await t.call('inbox.list', {})).items).toHaveLength(2);
  });

  it('orders the list by newest activity and pages with a cursor', async () => {
    t = await makeTestApp();
    const base = Date.parse('2026-03-01T00:00:00Z');
    for (let i = 0; i < 7; i++) t.app.services.inbox.receive(inbound(`m${i}`, `u${i}`, `msg ${i}`, base + i * 60_000));
    const first = await t.call('inbox.list', { limit: 3 });
    expect(first.items.map((c) => c.lastPreview)).toEqual(['msg 6', 'msg 5', 'msg 4']);
    const second = await t.call('inbox.list', { limit: 3, cursor: first.next! });
    expect(second.items.map((c) => c.lastPreview)).toEqual(['msg 3', 'msg 2', 'msg 1']);
    const third = await t.call('inbox.list', { limit: 3, cursor: second.next! });
    expect(third.items.map((c) => c.lastPreview)).toEqual(['msg 0']);
    expect(third.next).toBeNull();
  });

  it('counts unread conversations across the whole inbox', async () => {
    t = await makeTestApp();
    for (let i = 0; i < 120; i++) t.app.services.inbox.receive(inbound(`m${i}`, `u${i}`, 'hi'));
    expect(await t.call('inbox.unreadCount')).toEqual({ conversations: 120 });
    await t.call('inbox.markRead', { conversationId: 1 });
    expect(await t.call('inbox.unreadCount')).toEqual({ conversations: 119 });
  });

  it('filters unread and by channel, and markRead clears the count', async () => {
    t = await makeTestApp();
    const { inbox, sandbox } = t.app.services;
    const a = inbox.receive(inbound('m1', '1', 'tg'));
    sandbox.customerSays('sb-x', 'Sandy', 'sandbox hello');
    await t.call('inbox.markRead', { conversationId: a.conversationId! });
    expect((await t.call('inbox.list', { unread: true })).items.map((c) => c.contactName)).toEqual(['Sandy']);
    expect((await t.call('inbox.list', { channel: 'telegram' })).items.map((c) => c.contactName)).toEqual(['User 1']);
  });

  it('sends a reply through the outbox on the channel the customer used, and records delivery', async () => {
    t = await makeTestApp();
    const { sandbox } = t.app.services;
    const delivered: string[] = [];
    sandbox.onDelivery((d) => delivered.push(d.text));
    const said = await t.call('sandbox.say', { name: 'Maria', text: 'Hello?' });
    const sent = await t.call('messages.send', { conversationId: said.conversationId!, text: 'Hi Maria!' });
    expect(sent.status).toBe('queued');
    await t.app.services.outbox.settle();
    await flush();
    expect(delivered).toEqual(['Hi Maria!']);
    const msgs = await t.call('messages.list', { conversationId: said.conversationId! });
    expect(msgs[0]).toMatchObject({ body: 'Hi Maria!', direction: 'out', status: 'read', channel: 'sandbox' });
    const thread = await t.call('sandbox.thread', { customerKey: said.customerKey });
    expect(thread.map((m) => m.body)).toEqual(['Hello?', 'Hi Maria!']);
  });

  it('retries a transient failure with backoff, then sends', async () => {
    t = await makeTestApp();
    const ch = new ScriptedChannel();
    await t.app.services.hub.add(ch);
    const r = t.app.services.inbox.receive(inbound('m1', '777', 'hi'));
    ch.fail = 'transient';
    await t.call('messages.send', { conversationId: r.conversationId!, text: 'reply' });
    await t.app.services.outbox.settle();
    let [m] = await t.call('messages.list', { conversationId: r.conversationId!, limit: 1 });
    expect(m).toMatchObject({ status: 'queued', error: 'timeout' });
    ch.fail = 'none';
    t.clock.advance(2_000);
    await t.app.services.outbox.settle();
    [m] = await t.call('messages.list', { conversationId: r.conversationId!, limit: 1 });
    expect(m.status).toBe('sent');
    expect(ch.sent.map((s) => [s.address, s.text])).toEqual([['777', 'reply']]);
  });

  it('marks a permanent failure failed with the reason, and Retry sends it again', async () => {
    t = await makeTestApp();
    const ch = new ScriptedChannel();
    await t.app.services.hub.add(ch);
    const r = t.app.services.inbox.receive(inbound('m1', '777', 'hi'));
    ch.fail = 'permanent';
    const out = await t.call('messages.send', { conversationId: r.conversationId!, text: 'reply' });
    await t.app.services.outbox.settle();
    let [m] = await t.call('messages.list', { conversationId: r.conversationId!, limit: 1 });
    expect(m).toMatchObject({ status: 'failed', error: 'bot was blocked by the user' });
    ch.fail = 'none';
    expect(await t.call('messages.retry', { messageId: out.id })).toEqual({ requeued: true });
    await t.app.services.outbox.settle();
    [m] = await t.call('messages.list', { conversationId: r.conversationId!, limit: 1 });
    expect(m.status).toBe('sent');
    expect(ch.sent).toHaveLength(1);
  });

  it('keeps messages queued while their channel is down and sends them when it comes back', async () => {
    t = await makeTestApp();
    const ch = new ScriptedChannel();
    await t.app.services.hub.add(ch);
    const r = t.app.services.inbox.receive(inbound('m1', '777', 'hi'));
    ch.sink.status({ state: 'disconnected', detail: 'network down' });
    await t.call('messages.send', { conversationId: r.conversationId!, text: 'one' });
    await t.call('messages.send', { conversationId: r.conversationId!, text: 'two' });
    await t.app.services.outbox.settle();
    expect(ch.sent).toHaveLength(0);
    expect(await t.call('outbox.stats')).toMatchObject({ queued: 2 });
    ch.sink.status({ state: 'connected' });
    await t.app.services.outbox.settle();
    expect(ch.sent.map((s) => s.text)).toEqual(['one', 'two']);
  });

  it('puts a message left "sending" by a crash back in the queue on start, and the sandbox delivers it once', async () => {
    t = await makeTestApp({ start: false });
    const s = t.app.services;
    await s.hub.add(s.sandbox);
    const said = s.sandbox.customerSays('sb-crash', 'Crash', 'hi');
    void said;
    const conv = s.inbox.conversationOfContact(s.repos.contacts.findIdentity('sandbox', 'sb-crash')!.contactId)!;
    const m = s.inbox.send(conv, 'will be interrupted');
    // Simulate the crash window: the row was marked sending, the channel was called, the process died.
    s.repos.outbox.markSending(m.id, t.clock.now());
    const deliveries: number[] = [];
    s.sandbox.onDelivery((d) => deliveries.push(d.messageId));
    await s.sandbox.send({ messageId: m.id, address: 'sb-crash', text: m.body });
    s.outbox.start();
    await s.outbox.settle();
    expect(deliveries).toEqual([m.id]);
    expect(s.repos.outbox.get(m.id)!.state).toBe('sent');
  });

  it('refuses empty and unknown-conversation sends with clear errors', async () => {
    t = await makeTestApp();
    await expect(t.call('messages.send', { conversationId: 999, text: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    const said = await t.call('sandbox.say', { name: 'A', text: 'hi' });
    await expect(t.call('messages.send', { conversationId: said.conversationId!, text: '   ' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
