// Migrations 0002 (knowledge) and 0003 (assistant): migrate to n-1, insert rows, migrate to n, check.
import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, closeDatabase, type Db } from '../../../main/core/db/connection';
import { migrate, currentVersion } from '../../../main/core/db/migrate';
import { tempDir } from '../../helpers/test-app';

let dir: string;
let db: Db;
afterEach(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

function open(): Db {
  dir = tempDir();
  db = openDatabase(join(dir, 'm.sqlite'));
  return db;
}

describe('0002 knowledge', () => {
  it('adds knowledge entries with a full-text index that follows inserts, updates and deletes', () => {
    open();
    migrate(db, { to: 1 });
    db.prepare(`INSERT INTO contacts(name, created_at, updated_at) VALUES ('Anna', 1, 1)`).run();
    migrate(db, { to: 2 });
    expect(currentVersion(db)).toBe(2);
    expect(db.prepare('SELECT name FROM contacts').get()).toEqual({ name: 'Anna' });

    const ins = db.prepare(`INSERT INTO knowledge_entries(kind, title, body, keywords, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)`);
    ins.run('qa', 'Do you deliver?', 'We deliver within Berlin on weekdays.', 'доставка');
    ins.run('policy', 'Returns', 'Unopened goods can be returned within 14 days.', '');
    const match = (q: string) =>
      db
        .prepare<[string], { rowid: number }>('SELECT rowid FROM knowledge_fts WHERE knowledge_fts MATCH ?')
        .all(q)
        .map((r) => r.rowid);
    expect(match('deliver*')).toEqual([1]);
    expect(match('доставка')).toEqual([1]);
    db.prepare(`UPDATE knowledge_entries SET body = 'Pickup only.' WHERE id = 1`).run();
    expect(match('berlin')).toEqual([]);
    expect(match('pickup')).toEqual([1]);
    db.prepare('DELETE FROM knowledge_entries WHERE id = 2').run();
    expect(match('returned')).toEqual([]);
    expect(() => ins.run('faq', 'x', 'y', '')).toThrow(/CHECK/);
  });
});

describe('0003 assistant', () => {
  it('adds modes, the Needs-you queue and the audit log next to existing conversations', () => {
    open();
    migrate(db, { to: 2 });
    db.prepare(`INSERT INTO contacts(name, created_at, updated_at) VALUES ('Anna', 1, 1)`).run();
    db.prepare(`INSERT INTO conversations(contact_id, last_message_at, last_channel, created_at) VALUES (1, 1, 'sandbox', 1)`).run();
    migrate(db, { to: 3 });
    expect(currentVersion(db)).toBe(3);

    db.prepare(`INSERT INTO conversation_assistant(conversation_id, mode, updated_at) VALUES (1, 'auto', 5)`).run();
    expect(() =>
      db.prepare(`INSERT INTO conversation_assistant(conversation_id, mode, updated_at) VALUES (1, 'suggest', 5)`).run(),
    ).toThrow(/UNIQUE/);
    expect(() => db.prepare(`INSERT INTO conversation_assistant(conversation_id, mode, updated_at) VALUES (99, 'auto', 5)`).run()).toThrow(
      /FOREIGN KEY/,
    );

    const q = db.prepare(
      `INSERT INTO assistant_queue(conversation_id, kind, reason, created_at, updated_at) VALUES (1, 'hold', 'unverified_price', 1, 1)`,
    );
    q.run();
    // Only one open item per conversation; resolved ones may pile up.
    expect(() => q.run()).toThrow(/UNIQUE/);
    db.prepare(`UPDATE assistant_queue SET state = 'sent' WHERE id = 1`).run();
    q.run();

    db.prepare(
      `INSERT INTO assistant_audit(at, conversation_id, event, purpose, model, prompt_tokens) VALUES (1, 1, 'model_call', 'suggest', 'm', 900)`,
    ).run();
    // Deleting the conversation keeps the audit trail but drops its mode and queue.
    db.prepare('DELETE FROM conversations WHERE id = 1').run();
    expect(db.prepare('SELECT conversation_id, prompt_tokens FROM assistant_audit').get()).toEqual({
      conversation_id: null,
      prompt_tokens: 900,
    });
    expect(db.prepare('SELECT count(*) AS n FROM assistant_queue').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM conversation_assistant').get()).toEqual({ n: 0 });
  });
});
