// Telegram Business through the real core and grammY against the fake Bot API: the owner connects the bot to their
// own account; customers writing to that account land in the inbox; replies go out as the owner with
// business_connection_id only within 24 hours of the customer's last message; what the owner types in Telegram is the
// owner's reply and pauses Auto; edits and deletions are reflected; a disabled connection stops replies.
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { until } from '../../helpers/until';
import { FakeTelegram } from '../../helpers/fake-telegram';

let t: TestApp | undefined;
let tg: FakeTelegram | undefined;
afterEach(async () => {
  await t?.close();
  await tg?.close();
  t = tg = undefined;
});

const OWNER = { id: 7001, first_name: 'Lena', username: 'lena_bakes' };
const ANNA = { id: 5001, first_name: 'Anna' };

async function setup(): Promise<{ t: TestApp; tg: FakeTelegram; connection: string }> {
  tg = await FakeTelegram.start();
  t = await makeTestApp({
    env: { LAVKA_TELEGRAM_BOT_TOKEN: tg.token, LAVKA_TELEGRAM_API_ROOT: tg.apiRoot },
    channels: { telegram: { pollTimeoutSeconds: 1, retryBaseMs: 200, retryMaxMs: 1_000 } },
  });
  // The fake server's clock is Lavka's clock: the 24-hour rule is judged on the same time by both.
  tg.now = () => t!.clock.now();
  await until('telegram connected', () => t!.app.services.hub.status('telegram').state === 'connected');
  const connection = tg.businessConnection(OWNER);
  await until('connection known', async () => (await t!.call('channels.telegram.business')).length === 1);
  return { t, tg, connection };
}

async function thread(t: TestApp) {
  const [conv] = (await t.call('inbox.list', {})).items;
  return conv ? (await t.call('messages.list', { conversationId: conv.id })).reverse() : [];
}

describe('Telegram Business', () => {
  it('files a customer writing to the owner’s account and replies as the owner with business_connection_id', async () => {
    const { t, tg, connection } = await setup();
    expect(await t.call('channels.telegram.business')).toEqual([{ id: connection, name: 'Lena', enabled: true, canReply: true }]);
    tg.customerWritesToBusiness(connection, ANNA, 'Hi Lena, is the honey cake available?');
    await until('filed', async () => (await thread(t)).length === 1);
    const conv = (await t.call('inbox.list', {})).items[0];
    expect(conv).toMatchObject({ contactName: 'Anna', channels: ['telegram'] });
    const window = await t.call('channels.telegram.replyWindow', { conversationId: conv.id });
    expect(window).toEqual({ via: 'business', until: t.clock.now() + 24 * 60 * 60_000, refused: null });

    await t.call('messages.send', { conversationId: conv.id, text: 'Yes! Two left.' });
    await until('sent', () => tg.sent.length === 1);
    expect(tg.sent[0]).toMatchObject({ chatId: 5001, text: 'Yes! Two left.', businessConnectionId: connection });
  });

  it('files what the owner types in Telegram as the owner’s reply, reflects edits and deletions', async () => {
    const { t, tg, connection } = await setup();
    const u = tg.customerWritesToBusiness(connection, ANNA, 'Do you deliver?') as { business_message: { message_id: number } };
    await until('filed', async () => (await thread(t)).length === 1);
    tg.ownerWritesInBusiness(connection, ANNA, 'Yes, within Berlin');
    await until('owner filed', async () => (await thread(t)).length === 2);
    tg.editBusinessMessage(connection, ANNA, u.business_message.message_id, 'Do you deliver on Sunday?');
    await until('edited', async () => (await thread(t))[0].body === 'Do you deliver on Sunday?');
    tg.deleteBusinessMessages(connection, ANNA, [u.business_message.message_id]);
    await until('deleted', async () => (await thread(t))[0].error === 'deleted_by_sender');
    expect((await thread(t)).map((m) => [m.direction, m.author, m.body])).toEqual([
      ['in', 'customer', 'Do you deliver on Sunday?'],
      ['out', 'owner', 'Yes, within Berlin'],
    ]);
    // The owner's reply from Telegram pauses Auto in this conversation.
    const conv = (await t.call('inbox.list', {})).items[0].id;
    expect(t.app.services.ownerPause.pausedUntil(conv)).not.toBeNull();
    expect((await t.call('inbox.search', { query: 'Sunday' })).conversations).toHaveLength(1);
  });

  it('refuses to reply more than 24 hours after the customer’s last message, with the reason, and sends nothing', async () => {
    const { t, tg, connection } = await setup();
    tg.customerWritesToBusiness(connection, ANNA, 'Are you open?');
    await until('filed', async () => (await thread(t)).length === 1);
    const conv = (await t.call('inbox.list', {})).items[0].id;
    t.clock.advance(25 * 60 * 60_000);
    expect(await t.call('channels.telegram.replyWindow', { conversationId: conv })).toMatchObject({
      via: 'business',
      refused: 'window_closed',
    });
    const m = await t.call('messages.send', { conversationId: conv, text: 'Sorry for the late answer' });
    await until('failed', async () => (await thread(t)).find((x) => x.id === m.id)?.status === 'failed');
    expect((await thread(t)).find((x) => x.id === m.id)!.error).toMatch(/within 24 hours/);
    expect(tg.sent).toEqual([]);
  });

  it('a disabled connection stops replies through it; a customer writing to the bot again is answered by the bot', async () => {
    const { t, tg, connection } = await setup();
    tg.customerWritesToBusiness(connection, ANNA, 'Hello');
    await until('filed', async () => (await thread(t)).length === 1);
    const conv = (await t.call('inbox.list', {})).items[0].id;
    tg.businessConnection(OWNER, { id: connection, enabled: false });
    await until('disabled', async () => (await t.call('channels.telegram.business'))[0]?.enabled === false);
    const m = await t.call('messages.send', { conversationId: conv, text: 'Hi Anna' });
    await until('failed', async () => (await thread(t)).find((x) => x.id === m.id)?.status === 'failed');
    expect((await thread(t)).find((x) => x.id === m.id)!.error).toMatch(/disconnected the bot/);

    tg.customerWrites(ANNA, 'I am writing to the bot now');
    await until('filed', async () => (await thread(t)).length === 3);
    expect(await t.call('channels.telegram.replyWindow', { conversationId: conv })).toEqual({ via: 'bot' });
    await t.call('messages.send', { conversationId: conv, text: 'Got it' });
    await until('sent', () => tg.sent.length === 1);
    expect(tg.sent[0].businessConnectionId).toBeUndefined();
  });
});
