import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../main/core/db/connection';
import { migrate } from '../../../../main/core/db/migrate';
import m from '../../../../main/core/db/migrations/0011-message-origin';
import { tempDir } from '../../../helpers/test-app';

describe('migration 0011 message origin', () => {
  const db = openDatabase(join(tempDir(), 'x.sqlite'));
  migrate(db, { to: m.version - 1 });
  const contact = Number(db.prepare('INSERT INTO contacts(name, created_at, updated_at) VALUES (?, 1, 1)').run('Anna').lastInsertRowid);
  const conv = Number(
    db
      .prepare(
        "INSERT INTO conversations(contact_id, last_message_at, last_channel, unread_count, created_at) VALUES (?, 1, 'sandbox', 0, 1)",
      )
      .run(contact).lastInsertRowid,
  );
  const msg = (direction: string, author: string, body: string) =>
    Number(
      db
        .prepare(
          "INSERT INTO messages(conversation_id, direction, channel, author, body, status, created_at, updated_at) VALUES (?, ?, 'sandbox', ?, ?, 'sent', 1, 1)",
        )
        .run(conv, direction, author, body).lastInsertRowid,
    );
  const ids = {
    customer: msg('in', 'customer', 'Hi'),
    owner: msg('out', 'owner', 'Hello Anna'),
    assistant: msg('out', 'assistant', 'We open at 9'),
    system: msg('out', 'system', 'Escalated'),
    reminder: msg('out', 'owner', 'Your order is waiting'),
    status: msg('out', 'owner', 'Your order is ready'),
    confirmation: msg('out', 'owner', 'Done — no more reminders'),
  };
  db.prepare(
    "INSERT INTO reminders(contact_id, kind, source, template, due_at, fire_at, time_zone, local_due, status, message_id, created_at, updated_at) VALUES (?, 'custom', 'manual', 'x', 1, 1, 'UTC', '2026-01-01T00:00', 'sent', ?, 1, 1)",
  ).run(contact, ids.reminder);
  const order = Number(
    db
      .prepare(
        "INSERT INTO orders(conversation_id, contact_id, status, currency, created_at, updated_at) VALUES (?, ?, 'ready', 'EUR', 1, 1)",
      )
      .run(conv, contact).lastInsertRowid,
  );
  db.prepare(
    "INSERT INTO order_events(order_id, at, actor, kind, from_status, to_status, message_id) VALUES (?, 1, 'owner', 'status', 'paid', 'ready', ?)",
  ).run(order, ids.status);
  db.prepare(
    "INSERT INTO contact_optouts(contact_id, at, channel, said, language, confirmation_message_id) VALUES (?, 1, 'sandbox', 'stop', 'en', ?)",
  ).run(contact, ids.confirmation);
  migrate(db, { to: m.version });

  it('backfills who wrote each message from what the database knows', () => {
    const origin = (id: number) => (db.prepare('SELECT origin FROM messages WHERE id = ?').get(id) as { origin: string }).origin;
    expect(Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, origin(id)]))).toEqual({
      customer: 'customer',
      owner: 'owner',
      assistant: 'assistant',
      system: 'system',
      reminder: 'reminder',
      status: 'order_status',
      confirmation: 'system',
    });
  });

  it('refuses an unknown origin and adds the translations and opt-out question tables', () => {
    expect(() => db.prepare("UPDATE messages SET origin = 'robot' WHERE id = ?").run(ids.owner)).toThrow(/CHECK/);
    db.prepare(
      "INSERT INTO approved_translations(source_key, lang, source_text, text, approved_at) VALUES ('K1', 'ru', 'Hi', 'Привет', 1)",
    ).run();
    db.prepare("INSERT INTO optout_questions(contact_id, message_id, said, at) VALUES (?, ?, 'so many', 1)").run(contact, ids.customer);
    expect(db.prepare('SELECT count(*) AS n FROM approved_translations').get()).toEqual({ n: 1 });
  });
});
