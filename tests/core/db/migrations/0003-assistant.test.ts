import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../main/core/db/connection';
import { migrate } from '../../../../main/core/db/migrate';
import { tempDir } from '../../../helpers/test-app';

describe('migration 0003 assistant', () => {
  const db = openDatabase(join(tempDir(), 'x.sqlite'));
  migrate(db, { to: 2 });
  const contact = db.prepare("INSERT INTO contacts(name, created_at, updated_at) VALUES ('Анна', 1, 1)").run().lastInsertRowid;
  const conv = db
    .prepare("INSERT INTO conversations(contact_id, last_message_at, last_channel, created_at) VALUES (?, 1, 'sandbox', 1)")
    .run(contact).lastInsertRowid;
  migrate(db, { to: 3 });
  const queue = db.prepare(
    "INSERT INTO assistant_queue(conversation_id, kind, reason, state, created_at, updated_at) VALUES (?, ?, 'r', ?, 1, 1)",
  );

  it('keeps earlier rows', () => {
    expect(db.prepare('SELECT id FROM conversations').get()).toEqual({ id: conv });
  });

  it('allows one open Needs-you item per conversation, any number of resolved ones', () => {
    queue.run(conv, 'hold', 'open');
    expect(() => queue.run(conv, 'escalation', 'open')).toThrow(/UNIQUE/);
    queue.run(conv, 'hold', 'sent');
    queue.run(conv, 'hold', 'dismissed');
    expect(() => queue.run(conv, 'other', 'sent')).toThrow(/CHECK/);
  });

  it('refuses an unknown mode', () => {
    const mode = db.prepare('INSERT INTO conversation_assistant(conversation_id, mode, updated_at) VALUES (?, ?, 1)');
    expect(() => mode.run(conv, 'always')).toThrow(/CHECK/);
    mode.run(conv, 'auto');
  });

  it('keeps the audit log when the conversation is deleted, and drops its queue and mode', () => {
    db.prepare("INSERT INTO assistant_audit(at, conversation_id, event) VALUES (1, ?, 'model_call')").run(conv);
    db.prepare('DELETE FROM conversations').run();
    expect(db.prepare('SELECT conversation_id FROM assistant_audit').all()).toEqual([{ conversation_id: null }]);
    expect(db.prepare('SELECT count(*) AS n FROM assistant_queue').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM conversation_assistant').get()).toEqual({ n: 0 });
  });
});
