// WhatsApp end to end through the real core, with a double of whatsapp-web.js's Client (tests/helpers/fake-whatsapp).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { flush, makeTestApp, type TestApp } from '../../helpers/test-app';
import { until } from '../../helpers/until';
import { FakeWhatsApp, fakeMessage } from '../../helpers/fake-whatsapp';
import type { ChannelStatus } from '../../../main/core/channels/channel';
import { INTERRUPTED_NOTE } from '../../../main/core/channels/outbox';
import { NO_BROWSER_MESSAGE } from '../../../main/core/channels/whatsapp/browser';
import { WhatsAppChannel } from '../../../main/core/channels/whatsapp/whatsapp-channel';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const JOHN = '4915112345678@c.us';

async function appWithWhatsApp(opts: { linked?: boolean; dataDir?: string } = {}): Promise<{ t: TestApp; wa: FakeWhatsApp }> {
  const wa = new FakeWhatsApp();
  wa.phone.linked = opts.linked ?? false;
  t = await makeTestApp({
    dataDir: opts.dataDir,
    channels: { whatsappClient: wa.factory, findBrowser: () => ({ ok: true, path: '/opt/chrome/chrome', source: 'detected' }) },
  });
  return { t, wa };
}

function status(): ChannelStatus {
  return t!.app.services.hub.status('whatsapp');
}

async function connected(t: TestApp, wa: FakeWhatsApp): Promise<void> {
  await t.call('channels.whatsapp.connect');
  await until('client', () => wa.clients.length > 0 && wa.latest.initialized);
  if (!wa.phone.linked) {
    await until('qr', () => status().state === 'waiting_for_scan');
    wa.latest.scan();
  }
  await until('connected', () => status().state === 'connected');
  await waChannel(t).backfillDone;
}

function waChannel(t: TestApp): WhatsAppChannel {
  const ch = t.app.services.hub.get('whatsapp');
  if (!(ch instanceof WhatsAppChannel)) throw new Error('WhatsApp is not running');
  return ch;
}

async function conversations(t: TestApp) {
  return (await t.call('inbox.list', {})).items;
}

describe('WhatsApp channel with the Client double', () => {
  it('shows a QR to scan, connects as the phone number, files a message and sends the reply with receipts', async () => {
    const { t, wa } = await appWithWhatsApp();
    await t.call('channels.whatsapp.connect');
    await until('qr', () => status().state === 'waiting_for_scan');
    expect(status().qr).toMatch(/^2@fake-qr-/);
    expect(status().qrImage).toMatch(/^data:image\/png;base64,/);
    expect(status().detail).toContain('Linked devices');
    // LocalAuth keeps the session inside Lavka's data folder.
    expect(wa.latest.options.sessionDir.startsWith(t.dataDir)).toBe(true);
    expect(wa.latest.options.browserPath).toBe('/opt/chrome/chrome');

    wa.latest.scan();
    await until('connected', () => status().state === 'connected');
    expect(status().account).toBe('+49 1520 0000001');

    wa.latest.receive({ from: JOHN, body: 'Hi, 30 croissants for Saturday?', pushname: 'John Smith' });
    await until('filed', async () => (await conversations(t)).length === 1);
    const [conv] = await conversations(t);
    expect(conv).toMatchObject({ contactName: 'John Smith', lastPreview: 'Hi, 30 croissants for Saturday?', channels: ['whatsapp'] });
    const contact = await t.call('contacts.get', { contactId: conv.contactId });
    expect(contact.identities).toMatchObject([{ channel: 'whatsapp', externalId: '+4915112345678' }]);

    const out = await t.call('messages.send', { conversationId: conv.id, text: 'Yes, ready at 7:30' });
    await t.app.services.outbox.settle();
    expect(wa.latest.sent.map((s) => [s.chatId, s.text])).toEqual([[JOHN, 'Yes, ready at 7:30']]);
    const external = wa.latest.sent[0].message.id._serialized;
    const msg = () => t.app.services.repos.messages.get(out.id)!;
    expect(msg().status).toBe('sent');
    wa.latest.ack(external, 2);
    expect(msg().status).toBe('delivered');
    wa.latest.ack(external, 3);
    expect(msg().status).toBe('read');
    wa.latest.ack(external, 1); // late, out of order: never moves back
    expect(msg().status).toBe('read');
  });

  it('a known customer lands on their contact, also when WhatsApp hides the number behind a linked id', async () => {
    const { t, wa } = await appWithWhatsApp({ linked: true });
    await connected(t, wa);
    wa.latest.receive({ from: JOHN, body: 'first', pushname: 'John' });
    await until('first', async () => (await conversations(t)).length === 1);
    wa.phone.lids.set('987654321012345@lid', JOHN);
    wa.latest.receive({ from: '987654321012345@lid', body: 'second, from a linked id', pushname: 'John' });
    await until('second', async () => (await conversations(t))[0].lastPreview === 'second, from a linked id');
    const list = await conversations(t);
    expect(list).toHaveLength(1);
    expect(await t.call('messages.list', { conversationId: list[0].id })).toHaveLength(2);
  });

  it('a receipt that arrives before sendMessage returns is not lost', async () => {
    const { t, wa } = await appWithWhatsApp({ linked: true });
    await connected(t, wa);
    wa.latest.receive({ from: JOHN, body: 'hi' });
    await until('filed', async () => (await conversations(t)).length === 1);
    const client = wa.latest;
    const realSend = client.sendMessage.bind(client);
    client.sendMessage = async (chatId, text) => {
      const m = await realSend(chatId, text);
      client.emitEvent('message_ack', { ...m!, ack: 2 }, 2);
      return m;
    };
    const out = await t.call('messages.send', { conversationId: (await conversations(t))[0].id, text: 'fast receipt' });
    await t.app.services.outbox.settle();
    await flush();
    expect(t.app.services.repos.messages.get(out.id)!.status).toBe('delivered');
  });

  it('files media as typed placeholders with captions, skips chat events, status updates and (by default) groups', async () => {
    const { t, wa } = await appWithWhatsApp({ linked: true });
    await connected(t, wa);
    const c = wa.latest;
    c.receive({ from: JOHN, type: 'image', body: 'this one please' });
    c.receive({ from: JOHN, type: 'ptt' });
    c.receive({ from: JOHN, type: 'document', body: 'invoice attached' });
    c.receive({ from: JOHN, type: 'sticker' });
    c.receive({ from: JOHN, type: 'location', location: { latitude: '52.52', longitude: '13.40', description: 'Bakery corner' } });
    c.receive({
      from: JOHN,
      type: 'vcard',
      vCards: ['BEGIN:VCARD\nVERSION:3.0\nFN:Maria Muster\nTEL;type=CELL:+49 170 1234567\nEND:VCARD'],
    });
    c.receive({ from: JOHN, type: 'revoked' });
    c.receive({ from: JOHN, type: 'e2e_notification' });
    c.receive({ from: JOHN, type: 'poll_creation', body: '' });
    c.receive({ from: JOHN, type: 'some_type_from_the_future', body: 'x' });
    c.receive({ from: 'status@broadcast', body: 'my holiday photos' });
    c.receive({ from: '120363000000000000@g.us', author: JOHN, body: 'in the family group' });
    c.receive({ from: '120363111111111111@newsletter', body: 'channel post' });
    c.receive({ from: JOHN, body: 'last' });
    await until('last filed', async () => (await conversations(t))[0]?.lastPreview === 'last');
    const list = await conversations(t);
    expect(list).toHaveLength(1);
    const msgs = (await t.call('messages.list', { conversationId: list[0].id })).reverse();
    expect(msgs.map((m) => [m.kind, m.body])).toEqual([
      ['image', 'this one please'],
      ['voice', ''],
      ['document', 'invoice attached'],
      ['sticker', ''],
      ['location', 'Bakery corner'],
      ['contact', 'Maria Muster +49 170 1234567'],
      ['other', ''],
      ['other', 'x'],
      ['text', 'last'],
    ]);
    expect(status().state).toBe('connected');

    await t.call('channels.whatsapp.update', { ignoreGroups: false });
    c.receive({ from: '120363000000000000@g.us', author: JOHN, body: 'group, now wanted' });
    await until('group filed', async () => (await conversations(t)).length === 2);
  });

  it('catches up on messages that arrived while Lavka was closed, once, even when ready fires twice', async () => {
    const dir = (await import('../../helpers/test-app')).tempDir();
    const first = await appWithWhatsApp({ linked: true, dataDir: dir });
    await connected(first.t, first.wa);
    await first.t.close();
    t = undefined;

    // While Lavka is closed: two customers write, the owner answers one from the phone, a group chats.
    const now = Math.floor(first.t.clock.now() / 1000);
    const wa = new FakeWhatsApp();
    wa.phone.linked = true;
    for (const m of first.wa.phone.chats.values()) wa.phone.chats.set(m.id._serialized, m);
    wa.offlineMessage({ from: JOHN, body: 'are you open tomorrow?', pushname: 'John', timestamp: now + 60 });
    wa.offlineMessage({ from: JOHN, body: 'and on Sunday?', pushname: 'John', timestamp: now + 120 });
    wa.phone.record(fakeMessage({ from: JOHN, fromMe: true, to: JOHN, body: 'answered from the phone', timestamp: now + 130 }));
    wa.offlineMessage({ from: '4917000000001@c.us', body: 'do you deliver?', pushname: 'Erika', timestamp: now + 180 });
    wa.offlineMessage({ from: '120363000000000000@g.us', author: JOHN, body: 'group chatter', timestamp: now + 200 });
    wa.offlineMessage({ from: '4917000000002@c.us', body: 'ancient message', timestamp: now - 30 * 86_400 });

    t = await makeTestApp({
      dataDir: dir,
      clock: first.t.clock,
      channels: { whatsappClient: wa.factory, findBrowser: () => ({ ok: true, path: '/opt/chrome/chrome', source: 'detected' }) },
    });
    await until('connected', () => status().state === 'connected');
    const ch = waChannel(t);
    wa.latest.emitEvent('ready'); // whatsapp-web.js can emit ready twice (e.g. after the page re-injects)
    const report = await ch.backfillDone;
    // The owner's answer from the phone is part of the history too (filed as the owner's, see whatsapp-media.test.ts).
    expect(report?.stored).toBe(4);
    expect(status().detail).toBe('Caught up: 4 messages arrived while Lavka was closed');
    wa.latest.emitEvent('ready'); // and once more after the catch-up finished
    expect((await ch.backfillDone)?.stored).toBe(0);
    const list = await conversations(t);
    expect(list.map((c) => c.contactName).sort()).toEqual(['Erika', 'John']);
    const john = list.find((c) => c.contactName === 'John')!;
    const bodies = (await t.call('messages.list', { conversationId: john.id })).map((m) => m.body).reverse();
    expect(bodies).toEqual(['are you open tomorrow?', 'and on Sunday?', 'answered from the phone']);
  });

  it('a logout on the phone shows "logged out"; Connect again clears the stale session and shows a new QR', async () => {
    const { t, wa } = await appWithWhatsApp({ linked: true });
    await connected(t, wa);
    const sessionDir = join(wa.latest.options.sessionDir, 'session-lavka');
    mkdirSync(sessionDir, { recursive: true });
    writeFileSync(join(sessionDir, 'Local State'), '{}');
    const before = wa.clients.length;
    wa.latest.logoutFromPhone();
    await until('logged out', () => status().state === 'logged_out');
    expect(status().detail).toContain('logged Lavka out');
    expect(wa.latest.destroyed).toBe(true);
    t.clock.advance(10 * 60_000);
    await flush();
    expect(wa.clients.length).toBe(before); // no reconnect loop after a logout

    await t.call('channels.whatsapp.reconnect');
    expect(existsSync(sessionDir)).toBe(false);
    await until('new qr', () => status().state === 'waiting_for_scan');
    expect(wa.clients.length).toBe(before + 1);
  });

  it('reconnects with backoff after a drop; replies queued meanwhile wait and then go out', async () => {
    const { t, wa } = await appWithWhatsApp({ linked: true });
    await connected(t, wa);
    wa.latest.receive({ from: JOHN, body: 'hi' });
    await until('filed', async () => (await conversations(t)).length === 1);
    const first = wa.latest;
    first.disconnect('TIMEOUT');
    await until('down', () => status().state === 'disconnected');
    expect(status().detail).toBe('WhatsApp disconnected (the phone did not answer). Reconnecting in 5 s.');
    await t.call('messages.send', { conversationId: (await conversations(t))[0].id, text: 'sent after the drop' });
    await t.app.services.outbox.settle();
    expect(first.sent).toHaveLength(0);
    const queue = await t.call('outbox.queue');
    expect(queue.channels).toMatchObject([{ channel: 'whatsapp', pending: 1, waitingFor: 'channel' }]);

    wa.createFailure = new Error('Failed to launch the browser process!');
    t.clock.advance(5_000);
    await until('second failure', () => status().detail?.includes('Reconnecting in 10 s') ?? false);
    wa.createFailure = null;
    t.clock.advance(10_000);
    await until('back', () => status().state === 'connected');
    await t.app.services.outbox.settle();
    expect(wa.latest).not.toBe(first);
    expect(wa.latest.sent.map((s) => s.text)).toEqual(['sent after the drop']);
  });

  it('without a browser: a clear message, nothing started', async () => {
    const wa = new FakeWhatsApp();
    t = await makeTestApp({ channels: { whatsappClient: wa.factory, findBrowser: () => ({ ok: false, error: NO_BROWSER_MESSAGE }) } });
    const o = await t.call('channels.whatsapp.connect');
    expect(o.browser).toEqual({ ok: false, error: NO_BROWSER_MESSAGE });
    expect(status()).toMatchObject({ state: 'error', detail: NO_BROWSER_MESSAGE });
    expect(wa.clients).toHaveLength(0);
  });

  it('a number that is not on WhatsApp fails permanently with the reason', async () => {
    const { t, wa } = await appWithWhatsApp({ linked: true });
    await connected(t, wa);
    wa.latest.receive({ from: JOHN, body: 'hi' });
    await until('filed', async () => (await conversations(t)).length === 1);
    wa.latest.sendFailure = new Error('Evaluation failed: Error: No LID for user');
    const out = await t.call('messages.send', { conversationId: (await conversations(t))[0].id, text: 'x' });
    await t.app.services.outbox.settle();
    expect(t.app.services.repos.messages.get(out.id)).toMatchObject({ status: 'failed', error: 'This number does not use WhatsApp' });
  });

  it('after a crash mid-send, a message WhatsApp already has is recorded, not sent again', async () => {
    const dir = (await import('../../helpers/test-app')).tempDir();
    const one = await appWithWhatsApp({ linked: true, dataDir: dir });
    await connected(one.t, one.wa);
    one.wa.latest.receive({ from: JOHN, body: 'hi' });
    await until('filed', async () => (await conversations(one.t)).length === 1);
    const conv = (await conversations(one.t))[0].id;
    const s = one.t.app.services;
    // Two replies caught in the crash window: the first reached WhatsApp, the second did not.
    await s.hub.remove('whatsapp');
    const reached = s.inbox.send(conv, 'reached the phone before the crash');
    const lost = s.inbox.send(conv, 'never left Lavka');
    s.repos.outbox.markSending(reached.id, one.t.clock.now());
    s.repos.outbox.markSending(lost.id, one.t.clock.now());
    const onPhone = fakeMessage({
      from: JOHN,
      fromMe: true,
      to: JOHN,
      body: 'reached the phone before the crash',
      timestamp: Math.floor(one.t.clock.now() / 1000),
    });
    one.wa.phone.record(onPhone);
    await one.t.close();
    t = undefined;

    const wa = new FakeWhatsApp();
    wa.phone.linked = true;
    for (const [k, v] of one.wa.phone.chats) wa.phone.chats.set(k, v);
    t = await makeTestApp({
      dataDir: dir,
      clock: one.t.clock,
      channels: { whatsappClient: wa.factory, findBrowser: () => ({ ok: true, path: '/opt/chrome/chrome', source: 'detected' }) },
    });
    expect(t.app.services.repos.outbox.get(reached.id)!.last_error).toBe(INTERRUPTED_NOTE);
    await until('connected', () => status().state === 'connected');
    // The interrupted attempts count for pacing (they may have reached WhatsApp): the next send waits the gap.
    await t.app.services.outbox.settle();
    expect(wa.latest.sent).toHaveLength(0);
    t.clock.advance(5_000);
    await t.app.services.outbox.settle();
    expect(t.app.services.repos.messages.get(reached.id)).toMatchObject({ status: 'sent' });
    // Finding the copy took no pacing slot, so the other one goes out in the same turn.
    expect(wa.latest.sent.map((x) => x.text)).toEqual(['never left Lavka']);
    expect(t.app.services.repos.messages.get(reached.id)).toMatchObject({ status: 'sent' });
    expect(t.app.services.repos.messages.byExternal('whatsapp', onPhone.id._serialized)?.id).toBe(reached.id);
  });

  it('a WhatsApp whose sends hang never holds up other channels', async () => {
    const { t, wa } = await appWithWhatsApp({ linked: true });
    await connected(t, wa);
    wa.latest.receive({ from: JOHN, body: 'hi' });
    await until('filed', async () => (await conversations(t)).length === 1);
    wa.latest.hangSends = true;
    await t.call('messages.send', { conversationId: (await conversations(t))[0].id, text: 'stuck' });
    const delivered: string[] = [];
    t.app.services.sandbox.onDelivery((d) => delivered.push(d.text));
    const said = await t.call('sandbox.say', { name: 'Maria', text: 'hello' });
    await t.call('messages.send', { conversationId: said.conversationId!, text: 'sandbox still works' });
    await until('sandbox delivered', () => delivered.length === 1);
    expect(delivered).toEqual(['sandbox still works']);
    // The stuck send times out into "unconfirmed" and is checked before it is sent again.
    t.clock.advance(120_000);
    await flush(5);
    const [m] = await t.call('messages.list', {
      conversationId: (await conversations(t)).find((c) => c.channels.includes('whatsapp'))!.id,
      limit: 1,
    });
    expect(m.status).toBe('queued');
    expect(m.error).toMatch(/did not answer in time/);
  });
});

describe('the real whatsapp-web.js client factory', () => {
  it('builds a Client with LocalAuth inside the given folder, the start-up timeout and the local web cache, without starting a browser', async () => {
    const { createRealWhatsAppClient } = await import('../../../main/core/channels/whatsapp/client');
    const dir = (await import('../../helpers/test-app')).tempDir();
    const client = await createRealWhatsAppClient({
      browserPath: '/nonexistent/chrome',
      sessionDir: join(dir, 'session'),
      cacheDir: join(dir, 'cache'),
      authTimeoutMs: 45_000,
      webVersion: { kind: 'local' },
    });
    const real = client as unknown as { options: RealOptions };
    expect(typeof client.initialize).toBe('function');
    expect(real.options.authStrategy.clientId).toBe('lavka');
    expect(real.options.authStrategy.dataPath).toBe(join(dir, 'session'));
    expect(real.options.puppeteer.executablePath).toBe('/nonexistent/chrome');
    expect(real.options.authTimeoutMs).toBe(45_000);
    expect(real.options.takeoverOnConflict).toBe(false);
    expect(real.options.webVersionCache).toEqual({ type: 'local', path: join(dir, 'cache') });
    expect(client.pupPage ?? null).toBeNull(); // no browser yet
    for (const m of ['getState', 'requestPairingCode', 'cancelPairingCode'] as const) expect(typeof client[m]).toBe('function');
    expect(existsSync(join(dir, 'session'))).toBe(false); // nothing is written until it starts
  });

  it('a pinned WhatsApp Web version is loaded strictly from the remote archive', async () => {
    const { createRealWhatsAppClient, DEFAULT_WEB_VERSION_REMOTE } = await import('../../../main/core/channels/whatsapp/client');
    const dir = (await import('../../helpers/test-app')).tempDir();
    const client = await createRealWhatsAppClient({
      browserPath: '/nonexistent/chrome',
      sessionDir: join(dir, 'session'),
      cacheDir: join(dir, 'cache'),
      authTimeoutMs: 60_000,
      webVersion: { kind: 'pinned', version: '2.3000.1023180766', remotePath: DEFAULT_WEB_VERSION_REMOTE },
    });
    const real = client as unknown as { options: RealOptions };
    expect(real.options.webVersion).toBe('2.3000.1023180766');
    expect(real.options.webVersionCache).toEqual({ type: 'remote', remotePath: DEFAULT_WEB_VERSION_REMOTE, strict: true });
  });
});

interface RealOptions {
  authStrategy: { dataPath: string; clientId: string };
  puppeteer: { executablePath: string };
  authTimeoutMs: number;
  takeoverOnConflict: boolean;
  webVersion?: string;
  webVersionCache: unknown;
}
