import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../main/core/db/connection';
import { migrate } from '../../../../main/core/db/migrate';
import { tempDir } from '../../../helpers/test-app';

describe('migration 0008 inbox write path', () => {
  const db = openDatabase(join(tempDir(), 'x.sqlite'));
  migrate(db, { to: 7 });
  const contact = (name: string) =>
    Number(db.prepare('INSERT INTO contacts(name, created_at, updated_at) VALUES (?, 1, 1)').run(name).lastInsertRowid);
  const conv = db.prepare(
    'INSERT INTO conversations(contact_id, last_message_at, last_channel, unread_count, created_at) VALUES (?, ?, ?, ?, 1)',
  );
  conv.run(contact('A'), 30, 'telegram', 0);
  conv.run(contact('B'), 20, 'whatsapp', 2);
  conv.run(contact('C'), 10, 'telegram', 1);
  migrate(db, { to: 8 });

  const indexes = () =>
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'conversations'").all() as { name: string }[]).map(
      (r) => r.name,
    );
  const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');

  it('drops only the unused channel index and keeps every conversation', () => {
    expect(indexes()).not.toContain('conversations_channel');
    expect(indexes()).toEqual(expect.arrayContaining(['conversations_activity', 'conversations_unread']));
    expect(db.prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 3 });
  });

  it('still lists the inbox and its unread filter from their indexes, newest first', () => {
    const list = 'SELECT id FROM conversations ORDER BY last_message_at DESC, id DESC LIMIT 50';
    const unread = 'SELECT id FROM conversations WHERE unread_count > 0 ORDER BY last_message_at DESC, id DESC LIMIT 50';
    expect(plan(list)).toMatch(/conversations_activity/);
    expect(plan(unread)).toMatch(/conversations_unread/);
    expect(db.prepare(list).all()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(db.prepare(unread).all()).toEqual([{ id: 2 }, { id: 3 }]);
  });
});
