// Phone-book contacts (imported, never wrote) → "Write on WhatsApp": the number is checked with getNumberId on the
// WhatsApp double, becomes a WhatsApp identity, and the first message goes out with the stricter pacing for people
// who never wrote. A number not on WhatsApp, or WhatsApp not connected, is refused with a reason the owner reads.
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { FakeWhatsApp } from '../../helpers/fake-whatsapp';
import { until } from '../../helpers/until';
import { dispatch } from '../../../main/core/api/dispatch';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function start(connect = true) {
  const wa = new FakeWhatsApp();
  wa.phone.linked = true;
  t = await makeTestApp({
    channels: { whatsappClient: wa.factory, findBrowser: () => ({ ok: true, path: '/opt/chrome', source: 'detected' }) },
  });
  if (connect) {
    await t.call('channels.whatsapp.connect');
    await until('connected', () => t!.app.services.hub.status('whatsapp').state === 'connected');
  }
  return { t, wa };
}

async function errorOf(t: TestApp, contactId: number) {
  const r = await dispatch(t.app.methods, 'contacts.writeOnWhatsApp', { contactId });
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

describe('Write on WhatsApp for a phone-book contact', () => {
  it('checks the number, adds the WhatsApp identity and sends the first message through the double, paced as cold', async () => {
    const { t, wa } = await start();
    const s = t.app.services;
    const contactId = s.repos.contacts.create({ name: 'Olga' }, t.clock.now());
    s.repos.contacts.addImportedIdentity(contactId, 'phone', '+4915112345678', '', t.clock.now());

    // Before: nothing can be sent — the phone-book number is not a channel.
    const conv0 = s.inbox.ensureConversation(contactId);
    const refused = await dispatch(t.app.methods, 'messages.send', { conversationId: conv0, text: 'Hello' });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.reason).toBe('not_a_channel');

    const conv = await t.call('contacts.writeOnWhatsApp', { contactId });
    expect(conv.id).toBe(conv0);
    expect(conv.lastChannel).toBe('whatsapp');
    expect(conv.channels.sort()).toEqual(['phone', 'whatsapp']);
    expect(wa.phone.numberLookups).toEqual(['4915112345678']);
    expect(s.repos.contacts.findIdentity('whatsapp', '+4915112345678')?.contactId).toBe(contactId);

    // Two first messages to people who never wrote: the second waits the cold gap (60 s by default), not the warm 5 s.
    const other = s.repos.contacts.create({ name: 'Pavel' }, t.clock.now());
    s.repos.contacts.addImportedIdentity(other, 'phone', '+4917000000002', '', t.clock.now());
    const conv2 = await t.call('contacts.writeOnWhatsApp', { contactId: other });
    await t.call('messages.send', { conversationId: conv.id, text: 'Hello Olga, your order is ready' });
    await t.call('messages.send', { conversationId: conv2.id, text: 'Hello Pavel' });
    await s.outbox.settle();
    expect(wa.latest.sent.map((x) => [x.chatId, x.text])).toEqual([['4915112345678@c.us', 'Hello Olga, your order is ready']]);
    t.clock.advance(30_000);
    await s.outbox.settle();
    expect(wa.latest.sent).toHaveLength(1);
    t.clock.advance(30_000);
    await s.outbox.settle();
    expect(wa.latest.sent.map((x) => x.chatId)).toEqual(['4915112345678@c.us', '4917000000002@c.us']);

    // Asking again for a contact that already has the WhatsApp identity does not ask WhatsApp again.
    await t.call('contacts.writeOnWhatsApp', { contactId });
    expect(wa.phone.numberLookups).toHaveLength(2);
  });

  it('says clearly when the number is not on WhatsApp, and adds nothing', async () => {
    const { t, wa } = await start();
    const s = t.app.services;
    wa.phone.notOnWhatsApp.add('4930123456');
    const contactId = s.repos.contacts.create({ name: 'Landline' }, t.clock.now());
    s.repos.contacts.addImportedIdentity(contactId, 'phone', '+4930123456', '', t.clock.now());
    const err = await errorOf(t, contactId);
    expect(err).toMatchObject({ code: 'not_found', reason: 'whatsapp_number_not_found', params: { phone: '+49 30 123456' } });
    expect(s.repos.contacts.identities(contactId).map((i) => i.channel)).toEqual(['phone']);
    expect(s.repos.outbox.counts()).toMatchObject({ queued: 0 });
  });

  it('asks the owner to connect WhatsApp first when it is not connected', async () => {
    const { t, wa } = await start(false);
    const s = t.app.services;
    const contactId = s.repos.contacts.create({ name: 'Olga' }, t.clock.now());
    s.repos.contacts.addImportedIdentity(contactId, 'phone', '+4915112345678', '', t.clock.now());
    const err = await errorOf(t, contactId);
    expect(err).toMatchObject({ code: 'channel_unavailable', reason: 'whatsapp_not_connected' });
    expect(wa.phone.numberLookups).toEqual([]);
  });
});
