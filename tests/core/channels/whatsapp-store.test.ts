// Received means stored, for WhatsApp's catch-up: its "seen up to" marker moves only when every message it found was
// saved, so messages that could not be saved (the database was busy) are fetched again next time.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { until } from '../../helpers/until';
import { FakeWhatsApp } from '../../helpers/fake-whatsapp';
import { WhatsAppChannel } from '../../../main/core/channels/whatsapp/whatsapp-channel';
import { WHATSAPP_RUNTIME_KEY } from '../../../main/core/channels/settings';

let t: TestApp | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await t?.close();
  t = undefined;
});

/** A linked WhatsApp whose first catch-up is over. */
async function connected(): Promise<{ wa: FakeWhatsApp; ch: WhatsAppChannel; t: TestApp }> {
  const wa = new FakeWhatsApp();
  wa.phone.linked = true;
  t = await makeTestApp({
    channels: { whatsappClient: wa.factory, findBrowser: () => ({ ok: true, path: '/opt/chrome/chrome', source: 'detected' }) },
  });
  await t.call('channels.whatsapp.connect');
  await until('connected', () => t!.app.services.hub.status('whatsapp').state === 'connected');
  const ch = t.app.services.hub.get('whatsapp') as WhatsAppChannel;
  await ch.backfillDone;
  return { wa, ch, t };
}

describe('WhatsApp catch-up when saving fails', () => {
  it('does not move its marker past messages it could not save, and saves them on the next catch-up', async () => {
    const { wa, ch, t } = await connected();
    const marker = () => t.app.services.repos.settings.get(WHATSAPP_RUNTIME_KEY);
    const before = marker();

    t.clock.advance(60_000);
    wa.offlineMessage({
      from: '4915112345678@c.us',
      body: 'are you open tomorrow?',
      pushname: 'John',
      timestamp: Math.floor(t.clock.now() / 1000),
    });
    // The inbox's write fails once, as it does when another process holds the database's write lock; the marker
    // write right after it would succeed, so only the rule keeps the marker where it was.
    vi.spyOn(t.app.services.inbox, 'receive').mockImplementationOnce(() => {
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    });
    wa.latest.emitEvent('ready');
    expect((await ch.backfillDone)?.stored).toBe(0);
    expect(t.app.services.hub.status('whatsapp').detail).toMatch(/1 message from while Lavka was closed could not be saved/);
    expect(marker()).toEqual(before);

    wa.latest.emitEvent('ready');
    expect((await ch.backfillDone)?.stored).toBe(1);
    expect(marker()).not.toEqual(before);
    const [conv] = (await t.call('inbox.list', {})).items;
    expect((await t.call('messages.list', { conversationId: conv.id })).map((m) => m.body)).toEqual(['are you open tomorrow?']);
  });

  it('stores a chat caught up after a reconnect, and live messages that arrive together, in one transaction each', async () => {
    const { wa, ch, t } = await connected();
    const inbox = t.app.services.inbox;
    const real = inbox.receiveMany.bind(inbox);
    const batches: number[] = [];
    vi.spyOn(inbox, 'receiveMany').mockImplementation((ms) => (batches.push(ms.length), real(ms)));

    t.clock.advance(60_000);
    const at = Math.floor(t.clock.now() / 1000);
    for (const body of ['hello', 'do you deliver?', 'to Kreuzberg']) {
      wa.offlineMessage({ from: '4915112345678@c.us', body, pushname: 'John', timestamp: at });
    }
    wa.latest.emitEvent('ready');
    expect((await ch.backfillDone)?.stored).toBe(3);
    expect(batches).toEqual([3]);

    batches.length = 0;
    wa.latest.receive({ from: '4915187654321@c.us', body: 'one', pushname: 'Mia' });
    wa.latest.receive({ from: '4915187654321@c.us', body: 'two', pushname: 'Mia' });
    await until('both live messages stored', () => batches.reduce((a, b) => a + b, 0) === 2);
    expect(batches).toEqual([2]);
    const [mia] = (await t.call('inbox.list', {})).items;
    expect((await t.call('messages.list', { conversationId: mia.id })).map((m) => m.body)).toEqual(['two', 'one']);
  });
});
