// Received means stored: a Telegram update is confirmed (the getUpdates offset moves past it) only after the message
// is committed. While another process holds the database's write lock, the update stays with Telegram, the channel
// says it cannot save, and Lavka retries with backoff until it can.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { until } from '../../helpers/until';
import { FakeTelegram } from '../../helpers/fake-telegram';
import { DB_FILE } from '../../../main/core/app';

let t: TestApp | undefined;
let tg: FakeTelegram | undefined;
let locker: Database.Database | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  if (locker?.inTransaction) locker.exec('ROLLBACK');
  locker?.close();
  await t?.close();
  await tg?.close();
  t = tg = locker = undefined;
});

describe('Telegram: store, then confirm', () => {
  it('keeps every update with Telegram while the database is write-locked by another process, then stores each once', async () => {
    tg = await FakeTelegram.start();
    t = await makeTestApp({
      env: { LAVKA_TELEGRAM_BOT_TOKEN: tg.token, LAVKA_TELEGRAM_API_ROOT: tg.apiRoot },
      channels: { telegram: { pollTimeoutSeconds: 1, retryBaseMs: 500, retryMaxMs: 4_000 } },
    });
    const hub = t.app.services.hub;
    await until('telegram connected', () => hub.status('telegram').state === 'connected');
    // Lavka waits up to 5 s for a lock in production; the test makes it give up at once instead of blocking.
    t.app.services.db.pragma('busy_timeout = 0');
    locker = new Database(join(t.dataDir, DB_FILE));
    locker.exec('BEGIN IMMEDIATE');

    const customer = { id: 6001, first_name: 'Lena' };
    for (const text of ['one', 'two', 'three', 'four']) tg.customerWrites(customer, text);
    await until('the channel shows it cannot save', () => /could not save new Telegram messages/.test(hub.status('telegram').detail ?? ''));
    expect(hub.status('telegram').state).toBe('disconnected');
    expect(tg.pendingUpdates()).toBe(4);
    // A retry (after the backoff) while still locked confirms nothing either.
    const polls = tg.callsOf('getUpdates');
    t.clock.advance(500);
    await until('a second attempt', () => tg!.callsOf('getUpdates') > polls);
    await until('the second attempt failed too', () => /trying again in 1 s/.test(hub.status('telegram').detail ?? ''));
    expect(tg.pendingUpdates()).toBe(4);

    const batches: number[] = [];
    const inbox = t.app.services.inbox;
    const real = inbox.receiveMany.bind(inbox);
    vi.spyOn(inbox, 'receiveMany').mockImplementation((ms) => (batches.push(ms.length), real(ms)));
    locker.exec('ROLLBACK');
    t.clock.advance(1_000);
    await until('all confirmed', () => tg!.pendingUpdates() === 0);
    // The four waiting updates came in one getUpdates answer and were stored in one transaction.
    expect(batches).toEqual([4]);
    await until('connected again', () => hub.status('telegram').state === 'connected');
    const [conv] = (await t.call('inbox.list', {})).items;
    const msgs = (await t.call('messages.list', { conversationId: conv.id })).reverse();
    expect(msgs.map((m) => m.body)).toEqual(['one', 'two', 'three', 'four']);
  });

  it('an update that fails to save for its own reason is tried a few times, then skipped so later messages get through', async () => {
    tg = await FakeTelegram.start();
    t = await makeTestApp({
      env: { LAVKA_TELEGRAM_BOT_TOKEN: tg.token, LAVKA_TELEGRAM_API_ROOT: tg.apiRoot },
      channels: { telegram: { pollTimeoutSeconds: 1, retryBaseMs: 100, retryMaxMs: 100 } },
    });
    const hub = t.app.services.hub;
    await until('telegram connected', () => hub.status('telegram').state === 'connected');
    const inbox = t.app.services.inbox;
    const real = inbox.receiveMany.bind(inbox);
    let poisonTries = 0;
    // receive() goes through receiveMany() too, so this sees the batch of a getUpdates answer and each single try.
    vi.spyOn(inbox, 'receiveMany').mockImplementation((ms) => {
      if (ms.some((m) => m.body === 'poison')) {
        poisonTries++;
        throw new Error('CHECK constraint failed');
      }
      return real(ms);
    });
    const customer = { id: 6002, first_name: 'Paul' };
    tg.customerWrites(customer, 'poison');
    tg.customerWrites(customer, 'after');
    for (let i = 0; i < 7 && tg.pendingUpdates() > 0; i++) {
      await until(`attempt ${i + 1}`, () => poisonTries > i || tg!.pendingUpdates() === 0);
      t.clock.advance(100);
    }
    await until('both confirmed', () => tg!.pendingUpdates() === 0);
    // Once in the batch with "after" (which then goes through alone), then five times alone before it is skipped.
    expect(poisonTries).toBe(6);
    const [conv] = (await t.call('inbox.list', {})).items;
    expect((await t.call('messages.list', { conversationId: conv.id })).map((m) => m.body)).toEqual(['after']);
    await until('connected again', () => hub.status('telegram').state === 'connected');
  });
});
