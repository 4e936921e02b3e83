// The inbox channel filter when the channel is rare among recent conversations: the list must still be complete,
// in activity order and pageable — the repository switches from walking recent conversations to the channel's identities.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
const T0 = 1_700_000_000_000;

beforeAll(async () => {
  t = await makeTestApp();
  const receive = (channel: string, from: string, at: number, body = 'hi') =>
    t.app.services.inbox.receive({
      channel,
      externalId: `${channel}-${from}-${at}`,
      from: { externalId: from, display: from },
      kind: 'text',
      body,
      at,
    });
  // Three WhatsApp customers who wrote long ago, then 1,200 Telegram customers on top of them.
  receive('whatsapp', '+491510001', T0 + 1);
  receive('whatsapp', '+491510002', T0 + 2);
  receive('whatsapp', '+491510003', T0 + 3);
  for (let i = 0; i < 1200; i++) receive('telegram', `tg${i}`, T0 + 1000 + i);
  t.app.services.inbox.markRead(2);
});
afterAll(async () => t.close());

const names = (r: { items: { contactName: string }[] }) => r.items.map((c) => c.contactName);

describe('inbox channel filter', () => {
  it('finds conversations on a channel nobody used recently, newest first', async () => {
    expect(names(await t.call('inbox.list', { channel: 'whatsapp' }))).toEqual(['+491510003', '+491510002', '+491510001']);
  });

  it('pages through a rare channel with the cursor and ends', async () => {
    const first = await t.call('inbox.list', { channel: 'whatsapp', limit: 2 });
    expect(names(first)).toEqual(['+491510003', '+491510002']);
    const rest = await t.call('inbox.list', { channel: 'whatsapp', limit: 2, cursor: first.next! });
    expect(names(rest)).toEqual(['+491510001']);
    expect(rest.next).toBeNull();
  });

  it('combines with the unread filter', async () => {
    expect(names(await t.call('inbox.list', { channel: 'whatsapp', unread: true }))).toEqual(['+491510003', '+491510001']);
  });

  it('returns nothing for a channel no customer uses, and a full page for a common one', async () => {
    expect((await t.call('inbox.list', { channel: 'sandbox' })).items).toEqual([]);
    const tg = await t.call('inbox.list', { channel: 'telegram' });
    expect(names(tg).slice(0, 2)).toEqual(['tg1199', 'tg1198']);
    expect(tg.items).toHaveLength(50);
  });
});
