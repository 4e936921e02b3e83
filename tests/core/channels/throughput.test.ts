// How fast the durable outbox empties when pacing does not hold it back: through the in-process sandbox (the cost of
// the outbox itself: two commits per message) and through real grammY over HTTP to the fake Bot API server.
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { until } from '../../helpers/until';
import { FakeTelegram } from '../../helpers/fake-telegram';
import { systemClock } from '../../../main/core/clock';

let t: TestApp | undefined;
let tg: FakeTelegram | undefined;
afterEach(async () => {
  await t?.close();
  await tg?.close();
  t = tg = undefined;
});

describe('outbox throughput', () => {
  it('sandbox: 2,000 queued replies all leave the outbox, once each (the rate is a bench figure)', async () => {
    t = await makeTestApp();
    const said = await t.call('sandbox.say', { name: 'Bulk', text: 'hi' });
    for (let i = 0; i < 2000; i++) t.app.services.inbox.send(said.conversationId!, `bulk ${i}`);
    let delivered = 0;
    t.app.services.sandbox.onDelivery(() => delivered++);
    const started = performance.now();
    t.app.services.outbox.kick();
    await t.app.services.outbox.settle();
    const seconds = (performance.now() - started) / 1000;
    expect(delivered).toBe(2000);
    console.log(`[throughput] sandbox: 2000 messages in ${seconds.toFixed(2)} s = ${Math.round(2000 / seconds)}/s`);
  });

  it('Telegram over HTTP (grammY → fake Bot API): 300 replies, each one request, in order', async () => {
    tg = await FakeTelegram.start();
    t = await makeTestApp({
      clock: systemClock,
      env: { LAVKA_TELEGRAM_BOT_TOKEN: tg.token, LAVKA_TELEGRAM_API_ROOT: tg.apiRoot },
      channels: { telegram: { pollTimeoutSeconds: 1 } },
    });
    await until('telegram connected', () => t!.app.services.hub.isConnected('telegram'));
    tg.customerWrites({ id: 9001, first_name: 'Bulk' }, 'hi');
    await until('the first customer filed', () => !!t!.app.services.repos.contacts.findIdentity('telegram', '9001'));
    const conv = t.app.services.inbox.conversationOfContact(t.app.services.repos.contacts.findIdentity('telegram', '9001')!.contactId)!;
    const started = performance.now();
    for (let i = 0; i < 300; i++) t.app.services.inbox.send(conv, `tg bulk ${i}`);
    await until('all 300 replies sent', () => tg!.sent.length === 300, 30_000);
    const seconds = (performance.now() - started) / 1000;
    expect(tg.sent.map((m) => m.text)).toEqual(Array.from({ length: 300 }, (_, i) => `tg bulk ${i}`));
    expect(tg.callsOf('sendMessage')).toBe(300);
    console.log(`[throughput] telegram via HTTP: 300 messages in ${seconds.toFixed(2)} s = ${Math.round(300 / seconds)}/s`);
  });
});
