// WhatsApp media and the owner's own phone through the real core, with the whatsapp-web.js Client double:
// downloadMedia for what customers send (also failing, then Retry), MessageMedia for what the owner sends, and
// messages the owner types on the phone filed as the owner's — once, never confused with what Lavka sent itself.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { flush, makeTestApp, type TestApp } from '../../helpers/test-app';
import { until } from '../../helpers/until';
import { FakeWhatsApp, downloads } from '../../helpers/fake-whatsapp';
import { WhatsAppChannel } from '../../../main/core/channels/whatsapp/whatsapp-channel';
import { makeAssistantApp, autoJson, type AssistantTestApp } from '../../helpers/fake-ollama-app';

let t: TestApp | undefined;
let a: AssistantTestApp | undefined;
afterEach(async () => {
  await t?.close();
  await a?.close();
  t = a = undefined;
});

const JOHN = '4915112345678@c.us';
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(4000, 5)]);
const VOICE = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(2500, 1)]);

async function connectedApp(wa = new FakeWhatsApp()): Promise<{ t: TestApp; wa: FakeWhatsApp }> {
  wa.phone.linked = true;
  t = await makeTestApp({
    channels: { whatsappClient: wa.factory, findBrowser: () => ({ ok: true, path: '/opt/chrome/chrome', source: 'detected' }) },
  });
  await t.call('channels.whatsapp.connect');
  await until('connected', () => t!.app.services.hub.status('whatsapp').state === 'connected');
  const ch = t.app.services.hub.get('whatsapp') as WhatsAppChannel;
  await ch.backfillDone;
  return { t, wa };
}

async function thread(t: TestApp) {
  const [conv] = (await t.call('inbox.list', {})).items;
  return conv ? (await t.call('messages.list', { conversationId: conv.id })).reverse() : [];
}

describe('WhatsApp media', () => {
  it('downloads a customer photo and voice note with downloadMedia and keeps the bytes', async () => {
    const { t, wa } = await connectedApp();
    wa.latest.receive({
      from: JOHN,
      type: 'image',
      body: 'this one please',
      media: { mimetype: 'image/jpeg', data: PHOTO.toString('base64'), filename: null },
    });
    wa.latest.receive({ from: JOHN, type: 'ptt', media: { mimetype: 'audio/ogg; codecs=opus', data: VOICE.toString('base64') } });
    await until('stored', async () => (await thread(t)).filter((m) => m.media?.state === 'stored').length === 2);
    const [photo, voice] = await thread(t);
    expect(photo).toMatchObject({ kind: 'image', body: 'this one please', media: { mime: 'image/jpeg', size: PHOTO.length } });
    expect(voice).toMatchObject({ kind: 'voice', media: { mime: 'audio/ogg; codecs=opus', size: VOICE.length } });
    expect(readFileSync(t.app.services.media.file(photo.media!.id)!.path)).toEqual(PHOTO);
  });

  it('a failed download keeps the message, says why, and Retry fetches it', async () => {
    const { t, wa } = await connectedApp();
    wa.latest.receive({
      from: JOHN,
      type: 'document',
      body: 'invoice.pdf',
      media: { mimetype: 'application/pdf', data: Buffer.from('%PDF').toString('base64'), filename: 'invoice.pdf' },
      failDownloads: 1,
    });
    await until('failed', async () => (await thread(t))[0]?.media?.state === 'failed');
    const failed = (await thread(t))[0];
    expect(failed).toMatchObject({ kind: 'document', body: 'invoice.pdf' });
    expect(failed.media!.error).toMatch(/^download_failed: .*Failed to fetch/);
    const before = downloads.count;
    expect(await t.call('media.retry', { messageId: failed.id })).toMatchObject({
      media: { state: 'stored', fileName: 'invoice.pdf', size: 4 },
    });
    expect(downloads.count).toBe(before + 1);

    wa.latest.receive({ from: JOHN, type: 'image', media: 'gone' });
    await until('gone', async () => (await thread(t))[1]?.media?.state === 'failed');
    expect((await thread(t))[1].media!.error).toMatch(/no longer has this file/);
  });

  it('a download waits while WhatsApp is disconnected and completes once it is back', async () => {
    const { t, wa } = await connectedApp();
    wa.latest.receive({ from: JOHN, type: 'image', media: { mimetype: 'image/jpeg', data: PHOTO.toString('base64') }, failDownloads: 1 });
    await until('failed', async () => (await thread(t))[0]?.media?.state === 'failed');
    wa.latest.disconnect('TIMEOUT');
    await until('down', () => t.app.services.hub.status('whatsapp').state !== 'connected');
    const id = (await thread(t))[0].id;
    expect(await t.call('media.retry', { messageId: id })).toMatchObject({ media: { state: 'pending' } });
    t.clock.advance(5_000);
    await until('stored after reconnect', async () => (await thread(t))[0]?.media?.state === 'stored');
    expect(t.app.services.hub.status('whatsapp').state).toBe('connected');
  });

  it('sends a photo and a voice note as MessageMedia with the caption', async () => {
    const { t, wa } = await connectedApp();
    wa.latest.receive({ from: JOHN, body: 'Do you have a photo of the cake?' });
    await until('filed', async () => (await thread(t)).length === 1);
    const conv = (await t.call('inbox.list', {})).items[0].id;
    const photo = await t.call('media.upload', { fileName: 'cake.jpg', mime: 'image/jpeg', dataBase64: PHOTO.toString('base64') });
    await t.call('messages.send', { conversationId: conv, text: 'Here it is', mediaId: photo.mediaId });
    const voice = await t.call('media.upload', { fileName: 'voice-2.ogg', mime: 'audio/ogg', dataBase64: VOICE.toString('base64') });
    await t.call('messages.send', { conversationId: conv, text: '', mediaId: voice.mediaId });
    await until('one sent', () => wa.latest.sent.length === 1);
    // WhatsApp pacing keeps a gap between two sends.
    t.clock.advance(6_000);
    await until('two sent', () => wa.latest.sent.length === 2);
    await t.app.services.outbox.settle();
    const [p, v] = wa.latest.sent;
    expect(p.media?.constructor.name).toBe('MessageMedia');
    expect([p.chatId, p.media?.mimetype, p.media?.filename, p.options]).toEqual([
      JOHN,
      'image/jpeg',
      'cake.jpg',
      { caption: 'Here it is' },
    ]);
    expect(Buffer.from(p.media!.data, 'base64')).toEqual(PHOTO);
    expect(v.options).toEqual({ sendAudioAsVoice: true });
    // What Lavka sent is not mirrored back as if the owner had typed it on the phone.
    await flush(5);
    expect((await thread(t)).map((m) => [m.author, m.kind, m.status])).toEqual([
      ['customer', 'text', 'received'],
      ['owner', 'image', 'sent'],
      ['owner', 'voice', 'sent'],
    ]);
  });
});

describe("the owner's own WhatsApp phone", () => {
  it('files what the owner types on the phone as the owner’s reply, once, and resolves the Needs-you item', async () => {
    const { t, wa } = await connectedApp();
    // Fresh on Lavka's clock, or the assistant treats it as history.
    wa.latest.receive({ from: JOHN, body: 'Can I talk to a person about paying by card?', timestamp: Math.floor(t.clock.now() / 1000) });
    await until('escalated', () => t.app.services.assistant.queue().length === 1);
    const conv = (await t.call('inbox.list', {})).items[0].id;
    const typed = wa.latest.ownerTypes(JOHN, 'Yes, card is fine');
    await until('mirrored', async () => (await thread(t)).length === 2);
    // The same message again (WhatsApp re-emits, or the catch-up finds it): still once.
    wa.latest.emitEvent('message_create', typed);
    await flush(5);
    const msgs = await thread(t);
    expect(msgs.map((m) => [m.direction, m.author, m.body, m.status])).toEqual([
      ['in', 'customer', 'Can I talk to a person about paying by card?', 'received'],
      ['out', 'owner', 'Yes, card is fine', 'sent'],
    ]);
    expect(t.app.services.assistant.queue()).toEqual([]);
    expect((await t.call('inbox.get', { conversationId: conv })).unreadCount).toBe(1);
    // Notes to self and groups are not customer conversations.
    wa.latest.ownerTypes('4915200000001@c.us', 'note to self');
    wa.latest.ownerTypes('12345@g.us', 'hi team');
    await flush(5);
    expect((await t.call('inbox.list', {})).items).toHaveLength(1);
  });

  it('files what the owner wrote on the phone while Lavka was closed, with the catch-up', async () => {
    const wa = new FakeWhatsApp();
    const now = Math.floor(Date.now() / 1000);
    wa.offlineMessage({ from: JOHN, body: 'Are you open?', timestamp: now - 120 });
    const own = wa.offlineMessage({ from: JOHN, body: 'placeholder', timestamp: now - 60 });
    Object.assign(own, { fromMe: true, to: JOHN, from: '4915200000001@c.us', body: 'Yes until 18:00' });
    const { t } = await connectedApp(wa);
    expect((await thread(t)).map((m) => [m.author, m.body])).toEqual([
      ['customer', 'Are you open?'],
      ['owner', 'Yes until 18:00'],
    ]);
  });
});

describe('Auto after the owner wrote from the phone', () => {
  it('stays quiet in that conversation for the configured time, then answers again', async () => {
    a = await makeAssistantApp();
    a.setDefaultMode('auto');
    const s = a.app.services;
    const conv = await a.say('Hello, is the cake ready?');
    // The owner answers from the phone before Auto's debounce ran out.
    s.inbox.receive({
      channel: 'sandbox',
      externalId: 'phone-1',
      from: { externalId: 'sb-maria', display: '' },
      kind: 'text',
      body: 'Yes, come by!',
      at: a.clock.now(),
      fromOwner: true,
    });
    expect(s.ownerPause.pausedUntil(conv)).toBe(a.clock.now() + 30 * 60_000);
    await a.settle();
    await a.say('Great, and do you have candles?');
    await a.settle();
    // Auto did not even ask the model: nothing sent, nothing held for this turn.
    const autoTurns = () =>
      s.assistant.audit(conv).filter((r) => r.purpose === 'auto' || r.event === 'auto_sent' || r.event === 'held').length;
    expect(a.messages(conv).filter((m) => m.author === 'assistant')).toEqual([]);
    expect(autoTurns()).toBe(0);

    // After the pause Auto takes the conversation again (what it then says is Auto's own business: sent or held).
    a.clock.advance(31 * 60_000);
    a.ollama.replies.push({ content: autoJson('Yes, we have birthday candles.') });
    await a.say('Hello? Candles?');
    await a.settle();
    expect(autoTurns()).toBeGreaterThan(0);
  });
});
