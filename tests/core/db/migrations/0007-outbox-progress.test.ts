import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../main/core/db/connection';
import { migrate } from '../../../../main/core/db/migrate';
import { OutboxRepo } from '../../../../main/core/db/repos/outbox-repo';
import { tempDir } from '../../../helpers/test-app';

describe('migration 0007 outbox progress', () => {
  const db = openDatabase(join(tempDir(), 'x.sqlite'));
  migrate(db, { to: 6 });
  db.prepare("INSERT INTO contacts(id, name, created_at, updated_at) VALUES (1, 'A', 1, 1)").run();
  db.prepare("INSERT INTO conversations(id, contact_id, last_message_at, last_channel, created_at) VALUES (1, 1, 1, 'whatsapp', 1)").run();
  const msg = db.prepare(
    "INSERT INTO messages(conversation_id, direction, channel, author, body, status, created_at, updated_at) VALUES (1, 'out', 'whatsapp', 'owner', ?, 'sent', ?, ?)",
  );
  const box = db.prepare(
    "INSERT INTO outbox(message_id, channel, address, state, next_attempt_at, created_at, updated_at) VALUES (?, 'whatsapp', '+49', ?, ?, ?, ?)",
  );
  // An old reply, then a bulk queued at t=1000: two went out, one failed, two wait.
  for (const [state, created, updated] of [
    ['sent', 10, 20],
    ['sent', 1000, 1100],
    ['sent', 1000, 1200],
    ['failed', 1000, 1300],
    ['queued', 1000, 1000],
    ['queued', 1000, 1000],
  ] as const) {
    const id = Number(msg.run('x', created, updated).lastInsertRowid);
    box.run(id, state, created, created, updated);
  }
  migrate(db, { to: 7 });

  it('keeps the rows and reads the current batch through the new index', () => {
    expect(new OutboxRepo(db).batchProgress()).toEqual([{ channel: 'whatsapp', pending: 2, done: 2, failed: 1 }]);
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT count(*) FROM outbox WHERE channel = 'whatsapp' AND updated_at >= 1000 AND state = 'sent'")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/outbox_channel_updated/);
  });
});
