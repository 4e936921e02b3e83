// Pacing through the real outbox with a fake clock: minimum gaps, hourly caps, stricter limits for people who never
// wrote first, survival across a restart, and the queue view the owner watches.
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, tempDir, type TestApp } from '../../helpers/test-app';
import { until } from '../../helpers/until';
import { FakeClock } from '../../helpers/fake-clock';
import { FakeWhatsApp } from '../../helpers/fake-whatsapp';
import { DEFAULT_PACING } from '../../../main/core/channels/pacing';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function start(opts: { dataDir?: string; clock?: FakeClock } = {}) {
  const wa = new FakeWhatsApp();
  wa.phone.linked = true;
  t = await makeTestApp({
    ...opts,
    channels: { whatsappClient: wa.factory, findBrowser: () => ({ ok: true, path: '/opt/chrome', source: 'detected' }) },
  });
  await t.call('channels.whatsapp.connect');
  await until('connected', () => t!.app.services.hub.status('whatsapp').state === 'connected');
  return { t, wa };
}

/** A customer who wrote to us on WhatsApp (warm); returns the conversation id. */
async function warmCustomer(t: TestApp, wa: FakeWhatsApp, phone: string): Promise<number> {
  wa.latest.receive({ from: `${phone.slice(1)}@c.us`, body: 'hello', pushname: phone });
  let id: number | undefined;
  await until('filed', () => {
    const ident = t.app.services.repos.contacts.findIdentity('whatsapp', phone);
    id = ident ? t.app.services.inbox.conversationOfContact(ident.contactId) : undefined;
    return id !== undefined;
  });
  return id!;
}

/** An imported contact who never wrote (cold). */
function coldCustomer(t: TestApp, phone: string): number {
  const s = t.app.services;
  const contactId = s.repos.contacts.create({ name: `Cold ${phone}` }, t.clock.now());
  s.repos.contacts.addIdentity(contactId, 'whatsapp', phone, '', t.clock.now());
  return s.inbox.ensureConversation(contactId);
}

/** Moves time in steps, letting the outbox work after each. Returns when each send happened (fake-clock ms). */
async function runFor(t: TestApp, wa: FakeWhatsApp, ms: number, step = 1_000): Promise<number[]> {
  const times: number[] = [];
  const seen = () => wa.latest.sent.length;
  let before = 0;
  for (let passed = 0; passed <= ms; passed += step) {
    await t.app.services.outbox.settle();
    for (let i = before; i < seen(); i++) times.push(t.clock.now());
    before = seen();
    t.clock.advance(step);
  }
  return times;
}

describe('pacing', () => {
  it('spaces WhatsApp sends by the minimum gap (default 5 s), in order', async () => {
    const { t, wa } = await start();
    const conv = await warmCustomer(t, wa, '+4915112345678');
    const t0 = t.clock.now();
    for (let i = 1; i <= 6; i++) await t.call('messages.send', { conversationId: conv, text: `message ${i}` });
    const times = await runFor(t, wa, 30_000);
    expect(wa.latest.sent.map((s) => s.text)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `message ${i}`));
    expect(times.map((x) => x - t0)).toEqual([0, 5_000, 10_000, 15_000, 20_000, 25_000]);
  });

  it('holds sends beyond the hourly cap until the hour has passed, and shows why in the queue', async () => {
    const { t, wa } = await start();
    await t.call('channels.pacing.set', {
      ...DEFAULT_PACING,
      whatsapp: { minGapSeconds: 0, hourlyCap: 3, coldMinGapSeconds: 0, coldHourlyCap: 3 },
    });
    const conv = await warmCustomer(t, wa, '+4915112345678');
    const t0 = t.clock.now();
    for (let i = 1; i <= 5; i++) await t.call('messages.send', { conversationId: conv, text: `bulk ${i}` });
    await t.app.services.outbox.settle();
    expect(wa.latest.sent).toHaveLength(3);
    const q = await t.call('outbox.queue');
    expect(q.channels).toEqual([
      expect.objectContaining({
        channel: 'whatsapp',
        done: 3,
        pending: 2,
        failed: 0,
        sentLastHour: 3,
        hourlyCap: 3,
        waitingFor: 'pacing',
        nextSendAt: t0 + 3_600_000,
      }),
    ]);
    expect(q.items.map((i) => i.preview)).toEqual(['bulk 4', 'bulk 5']);
    t.clock.advance(3_600_000 - 1);
    await t.app.services.outbox.settle();
    expect(wa.latest.sent).toHaveLength(3);
    t.clock.advance(1);
    await t.app.services.outbox.settle();
    expect(wa.latest.sent).toHaveLength(5);
    expect((await t.call('outbox.queue')).channels).toEqual([]);
  });

  it('is stricter for people who never wrote first, without slowing replies to customers who did', async () => {
    const { t, wa } = await start();
    const warm = await warmCustomer(t, wa, '+4915112345678');
    const coldA = coldCustomer(t, '+4917000000001');
    const coldB = coldCustomer(t, '+4917000000002');
    const t0 = t.clock.now();
    await t.call('messages.send', { conversationId: coldA, text: 'promo A' });
    await t.call('messages.send', { conversationId: coldB, text: 'promo B' });
    await t.call('messages.send', { conversationId: warm, text: 'reply to warm' });
    const times = await runFor(t, wa, 70_000);
    const at = Object.fromEntries(wa.latest.sent.map((s, i) => [s.text, times[i] - t0]));
    expect(at).toEqual({ 'promo A': 0, 'reply to warm': 5_000, 'promo B': 60_000 });
  });

  it('caps messages to people who never wrote separately (default 20 an hour)', async () => {
    const { t, wa } = await start();
    await t.call('channels.pacing.set', {
      ...DEFAULT_PACING,
      whatsapp: { minGapSeconds: 0, hourlyCap: 100, coldMinGapSeconds: 0, coldHourlyCap: 2 },
    });
    for (let i = 1; i <= 3; i++) await t.call('messages.send', { conversationId: coldCustomer(t, `+491700000000${i}`), text: `cold ${i}` });
    const warm = await warmCustomer(t, wa, '+4915112345678');
    await t.call('messages.send', { conversationId: warm, text: 'warm' });
    await t.app.services.outbox.settle();
    expect(wa.latest.sent.map((s) => s.text).sort()).toEqual(['cold 1', 'cold 2', 'warm']);
  });

  it('remembers the last hour of sends across a restart', async () => {
    const dataDir = tempDir();
    const clock = new FakeClock();
    const one = await start({ dataDir, clock });
    await one.t.call('channels.pacing.set', {
      ...DEFAULT_PACING,
      whatsapp: { minGapSeconds: 0, hourlyCap: 2, coldMinGapSeconds: 0, coldHourlyCap: 2 },
    });
    const conv = await warmCustomer(one.t, one.wa, '+4915112345678');
    await one.t.call('messages.send', { conversationId: conv, text: 'a' });
    await one.t.call('messages.send', { conversationId: conv, text: 'b' });
    await one.t.app.services.outbox.settle();
    expect(one.wa.latest.sent).toHaveLength(2);
    await one.t.close();
    t = undefined;
    clock.advance(10 * 60_000);
    const two = await start({ dataDir, clock });
    await two.t.call('messages.send', { conversationId: conv, text: 'c' });
    await two.t.app.services.outbox.settle();
    expect(two.wa.latest.sent).toHaveLength(0);
    clock.advance(50 * 60_000);
    await two.t.app.services.outbox.settle();
    expect(two.wa.latest.sent.map((s) => s.text)).toEqual(['c']);
  });

  it('refuses pacing where the limits for people who never wrote are looser than for everyone', async () => {
    const { t } = await start();
    await expect(
      t.call('channels.pacing.set', {
        ...DEFAULT_PACING,
        whatsapp: { minGapSeconds: 10, hourlyCap: 50, coldMinGapSeconds: 5, coldHourlyCap: 80 },
      }),
    ).rejects.toThrow(/cannot be shorter than the normal gap.*cannot be higher than the normal limit/);
    expect((await t.call('channels.overview')).pacing).toEqual(DEFAULT_PACING);
  });

  it('Telegram is not slowed down by default and the sandbox never is', async () => {
    const { t } = await start();
    const delivered: string[] = [];
    t.app.services.sandbox.onDelivery((d) => delivered.push(d.text));
    const said = await t.call('sandbox.say', { name: 'Maria', text: 'hi' });
    for (let i = 0; i < 20; i++) await t.call('messages.send', { conversationId: said.conversationId!, text: `s${i}` });
    await t.app.services.outbox.settle();
    expect(delivered).toHaveLength(20);
    expect(DEFAULT_PACING.telegram.minGapSeconds).toBe(0);
  });
});
