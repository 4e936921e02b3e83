// Telegram end to end: the real grammY inside the real core, talking HTTP to a local fake Bot API server.
import { afterEach, describe, expect, it } from 'vitest';
import { flush, makeTestApp, type TestApp } from '../../helpers/test-app';
import { until } from '../../helpers/until';
import { FakeTelegram, FAKE_TOKEN } from '../../helpers/fake-telegram';
import type { ChannelStatus } from '../../../main/core/channels/channel';
import { ChannelSendError } from '../../../main/core/channels/channel';
import { TelegramChannel, maskToken, splitText } from '../../../main/core/channels/telegram/telegram-channel';
import { systemClock } from '../../../main/core/clock';

let t: TestApp | undefined;
let tg: FakeTelegram | undefined;
afterEach(async () => {
  await t?.close();
  await tg?.close();
  t = tg = undefined;
});

const ANNA = { id: 5001, first_name: 'Anna', last_name: 'Petrova', username: 'anna_p' };

/** A core whose Telegram bot points at the fake server (configured the headless way, by environment). */
async function appWithTelegram(pollTimeoutSeconds = 1): Promise<{ t: TestApp; tg: FakeTelegram }> {
  tg = await FakeTelegram.start();
  t = await makeTestApp({
    env: { LAVKA_TELEGRAM_BOT_TOKEN: tg.token, LAVKA_TELEGRAM_API_ROOT: tg.apiRoot },
    channels: { telegram: { pollTimeoutSeconds, retryBaseMs: 200, retryMaxMs: 1_000 } },
  });
  await until('telegram connected', () => t!.app.services.hub.status('telegram').state === 'connected');
  return { t, tg };
}

function status(): ChannelStatus {
  return t!.app.services.hub.status('telegram');
}

describe('Telegram channel against a fake Bot API server', () => {
  it('connects with getMe + deleteWebhook, shows the bot and its link, files a customer message and sends the reply', async () => {
    const { t, tg } = await appWithTelegram();
    expect(status()).toMatchObject({ state: 'connected', account: '@lavka_test_bot', link: 'https://t.me/lavka_test_bot' });
    expect(tg.callsOf('getMe')).toBe(1);
    expect(tg.callsOf('deleteWebhook')).toBe(1);

    tg.customerWrites(ANNA, 'Здравствуйте! Есть ржаной хлеб?');
    await until('message filed', async () => (await t.call('inbox.list', {})).items.length === 1);
    const [conv] = (await t.call('inbox.list', {})).items;
    expect(conv).toMatchObject({
      contactName: 'Anna Petrova (@anna_p)',
      lastPreview: 'Здравствуйте! Есть ржаной хлеб?',
      channels: ['telegram'],
    });
    const contact = await t.call('contacts.get', { contactId: conv.contactId });
    expect(contact.identities).toMatchObject([{ channel: 'telegram', externalId: '5001', display: 'Anna Petrova (@anna_p)' }]);

    await t.call('messages.send', { conversationId: conv.id, text: 'Да, свежий!' });
    await until('reply at the server', () => tg.sent.length === 1);
    expect(tg.sent[0]).toMatchObject({ chatId: 5001, text: 'Да, свежий!' });
    await t.app.services.outbox.settle();
    const [reply] = await t.call('messages.list', { conversationId: conv.id, limit: 1 });
    expect(reply).toMatchObject({ status: 'sent', channel: 'telegram' });
    // Confirmed updates are gone from the server: a restart would not fetch them again.
    await until('update confirmed', () => tg.pendingUpdates() === 0);
  });

  it('files photos, voice, documents, stickers and locations as typed placeholders with their captions', async () => {
    const { t, tg } = await appWithTelegram();
    tg.customerWrites(ANNA, null, { photo: [{ file_id: 'p1', file_unique_id: 'u1', width: 90, height: 90 }], caption: 'this cake please' });
    tg.customerWrites(ANNA, null, { voice: { file_id: 'v1', file_unique_id: 'u2', duration: 3 } });
    tg.customerWrites(ANNA, null, { document: { file_id: 'd1', file_unique_id: 'u3', file_name: 'order.pdf' } });
    tg.customerWrites(ANNA, null, {
      sticker: {
        file_id: 's1',
        file_unique_id: 'u4',
        type: 'regular',
        width: 1,
        height: 1,
        is_animated: false,
        is_video: false,
        emoji: '🎂',
      },
    });
    tg.customerWrites(ANNA, null, { location: { latitude: 52.52, longitude: 13.405 } });
    await until('five messages', async () => (await t.call('inbox.list', {})).items[0]?.lastPreview.startsWith('[location]') ?? false);
    const conv = (await t.call('inbox.list', {})).items[0];
    const msgs = (await t.call('messages.list', { conversationId: conv.id })).reverse();
    expect(msgs.map((m) => [m.kind, m.body])).toEqual([
      ['image', 'this cake please'],
      ['voice', ''],
      ['document', 'order.pdf'],
      ['sticker', '🎂'],
      ['location', '52.52, 13.405'],
    ]);
  });

  it('survives updates with unknown fields, no text, service messages, groups and garbage, and keeps receiving', async () => {
    const { t, tg } = await appWithTelegram();
    tg.pushUpdate({ some_future_update: { x: 1 } });
    tg.pushUpdate({ message: { message_id: 1, date: 1, chat: { id: 5001, type: 'private' } } }); // no from, no text
    tg.pushUpdate({ message: null });
    tg.pushUpdate({
      message: {
        message_id: 2,
        date: 1,
        chat: { id: -100, type: 'group' },
        from: { id: 7, is_bot: false, first_name: 'G' },
        text: 'in a group',
      },
    });
    tg.customerWrites(ANNA, null, { pinned_message: { message_id: 1 } });
    tg.customerWrites(ANNA, null, { story: { chat: { id: 1, type: 'private' }, id: 3 }, brand_new_field: { deep: [1, 2] } });
    tg.customerWrites(ANNA, 'still here', { another_unknown_field: true });
    await until('last text filed', async () => (await t.call('inbox.list', {})).items[0]?.lastPreview === 'still here');
    const conv = (await t.call('inbox.list', {})).items;
    expect(conv).toHaveLength(1);
    const msgs = (await t.call('messages.list', { conversationId: conv[0].id })).reverse();
    expect(msgs.map((m) => [m.kind, m.body])).toEqual([
      ['other', ''],
      ['text', 'still here'],
    ]);
    expect(status().state).toBe('connected');
  });

  it('a redelivered update (crash before confirming) is stored once', async () => {
    const { t, tg } = await appWithTelegram();
    const u = tg.customerWrites(ANNA, 'once');
    await until('filed', async () => (await t.call('inbox.list', {})).items.length === 1);
    tg.pushUpdate({ message: (u as { message: unknown }).message });
    tg.customerWrites(ANNA, 'twice');
    await until('second filed', async () => (await t.call('inbox.list', {})).items[0].lastPreview === 'twice');
    const msgs = await t.call('messages.list', { conversationId: (await t.call('inbox.list', {})).items[0].id });
    expect(msgs.map((m) => m.body)).toEqual(['twice', 'once']);
  });

  it('goes "disconnected" with the reason on 5xx and network drops while polling, and recovers by itself', async () => {
    // A long poll of 30 s: recovery must show at once, not when the next long poll ends.
    const { t, tg } = await appWithTelegram(30);
    const seen: ChannelStatus[] = [];
    t.app.services.events.subscribe((e) => {
      if (e.type === 'channel.status' && e.payload.channel === 'telegram') seen.push(e.payload);
    });
    tg.failNext('getUpdates', { kind: 'status', status: 502, description: 'Bad Gateway' });
    tg.failNext('getUpdates', { kind: 'drop' });
    tg.customerWrites(ANNA, 'wake the poller'); // ends the current long poll so the faults are hit now
    await until('disconnected seen', () => seen.some((s) => s.state === 'disconnected'));
    const down = seen.find((s) => s.state === 'disconnected')!;
    expect(down.detail).toMatch(/502|Bad Gateway|cannot reach Telegram/);
    expect(down.detail).not.toContain(FAKE_TOKEN);
    // Each failed try says "Retrying in N s" and then waits on the (fake) clock: step time once per planned retry.
    const retries = () => seen.filter((s) => s.state === 'disconnected' && /Retrying in/.test(s.detail ?? '')).length;
    for (let stepped = 0; stepped < 5 && status().state !== 'connected';) {
      await until('a retry planned, or reconnected', () => status().state === 'connected' || retries() > stepped);
      if (status().state === 'connected') break;
      stepped = retries();
      t.clock.advance(1_000);
    }
    await until('reconnected', () => status().state === 'connected');
    await until('message after recovery', async () => (await t.call('inbox.list', {})).items.length === 1);
  });

  it('honours 429 retry_after on send and retries 5xx; the customer gets the reply once', async () => {
    const { t, tg } = await appWithTelegram();
    tg.customerWrites(ANNA, 'hi');
    await until('filed', async () => (await t.call('inbox.list', {})).items.length === 1);
    const conv = (await t.call('inbox.list', {})).items[0];
    tg.failNext('sendMessage', { kind: 'status', status: 429, retryAfter: 7 });
    await t.call('messages.send', { conversationId: conv.id, text: 'slow down' });
    await until('429 recorded', () => tg.callsOf('sendMessage') === 1);
    await t.app.services.outbox.settle();
    let [m] = await t.call('messages.list', { conversationId: conv.id, limit: 1 });
    expect(m).toMatchObject({ status: 'queued', error: 'Telegram asked to slow down; retrying in 7 s' });
    expect(t.app.services.repos.outbox.get(m.id)!.next_attempt_at).toBe(t.clock.now() + 7_000);
    t.clock.advance(6_999);
    await t.app.services.outbox.settle();
    expect(tg.sent).toHaveLength(0);

    tg.failNext('sendMessage', { kind: 'status', status: 500 });
    t.clock.advance(1);
    await until('5xx hit', () => tg.callsOf('sendMessage') === 2);
    await t.app.services.outbox.settle();
    [m] = await t.call('messages.list', { conversationId: conv.id, limit: 1 });
    expect(m.status).toBe('queued');
    t.clock.advance(60_000);
    await until('sent', () => tg.sent.length === 1);
    await t.app.services.outbox.settle();
    [m] = await t.call('messages.list', { conversationId: conv.id, limit: 1 });
    expect(m.status).toBe('sent');
    expect(tg.sent.map((s) => s.text)).toEqual(['slow down']);
  });

  it('a customer who blocked the bot: the reply fails with the reason and can be retried', async () => {
    const { t, tg } = await appWithTelegram();
    tg.customerWrites(ANNA, 'hi');
    await until('filed', async () => (await t.call('inbox.list', {})).items.length === 1);
    const conv = (await t.call('inbox.list', {})).items[0];
    tg.blocked.add(ANNA.id);
    const out = await t.call('messages.send', { conversationId: conv.id, text: 'are you there?' });
    await until('failed', async () => (await t.call('messages.list', { conversationId: conv.id, limit: 1 }))[0].status === 'failed');
    const [m] = await t.call('messages.list', { conversationId: conv.id, limit: 1 });
    expect(m.error).toBe('This customer blocked your bot in Telegram (Telegram answered 403: Forbidden: bot was blocked by the user)');
    tg.blocked.delete(ANNA.id);
    await t.call('messages.retry', { messageId: out.id });
    await until('sent after retry', () => tg.sent.length === 1);
  });

  it('splits a reply longer than Telegram allows into parts, in order', async () => {
    const { t, tg } = await appWithTelegram();
    tg.customerWrites(ANNA, 'send the whole menu');
    await until('filed', async () => (await t.call('inbox.list', {})).items.length === 1);
    const conv = (await t.call('inbox.list', {})).items[0];
    const long = Array.from({ length: 300 }, (_, i) => `Line ${i}: rye bread, croissant, 🥐 pretzel`).join('\n');
    await t.call('messages.send', { conversationId: conv.id, text: long });
    await until('parts sent', () => tg.sent.length >= 3);
    await t.app.services.outbox.settle();
    expect(tg.sent.every((s) => s.text.length <= 4096)).toBe(true);
    expect(tg.sent.map((s) => s.text).join('\n')).toBe(long);
  });
});

describe('Telegram token handling', () => {
  it('a wrong token gives a clear error, saves nothing and starts nothing', async () => {
    tg = await FakeTelegram.start();
    t = await makeTestApp();
    await expect(
      t.call('channels.telegram.check', { token: '123456789:AAWrongTokenWrongTokenWrongToken12', apiRoot: tg.apiRoot }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('Telegram did not accept this token'),
    });
    await expect(t.call('channels.telegram.connect', { token: 'hello', apiRoot: tg.apiRoot })).rejects.toMatchObject({
      message: expect.stringContaining('does not look like a bot token'),
    });
    const o = await t.call('channels.overview');
    expect(o.telegram).toMatchObject({ configured: false, tokenMasked: null });
    expect(t.app.services.hub.status('telegram').state).toBe('disabled');
  });

  it('an unreachable Bot API server gives a clear error', async () => {
    t = await makeTestApp();
    await expect(t.call('channels.telegram.check', { token: FAKE_TOKEN, apiRoot: 'http://127.0.0.1:9' })).rejects.toMatchObject({
      code: 'channel_unavailable',
      message: expect.stringMatching(/Could not check the token: cannot reach Telegram \(/),
    });
  });

  it('connect from Settings: checks, stores the token masked, starts; disconnect stops and forgets it', async () => {
    tg = await FakeTelegram.start();
    t = await makeTestApp({ channels: { telegram: { pollTimeoutSeconds: 1 } } });
    expect(await t.call('channels.telegram.check', { token: tg.token, apiRoot: tg.apiRoot })).toEqual({
      id: 123456789,
      username: 'lavka_test_bot',
      name: 'Lavka Test Shop',
      link: 'https://t.me/lavka_test_bot',
    });
    const o = await t.call('channels.telegram.connect', { token: tg.token, apiRoot: tg.apiRoot });
    expect(o).toMatchObject({
      configured: true,
      source: 'settings',
      tokenMasked: '123456789:••••••',
      apiRoot: tg.apiRoot,
      apiRootSource: 'settings',
    });
    expect(JSON.stringify(await t.call('channels.overview'))).not.toContain(tg.token.split(':')[1]);
    await until('connected', () => t!.app.services.hub.status('telegram').state === 'connected');
    await t.call('channels.telegram.disconnect');
    expect(t.app.services.hub.status('telegram').state).toBe('disabled');
    expect((await t.call('channels.overview')).telegram).toMatchObject({ configured: false, apiRoot: tg.apiRoot });
  });

  it('a token from the environment cannot be changed from the UI', async () => {
    tg = await FakeTelegram.start();
    t = await makeTestApp({
      env: { LAVKA_TELEGRAM_BOT_TOKEN: tg.token, LAVKA_TELEGRAM_API_ROOT: tg.apiRoot },
      channels: { telegram: { pollTimeoutSeconds: 1 } },
    });
    expect((await t.call('channels.overview')).telegram).toMatchObject({
      source: 'env',
      apiRootSource: 'env',
      tokenMasked: maskToken(tg.token),
    });
    await expect(t.call('channels.telegram.disconnect')).rejects.toMatchObject({ code: 'conflict' });
  });

  it('a token Telegram stops accepting shows an error status instead of looping', async () => {
    tg = await FakeTelegram.start({ token: '999999999:AAAnotherTokenAnotherTokenAnother1' });
    const states: ChannelStatus[] = [];
    const ch = new TelegramChannel({ token: FAKE_TOKEN, apiRoot: tg.apiRoot, clock: systemClock, pollTimeoutSeconds: 1 });
    await ch.start({ receive: () => ({ stored: false }), ack: () => {}, status: (s) => states.push({ channel: 'telegram', ...s }) });
    await until('error', () => states.some((s) => s.state === 'error'));
    expect(states.at(-1)!.detail).toContain('did not accept the bot token');
    expect(tg.callsOf('getMe')).toBe(1);
    await ch.stop();
  });

  it('maps send errors to ChannelSendError: 429 with retryAfterMs, 403 permanent, network transient', async () => {
    tg = await FakeTelegram.start();
    const ch = new TelegramChannel({ token: tg.token, apiRoot: tg.apiRoot, clock: systemClock, pollTimeoutSeconds: 1 });
    await ch.start({ receive: () => ({ stored: true }), ack: () => {}, status: () => {} });
    tg.customerWrites(ANNA, 'hi');
    await flush();
    tg.failNext('sendMessage', { kind: 'status', status: 429, retryAfter: 3 });
    const e429 = await ch.send({ messageId: 1, address: '5001', text: 'x' }).catch((e: unknown) => e);
    expect(e429).toBeInstanceOf(ChannelSendError);
    expect(e429).toMatchObject({ permanent: false, retryAfterMs: 3_000 });
    tg.blocked.add(ANNA.id);
    await expect(ch.send({ messageId: 2, address: '5001', text: 'x' })).rejects.toMatchObject({ permanent: true });
    tg.blocked.clear();
    tg.failNext('sendMessage', { kind: 'drop' });
    const drop = (await ch.send({ messageId: 3, address: '5001', text: 'x' }).catch((e: unknown) => e)) as ChannelSendError;
    expect(drop).toMatchObject({ permanent: false });
    expect(drop.message).not.toContain(tg.token);
    await expect(ch.send({ messageId: 4, address: 'not-a-chat', text: 'x' })).rejects.toMatchObject({ permanent: true });
    await ch.stop();
  });

  it('splitText keeps every character and never exceeds the limit', () => {
    const text = '😀'.repeat(3000) + '\n' + 'a b '.repeat(2000);
    const parts = splitText(text, 4096);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    expect(parts.join('').replace(/[\n ]/g, '')).toBe(text.replace(/[\n ]/g, ''));
    expect(parts.some((p) => /^[\uDC00-\uDFFF]/.test(p))).toBe(false);
  });
});
