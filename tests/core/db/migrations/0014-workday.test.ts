import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../main/core/db/connection';
import { migrate } from '../../../../main/core/db/migrate';
import workday from '../../../../main/core/db/migrations/0014-workday';
import { ConversationsRepo } from '../../../../main/core/db/repos/conversations-repo';
import { tempDir } from '../../../helpers/test-app';

describe('migration workday (states, pin, labels)', () => {
  const db = openDatabase(join(tempDir(), 'x.sqlite'));
  migrate(db, { to: workday.version - 1 });
  db.prepare("INSERT INTO contacts(id, name, created_at, updated_at) VALUES (1, 'A', 1, 1), (2, 'B', 1, 1)").run();
  db.prepare(
    "INSERT INTO conversations(contact_id, last_message_at, last_channel, unread_count, created_at) VALUES (1, 20, 'sandbox', 2, 1), (2, 10, 'telegram', 0, 1)",
  ).run();
  migrate(db, { to: workday.version });
  const repo = new ConversationsRepo(db);
  const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');

  it('keeps every conversation, open, unpinned, unlabelled', () => {
    expect(repo.list({}, 10).map((c) => [c.contactName, c.state, c.pinned, c.labelIds, c.unreadCount])).toEqual([
      ['A', 'open', false, [], 2],
      ['B', 'open', false, [], 0],
    ]);
  });

  it('lists a state tab from its index, newest first, and refuses unknown states', () => {
    expect(plan("SELECT id FROM conversations WHERE state = 'resolved' ORDER BY last_message_at DESC, id DESC LIMIT 50")).toMatch(
      /conversations_state/,
    );
    expect(() => db.prepare("UPDATE conversations SET state = 'closed'").run()).toThrow(/CHECK/);
  });
});
