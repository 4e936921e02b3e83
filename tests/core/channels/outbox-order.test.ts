// Sent in order, exactly once where the channel allows: per recipient the outbox sends in queue order across
// retries and restarts, a split reply resumes at its first unconfirmed part, and a row is claimed only once.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeTestApp, tempDir, type TestApp } from '../../helpers/test-app';
import { until } from '../../helpers/until';
import { FakeTelegram } from '../../helpers/fake-telegram';
import { DB_FILE } from '../../../main/core/app';
import { FakeClock } from '../../helpers/fake-clock';

const apps: TestApp[] = [];
let tg: FakeTelegram | undefined;
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  await tg?.close();
  tg = undefined;
});

const ANNA = { id: 5001, first_name: 'Anna' };
const BORIS = { id: 5002, first_name: 'Boris' };

async function boot(dataDir = tempDir(), setup = true, clock?: FakeClock): Promise<TestApp> {
  tg ??= await FakeTelegram.start();
  const t = await makeTestApp({
    dataDir,
    setup,
    clock,
    env: { LAVKA_TELEGRAM_BOT_TOKEN: tg.token, LAVKA_TELEGRAM_API_ROOT: tg.apiRoot },
    channels: { telegram: { pollTimeoutSeconds: 1, retryBaseMs: 200, retryMaxMs: 1_000 } },
    outbox: { baseBackoffMs: 1_000 },
  });
  apps.push(t);
  await until('telegram connected', () => t.app.services.hub.status('telegram').state === 'connected');
  return t;
}

async function conversationOf(t: TestApp, name: string): Promise<number> {
  let id: number | undefined;
  await until(`${name} in the inbox`, async () => {
    id = (await t.call('inbox.list', {})).items.find((c) => c.contactName.startsWith(name))?.id;
    return id !== undefined;
  });
  return id!;
}

describe('outbox order per recipient', () => {
  it('a message waiting for a retry holds back the later ones to the same customer, not other customers', async () => {
    const t = await boot();
    tg!.customerWrites(ANNA, 'hi');
    tg!.customerWrites(BORIS, 'hello');
    const anna = await conversationOf(t, 'Anna');
    const boris = await conversationOf(t, 'Boris');
    tg!.failNext('sendMessage', { kind: 'status', status: 502, description: 'Bad Gateway' });
    for (const text of ['A', 'B', 'C']) await t.call('messages.send', { conversationId: anna, text });
    await t.call('messages.send', { conversationId: boris, text: 'X' });
    await until('X sent', () => tg!.sent.some((m) => m.text === 'X'));
    await t.app.services.outbox.settle();
    // A is waiting for its retry; B and C wait behind it, Boris is not held up.
    expect(tg!.sent.map((m) => m.text)).toEqual(['X']);
    t.clock.advance(1_000);
    await until('all sent', () => tg!.sent.length === 4);
    expect(tg!.sent.filter((m) => m.chatId === ANNA.id).map((m) => m.text)).toEqual(['A', 'B', 'C']);
  });

  it('a message that failed for good shows why and lets the later ones go', async () => {
    const t = await boot();
    tg!.customerWrites(ANNA, 'hi');
    const anna = await conversationOf(t, 'Anna');
    tg!.failNext('sendMessage', { kind: 'status', status: 400, description: 'Bad Request: message text is wrong' });
    for (const text of ['A', 'B', 'C']) await t.call('messages.send', { conversationId: anna, text });
    await until('B and C sent', () => tg!.sent.length === 2);
    expect(tg!.sent.map((m) => m.text)).toEqual(['B', 'C']);
    await t.app.services.outbox.settle();
    const a = (await t.call('messages.list', { conversationId: anna })).find((m) => m.body === 'A')!;
    expect(a).toMatchObject({ status: 'failed', error: expect.stringContaining('message text is wrong') });
  });

  it('after a crash the interrupted message goes first, and later ones follow in order', async () => {
    const dataDir = tempDir();
    const t1 = await boot(dataDir);
    tg!.customerWrites(ANNA, 'hi');
    const anna = await conversationOf(t1, 'Anna');
    await t1.app.services.outbox.stop();
    for (const text of ['A', 'B', 'C']) await t1.call('messages.send', { conversationId: anna, text });
    await t1.close();
    apps.splice(0);
    // What SIGKILL during A's send leaves: A in 'sending', B and C queued — due long before A's retry after the restart.
    const db = new Database(join(dataDir, DB_FILE));
    db.prepare(`UPDATE outbox SET state = 'sending' WHERE message_id = (SELECT min(message_id) FROM outbox)`).run();
    db.close();
    const t2 = await boot(dataDir, false, new FakeClock(t1.clock.now() + 60_000));
    await until('all sent', () => tg!.sent.length === 3);
    expect(tg!.sent.map((m) => m.text)).toEqual(['A', 'B', 'C']);
    await t2.app.services.outbox.settle();
  });
});

describe('split replies', () => {
  // Three paragraphs of ~3,000 characters: Telegram takes 4,096 per message, so the reply goes as three parts.
  const paragraphs = ['one', 'two', 'three'].map((w) => `${w} `.repeat(Math.floor(3000 / (w.length + 1))).trim());
  const long = paragraphs.join('\n');

  it('remember confirmed parts: a retry and a restart resume at the first unconfirmed part, none is sent twice', async () => {
    const dataDir = tempDir();
    const t1 = await boot(dataDir);
    tg!.customerWrites(ANNA, 'hi');
    const anna = await conversationOf(t1, 'Anna');
    // The second part is refused once (a transient error) after the first one reached the customer.
    let calls = 0;
    tg!.sendLatencyMs = () => {
      if (++calls === 1) tg!.failNext('sendMessage', { kind: 'status', status: 502, description: 'Bad Gateway' });
      return 0;
    };
    const sent = await t1.call('messages.send', { conversationId: anna, text: long });
    await until('first part', () => tg!.sent.length === 1);
    await t1.app.services.outbox.settle();
    const row = t1.app.services.repos.outbox.get(sent.id)!;
    expect(row).toMatchObject({ state: 'queued', parts_sent: 1, first_external_id: String(tg!.sent[0].messageId) });
    await t1.close();
    apps.splice(0);
    // Killed while sending the second part: the row is left 'sending'.
    const db = new Database(join(dataDir, DB_FILE));
    db.prepare(`UPDATE outbox SET state = 'sending' WHERE message_id = ?`).run(sent.id);
    db.close();
    const t2 = await boot(dataDir, false);
    await until('all parts', () => tg!.sent.length === 3);
    await t2.app.services.outbox.settle();
    expect(tg!.sent.map((m) => m.text.split(' ')[0])).toEqual(['one', 'two', 'three']);
    const [msg] = await t2.call('messages.list', { conversationId: anna, limit: 1 });
    expect(msg).toMatchObject({ status: 'sent' });
    expect(t2.app.services.repos.outbox.get(sent.id)).toMatchObject({ state: 'sent', parts_sent: 3 });
  });
});

describe('claiming a row', () => {
  it('only a queued row becomes sending, once', async () => {
    const t = await makeTestApp({ startWorkers: false });
    apps.push(t);
    const { conversationId } = t.app.services.inbox.receive({
      channel: 'sandbox',
      externalId: 'm1',
      from: { externalId: 'maria', display: 'Maria' },
      kind: 'text',
      body: 'hi',
      at: t.clock.now(),
    });
    const id = (await t.call('messages.send', { conversationId: conversationId!, text: 'x' })).id;
    const repo = t.app.services.repos.outbox;
    expect(repo.markSending(id, 1)).toBe(true);
    expect(repo.markSending(id, 2)).toBe(false);
    repo.markSent(id, 3);
    expect(repo.markSending(id, 4)).toBe(false);
    expect(repo.get(id)).toMatchObject({ state: 'sent', attempts: 1 });
  });
});
