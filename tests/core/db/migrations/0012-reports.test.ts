import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../main/core/db/connection';
import { migrate } from '../../../../main/core/db/migrate';
import reports from '../../../../main/core/db/migrations/0012-reports';
import { SpellsBuilder } from '../../../../main/core/reports/spells';
import { tempDir } from '../../../helpers/test-app';

describe('migration 0012 reports', () => {
  const db = openDatabase(join(tempDir(), 'x.sqlite'));
  migrate(db, { to: reports.version - 1 });
  db.prepare("INSERT INTO contacts(id, name, created_at, updated_at) VALUES (1, 'A', 1, 1)").run();
  db.prepare("INSERT INTO conversations(id, contact_id, last_message_at, last_channel, created_at) VALUES (1, 1, 1, 'whatsapp', 1)").run();
  const msg = db.prepare(
    "INSERT INTO messages(conversation_id, direction, channel, author, body, status, created_at, updated_at) VALUES (1, ?, 'whatsapp', ?, 'x', 'sent', ?, ?)",
  );
  msg.run('in', 'customer', 1000, 1000);
  msg.run('out', 'owner', 61_000, 61_000);
  migrate(db, { to: reports.version });

  it('keeps existing messages, reads them into spells from the start, and reads a period of spells in time order', () => {
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 2 });
    const builder = new SpellsBuilder(db);
    expect(builder.backlog()).toEqual({ done: 0, total: 2 });
    expect(builder.catchUp(100)).toBe(true);
    expect(db.prepare('SELECT start_at, reply_at, replier, messages FROM report_spells').all()).toEqual([
      { start_at: 1000, reply_at: 61_000, replier: 'owner', messages: 1 },
    ]);
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT conversation_id, reply_at FROM report_spells WHERE start_at >= 0 AND start_at < 5000')
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/SEARCH report_spells USING PRIMARY KEY \(start_at>\? AND start_at<\?\)/);
  });
});
