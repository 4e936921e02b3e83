// Opt-out: STOP words in several languages on two channels (sandbox and a second, in-test channel), one
// confirmation in the customer's language on the channel they wrote from, nothing scheduled ever goes out to them,
// and the owner can record consent back.
import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { world, MIN, type World } from './helpers';
import { tempDir } from '../../helpers/test-app';
import type { Channel, ChannelSink, SendRequest } from '../../../main/core/channels/channel';
import { AppError } from '../../../main/core/errors';

/** A second messenger, just enough to be a real Channel on the hub. */
class ChatX implements Channel {
  readonly id = 'chatx';
  sink: ChannelSink | null = null;
  sent: SendRequest[] = [];
  private seq = 0;
  async start(sink: ChannelSink) {
    this.sink = sink;
    sink.status({ state: 'connected' });
  }
  async stop() {
    this.sink = null;
  }
  async send(req: SendRequest) {
    this.sent.push(req);
    return { externalId: `cx-out-${req.messageId}` };
  }
  say(from: string, name: string, body: string, at: number) {
    return this.sink!.receive({
      channel: 'chatx',
      externalId: `cx-in-${++this.seq}`,
      from: { externalId: from, display: name },
      kind: 'text',
      body,
      at,
    });
  }
}

let w: World;
let chatx: ChatX;
afterEach(async () => {
  await w?.close();
});

async function setup(dataDir?: string) {
  w = await world(dataDir ? { dataDir } : {});
  chatx = new ChatX();
  await w.t.app.services.hub.add(chatx);
}

const contactOf = (channel: string, address: string) => w.t.app.services.repos.contacts.findIdentity(channel, address)!.contactId;
const later = '2026-03-03T11:00';

describe('opt-out', () => {
  it('recognises STOP words in several languages on both channels and confirms once, in their language, where they wrote', async () => {
    await setup();
    const s = w.t.app.services;
    // Four customers, each with a reminder planned.
    const olena = w.customer('sb-olena', 'Олена', 'Добрий день!');
    await w.t.call('contacts.update', { contactId: olena.contactId, language: 'uk' });
    const john = w.customer('sb-john', 'John', 'Hi!');
    chatx.say('ivan', 'Иван', 'Здравствуйте', s.clock.now());
    chatx.say('an', 'An', 'Chào chị', s.clock.now());
    const ivan = contactOf('chatx', 'ivan');
    const an = contactOf('chatx', 'an');
    const planned = [];
    for (const contactId of [olena.contactId, john.contactId, ivan, an]) {
      planned.push(await w.t.call('reminders.create', { contactId, kind: 'custom', text: 'Promo for {name}', at: later }));
    }

    w.customer('sb-olena', 'Олена', 'стоп');
    w.customer('sb-john', 'John', ' Stop! ');
    chatx.say('ivan', 'Иван', 'СТОП', s.clock.now());
    chatx.say('an', 'An', 'Hủy', s.clock.now());
    // An ordinary sentence with "stop" in it changes nothing.
    const greta = w.customer('sb-greta', 'Greta', 'Please stop by tomorrow, I will pick up the cake');
    await w.settle();

    const sandboxConfirmations = w.deliveries.map((d) => [d.customerKey, d.text]);
    expect(sandboxConfirmations).toEqual([
      ['sb-olena', expect.stringMatching(/^Готово — ви більше не отримуватимете нагадувань.*Test Bakery/)],
      ['sb-john', expect.stringMatching(/^Done — you won't get reminders or offers from Test Bakery/)],
    ]);
    expect(chatx.sent.map((r) => [r.address, r.text])).toEqual([
      ['ivan', expect.stringMatching(/^Готово — вы больше не будете получать напоминания/)],
      ['an', expect.stringMatching(/^Đã xong — bạn sẽ không nhận nhắc nhở/)],
    ]);
    for (const id of [olena.contactId, john.contactId, ivan, an]) {
      const st = await w.t.call('optout.status', { contactId: id });
      expect(st.optedOut).toBe(true);
      expect(st.history[0]).toMatchObject({ change: 'opt_out', by: 'customer' });
    }
    expect((await w.t.call('optout.status', { contactId: greta.contactId })).optedOut).toBe(false);
    expect((await w.t.call('optout.status', { contactId: ivan })).channel).toBe('chatx');

    // Everything planned for them was cancelled, visibly, and nothing goes out when its time comes.
    for (const r of planned)
      expect(await w.t.call('reminders.get', { id: r.id })).toMatchObject({ status: 'cancelled', statusNote: 'opted_out' });
    await w.at('2026-03-03T12:00:00Z');
    expect(w.deliveries).toHaveLength(2);
    expect(chatx.sent).toHaveLength(2);

    // Writing STOP again does not send a second confirmation.
    w.customer('sb-john', 'John', 'STOP');
    chatx.say('ivan', 'Иван', 'стоп.', s.clock.now());
    await w.settle();
    expect(w.deliveries).toHaveLength(2);
    expect(chatx.sent).toHaveLength(2);

    // The owner sees it in the conversation.
    const notes = (await w.t.call('messages.list', { conversationId: john.conversationId })).filter((m) => m.author === 'system');
    expect(notes.map((m) => m.body)).toEqual([expect.stringContaining('“Stop!”')]);
  });

  it('refuses new reminders to an opted-out customer, checks again at fire time, and allows them after recorded consent', async () => {
    await setup();
    const s = w.t.app.services;
    const anna = w.customer('sb-anna', 'Anna', 'Hi');
    const early = await w.t.call('reminders.create', { contactId: anna.contactId, kind: 'custom', text: 'Early', at: '2026-03-02T12:00' });
    // An opt-out recorded behind the scheduler's back (e.g. by another part of Lavka) still stops the send.
    s.db
      .prepare(`INSERT INTO contact_optouts(contact_id, at, channel, said, language) VALUES (?, ?, 'sandbox', 'STOP', 'en')`)
      .run(anna.contactId, s.clock.now());
    await w.at('2026-03-02T11:30:00Z');
    expect(await w.t.call('reminders.get', { id: early.id })).toMatchObject({
      status: 'cancelled',
      statusNote: 'opted_out',
      messageId: null,
    });
    expect(w.deliveries).toHaveLength(0);

    await expect(w.t.call('reminders.create', { contactId: anna.contactId, kind: 'custom', text: 'x', at: later })).rejects.toThrow(
      /asked not to get reminders/,
    );
    await expect(w.t.call('optout.recordConsent', { contactId: w.customer('sb-bob', 'Bob').contactId })).rejects.toThrow(
      /has not opted out/,
    );

    const st = await w.t.call('optout.recordConsent', { contactId: anna.contactId, note: 'Asked by phone on Monday' });
    expect(st.optedOut).toBe(false);
    expect(st.history.map((h) => [h.change, h.by, h.detail])).toEqual([['opt_in', 'owner', 'Asked by phone on Monday']]);
    const again = await w.t.call('reminders.create', { contactId: anna.contactId, kind: 'custom', text: 'Welcome back', at: later });
    await w.at('2026-03-03T10:01:00Z');
    expect((await w.t.call('reminders.get', { id: again.id })).status).toBe('sent');
    expect(w.deliveries.map((d) => d.text)).toEqual(['Welcome back']);
  });

  it('keeps the assistant quiet on a stop word in Auto mode, even when no confirmation is due any more', async () => {
    const calls: string[] = [];
    w = await world({
      chatModel: {
        chat: async (req) => {
          calls.push(req.purpose);
          throw new AppError('assistant_unavailable', 'not scripted');
        },
      },
    });
    const s = w.t.app.services;
    const c = w.customer('sb-c', 'Cleo', 'Hi');
    s.assistant.setMode(c.conversationId, 'auto');
    await w.advance(MIN);
    const before = calls.filter((p) => p === 'auto').length;
    w.customer('sb-c', 'Cleo', 'STOP');
    await w.advance(MIN);
    w.customer('sb-c', 'Cleo', 'stop!!');
    await w.advance(MIN);
    expect(calls.filter((p) => p === 'auto').length).toBe(before);
    expect(w.deliveries.map((d) => d.text)).toEqual([expect.stringMatching(/^Done/)]);
  });

  it('uses the owner’s edited word list, and keeps at least one word', async () => {
    await setup();
    const words = await w.t.call('optout.settings.get');
    await w.t.call('optout.settings.update', { keywords: [...words.keywords, { word: 'Genug!', lang: 'de' }] });
    const k = w.customer('sb-k', 'Klaus', 'genug');
    await w.settle();
    expect((await w.t.call('optout.status', { contactId: k.contactId })).language).toBe('de');
    expect(w.deliveries.map((d) => d.text)).toEqual([expect.stringMatching(/^Erledigt — Sie erhalten keine Erinnerungen/)]);
    await expect(w.t.call('optout.settings.update', { keywords: [] })).rejects.toThrow(/at least one stop word/);
    await expect(w.t.call('optout.settings.update', { keywords: [{ word: 'x', lang: 'english' }] })).rejects.toThrow(/2-letter/);
  });

  it('acts on a STOP that arrived while the opt-out listener was not running (crash window), after a restart', async () => {
    const dataDir = tempDir();
    try {
      await setup(dataDir);
      const c = w.customer('sb-c', 'Cleo', 'Hi');
      await w.t.call('reminders.create', { contactId: c.contactId, kind: 'custom', text: 'Later', at: later });
      w.t.app.services.optout.stop();
      w.customer('sb-c', 'Cleo', 'STOP');
      await w.close();
      await setup(dataDir);
      expect((await w.t.call('optout.status', { contactId: c.contactId })).optedOut).toBe(true);
      expect(w.deliveries.map((d) => d.text)).toEqual([expect.stringMatching(/^Done/)]);
      await w.advance(2 * 24 * 60 * MIN);
      expect(w.deliveries).toHaveLength(1);
    } finally {
      await w.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
