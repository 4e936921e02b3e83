import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../main/core/db/connection';
import { migrate } from '../../../../main/core/db/migrate';
import phoneBook, { PHONE_NOT_A_CHANNEL } from '../../../../main/core/db/migrations/0015-phone-book-not-a-channel';
import { tempDir } from '../../../helpers/test-app';

describe('migration phone-book-not-a-channel', () => {
  const db = openDatabase(join(tempDir(), 'x.sqlite'));
  migrate(db, { to: phoneBook.version - 1 });
  db.exec(`
    INSERT INTO contacts(id, name, created_at, updated_at) VALUES (1, 'Has WhatsApp', 1, 1), (2, 'Phone book only', 1, 1), (3, 'Sent', 1, 1);
    INSERT INTO identities(id, contact_id, channel, external_id, display, created_at, last_seen_at) VALUES
      (10, 1, 'phone', '+4915100000001', '', 1, NULL), (11, 1, 'whatsapp', '+4915100000001', '', 1, 5),
      (20, 2, 'phone', '+4915100000002', '', 1, NULL), (30, 3, 'phone', '+4915100000003', '', 1, NULL);
    INSERT INTO conversations(id, contact_id, last_message_at, last_channel, created_at) VALUES
      (1, 1, 10, 'phone', 1), (2, 2, 10, 'phone', 1), (3, 3, 10, 'telegram', 1);
    INSERT INTO messages(id, conversation_id, direction, channel, identity_id, author, body, status, created_at, updated_at) VALUES
      (100, 1, 'out', 'phone', 10, 'owner', 'to the WhatsApp contact', 'queued', 10, 10),
      (200, 2, 'out', 'phone', 20, 'owner', 'to the phone book', 'queued', 10, 10),
      (300, 3, 'out', 'phone', 30, 'owner', 'long failed', 'failed', 10, 10);
    INSERT INTO outbox(message_id, channel, address, state, next_attempt_at, created_at, updated_at) VALUES
      (100, 'phone', '+4915100000001', 'queued', 10, 10, 10),
      (200, 'phone', '+4915100000002', 'sending', 10, 10, 10),
      (300, 'phone', '+4915100000003', 'failed', 10, 10, 10);
  `);
  migrate(db, { to: phoneBook.version });
  const outbox = () => db.prepare('SELECT message_id, channel, address, state, last_error FROM outbox ORDER BY message_id').all();
  const messages = () => db.prepare('SELECT id, channel, identity_id, status, error FROM messages ORDER BY id').all();

  it('moves a queued message to the WhatsApp identity of the same number; marks the others failed with a reason', () => {
    expect(outbox()).toEqual([
      { message_id: 100, channel: 'whatsapp', address: '+4915100000001', state: 'queued', last_error: null },
      { message_id: 200, channel: 'phone', address: '+4915100000002', state: 'failed', last_error: PHONE_NOT_A_CHANNEL },
      { message_id: 300, channel: 'phone', address: '+4915100000003', state: 'failed', last_error: null },
    ]);
    expect(messages()).toEqual([
      { id: 100, channel: 'whatsapp', identity_id: 11, status: 'queued', error: null },
      { id: 200, channel: 'phone', identity_id: 20, status: 'failed', error: PHONE_NOT_A_CHANNEL },
      { id: 300, channel: 'phone', identity_id: 30, status: 'failed', error: null },
    ]);
  });

  it('shows a real channel (or none) where a conversation showed "Phone"; keeps the phone-book numbers', () => {
    expect(db.prepare('SELECT id, last_channel FROM conversations ORDER BY id').all()).toEqual([
      { id: 1, last_channel: 'whatsapp' },
      { id: 2, last_channel: 'none' },
      { id: 3, last_channel: 'telegram' },
    ]);
    expect(db.prepare("SELECT count(*) AS n FROM identities WHERE channel = 'phone'").get()).toEqual({ n: 3 });
  });
});
