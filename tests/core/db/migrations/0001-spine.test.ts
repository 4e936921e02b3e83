import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../main/core/db/connection';
import { migrate } from '../../../../main/core/db/migrate';
import { tempDir } from '../../../helpers/test-app';

describe('migration 0001 spine', () => {
  const db = openDatabase(join(tempDir(), 'x.sqlite'));
  migrate(db, { to: 1 });

  it('creates STRICT tables that reject wrongly typed values', () => {
    expect(() => db.prepare("INSERT INTO contacts(name, created_at, updated_at) VALUES ('A', 'yesterday', 1)").run()).toThrow(
      /cannot store TEXT/,
    );
  });

  it('stores a message once per (channel, external id) but allows many outgoing messages without one', () => {
    const c = db.prepare("INSERT INTO contacts(name, created_at, updated_at) VALUES ('A', 1, 1)").run().lastInsertRowid;
    const conv = db
      .prepare("INSERT INTO conversations(contact_id, last_message_at, last_channel, created_at) VALUES (?, 1, 'sandbox', 1)")
      .run(c).lastInsertRowid;
    const ins = db.prepare(
      "INSERT INTO messages(conversation_id, direction, channel, external_id, author, body, status, created_at, updated_at) VALUES (?, ?, 'telegram', ?, 'customer', 'hi', 'received', 1, 1)",
    );
    ins.run(conv, 'in', 'tg-1');
    expect(() => ins.run(conv, 'in', 'tg-1')).toThrow(/UNIQUE/);
    ins.run(conv, 'out', null);
    ins.run(conv, 'out', null);
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 3 });
  });

  it('keeps the message index in step with inserts, edits and deletes', () => {
    const hit = (w: string) => db.prepare('SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?').get(w) as { n: number };
    expect(hit('hi').n).toBe(3);
    db.prepare("UPDATE messages SET body = 'hello' WHERE external_id = 'tg-1'").run();
    expect(hit('hi').n).toBe(2);
    expect(hit('hello').n).toBe(1);
    db.prepare("DELETE FROM messages WHERE external_id = 'tg-1'").run();
    expect(hit('hello').n).toBe(0);
  });

  it('cascades a deleted contact to identities, conversation, messages and outbox', () => {
    db.prepare('DELETE FROM contacts').run();
    for (const t of ['identities', 'conversations', 'messages', 'outbox']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get()).toEqual({ n: 0 });
    }
  });
});
