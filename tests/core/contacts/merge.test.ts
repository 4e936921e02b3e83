import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { addContact, customerWrites } from './helpers';

describe('merging contacts', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(() => t.close());

  const minutes = (n: number) => t.clock.now() + n * 60_000;

  /** Anna on WhatsApp and "Anna P." on Telegram, each with history, an order, a reminder; Telegram-Anna opted out. */
  function twoAnnas() {
    const s = t.app.services;
    const wa = customerWrites(s, 'whatsapp', '+4915112345678', 'Hallo, habt ihr Roggenbrot?', 'wa-1', minutes(1));
    customerWrites(s, 'telegram', '100200300', 'Это Анна, пишу из телеграма', 'tg-1', minutes(2));
    const waConv = wa.conversationId!;
    s.inbox.send(waConv, 'Ja, frisch!');
    customerWrites(s, 'whatsapp', '+4915112345678', 'Super, danke', 'wa-2', minutes(3));
    customerWrites(s, 'telegram', '100200300', 'Последнее сообщение', 'tg-2', minutes(4));
    const a = s.repos.contacts.findIdentity('whatsapp', '+4915112345678')!.contactId;
    const b = s.repos.contacts.findIdentity('telegram', '100200300')!.contactId;
    const tgConv = s.inbox.conversationOfContact(b)!;
    s.contacts.update(a, { name: 'Anna', notes: 'Rye on Fridays', tags: ['regular'] });
    s.contacts.update(b, { name: 'Анна П.', notes: 'Пишет по-русски', tags: ['telegram', 'regular'] });
    s.db
      .prepare(
        "INSERT INTO orders(number, contact_id, conversation_id, customer_name, status, currency, total_minor, created_at, updated_at) VALUES (7, ?, ?, 'Анна', 'paid', 'EUR', 1500, 1, 1)",
      )
      .run(b, tgConv);
    s.db
      .prepare(
        `INSERT INTO reminders(contact_id, kind, source, template, due_at, fire_at, time_zone, local_due, status, created_at, updated_at)
       VALUES (?, 'custom', 'manual', 'Hi {name}', 1, 1, 'UTC', '2026-03-03T10:00', 'scheduled', 1, 1)`,
      )
      .run(b);
    s.db.prepare("INSERT INTO contact_optouts(contact_id, at, channel, said, language) VALUES (?, 1, 'telegram', 'стоп', 'ru')").run(b);
    return { a, b, waConv, tgConv };
  }

  it('moves every message, order, reminder, opt-out, identity, tag and note to the survivor and fixes the inbox row', async () => {
    const s = t.app.services;
    const { a, b, waConv, tgConv } = twoAnnas();
    const messagesBefore = s.db.prepare('SELECT id, body FROM messages ORDER BY id').all();
    const preview = await t.call('contacts.mergePreview', { survivorId: a, otherId: b });
    expect(preview.other).toMatchObject({ messageCount: 2, related: { orders: 1, reminders: 1, contact_optouts: 1 } });

    const r = await t.call('contacts.merge', { survivorId: a, otherId: b });
    expect(r.movedMessages).toBe(2);
    expect(s.repos.contacts.exists(b)).toBe(false);
    // Nothing lost: the same messages, all in the survivor's one conversation.
    expect(s.db.prepare('SELECT id, body FROM messages ORDER BY id').all()).toEqual(messagesBefore);
    expect(s.db.prepare('SELECT DISTINCT conversation_id AS c FROM messages').all()).toEqual([{ c: waConv }]);
    expect(s.db.prepare('SELECT count(*) AS n FROM conversations WHERE id = ?').get(tgConv)).toEqual({ n: 0 });
    expect(s.db.prepare('SELECT contact_id, conversation_id, total_minor FROM orders').all()).toEqual([
      { contact_id: a, conversation_id: waConv, total_minor: 1500 },
    ]);
    expect(s.db.prepare('SELECT contact_id FROM reminders').all()).toEqual([{ contact_id: a }]);
    expect(s.db.prepare('SELECT contact_id FROM contact_optouts').all()).toEqual([{ contact_id: a }]);

    const c = s.contacts.get(a);
    expect(c.name).toBe('Anna');
    expect(c.identities.map((i) => `${i.channel}:${i.externalId}`).sort()).toEqual(['telegram:100200300', 'whatsapp:+4915112345678']);
    expect(c.tags).toEqual(['regular', 'telegram']);
    expect(c.notes).toBe('Rye on Fridays\n\nПишет по-русски');

    const row = s.inbox.get(waConv);
    expect(row).toMatchObject({ lastPreview: 'Последнее сообщение', lastChannel: 'telegram', unreadCount: 4 });
    // A reply now goes where the customer last wrote from, and a new Telegram message lands in the merged history.
    expect(s.inbox.defaultChannel(waConv, a)).toBe('telegram');
    const next = customerWrites(s, 'telegram', '100200300', 'ещё одно', 'tg-3', minutes(5));
    expect(next.conversationId).toBe(waConv);
  });

  it('hands the whole conversation over when only the merged-away contact has one', async () => {
    const s = t.app.services;
    const imported = addContact(s, { name: 'Imported Anna', emails: ['anna@example.com'] });
    const chat = customerWrites(s, 'telegram', '555', 'hi', 'x-1');
    const chatContact = s.repos.contacts.findIdentity('telegram', '555')!.contactId;
    await t.call('contacts.merge', { survivorId: imported, otherId: chatContact });
    expect(s.inbox.conversationOfContact(imported)).toBe(chat.conversationId);
    expect(s.inbox.page(chat.conversationId!, 10).map((m) => m.body)).toEqual(['hi']);
  });

  it('prefers a real name over a phone number, and lets the owner pick the name', async () => {
    const s = t.app.services;
    const numberOnly = addContact(s, { name: '+4915100000001', phones: ['+4915100000001'] });
    const named = addContact(s, { name: 'Maria', emails: ['m@example.com'] });
    await t.call('contacts.merge', { survivorId: numberOnly, otherId: named });
    expect(s.contacts.get(numberOnly).name).toBe('Maria');
    const x = addContact(s, { name: 'X' });
    await t.call('contacts.merge', { survivorId: numberOnly, otherId: x, name: 'Maria Schmidt' });
    expect(s.contacts.get(numberOnly).name).toBe('Maria Schmidt');
  });

  it('refuses to merge a contact with itself or with one that does not exist', async () => {
    const a = addContact(t.app.services, { name: 'A' });
    await expect(t.call('contacts.merge', { survivorId: a, otherId: a })).rejects.toThrow(/invalid_input/);
    await expect(t.call('contacts.merge', { survivorId: a, otherId: 9999 })).rejects.toThrow(/not_found/);
  });

  it('suggests likely duplicates: one number in two formats, one email in two cases, the same name; not dismissed pairs', async () => {
    const s = t.app.services;
    const wa = addContact(s, { name: 'Jonas', phones: ['+4915112345678'] });
    const imported = s.repos.contacts.create({ name: 'J. Becker' }, 1);
    // Stored raw, as an older import or another tool might have written it.
    s.repos.contacts.addIdentity(imported, 'phone', '0151 1234 5678', '', 1);
    const e1 = addContact(s, { name: 'Eva', emails: ['eva@example.com'] });
    const e2 = s.repos.contacts.create({ name: 'Eva K' }, 1);
    s.repos.contacts.addIdentity(e2, 'email', 'EVA@Example.com', '', 1);
    const n1 = addContact(s, { name: 'Олена Коваль', telegram: [{ id: '1' }] });
    const n2 = addContact(s, { name: 'олена  коваль', phones: ['+380501112233'] });
    addContact(s, { name: 'Unrelated', phones: ['+4915199999999'] });

    const list = await t.call('contacts.duplicates', {});
    expect(list.map((d) => [d.reason, d.a.id, d.b.id])).toEqual([
      ['same_phone', wa, imported],
      ['same_email', e1, e2],
      ['same_name', n1, n2],
    ]);
    expect(list[0].value).toBe('+4915112345678');
    await t.call('contacts.dismissDuplicate', { a: e2, b: e1 });
    expect((await t.call('contacts.duplicates', {})).map((d) => d.reason)).toEqual(['same_phone', 'same_name']);
  });
});
