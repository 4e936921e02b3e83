// The bench's synthetic shop must be the same shop for the same seed (or figures from two runs are incomparable),
// must match its scale exactly, and must look like data Lavka itself wrote (inbox rows agree with the messages).
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE, createApp } from '../../main/core/app';
import { openDatabase, closeDatabase, type Db } from '../../main/core/db/connection';
import { tempDir } from '../helpers/test-app';
import { formatLocal, toLocal } from '../../main/shared/zoned-time';
import { BIG_CONVERSATION_ID, TIMELINE_END, inboundBatch, seedShop, type Scale } from './seed';
import { rebaseReminders } from './seed-domains';
import { RARE_WORD } from './seed-text';

const TINY: Scale = {
  name: 'tiny',
  conversations: 300,
  addressBook: 200,
  messages: 6_000,
  bigConversation: 800,
  rareWordCount: 4,
  catalog: 20,
  orders: 50,
  reminders: 30,
  ingest: 400,
  uiScroll: 300,
};

const dirs: string[] = [];
function seeded(seed: string): { dir: string; db: Db } {
  const dir = tempDir('lavka-bench-seed-');
  dirs.push(dir);
  seedShop(dir, TINY, seed, () => {});
  return { dir, db: openDatabase(join(dir, DB_FILE), { readonly: true }) };
}

function fingerprint(db: Db): string {
  const h = createHash('sha256');
  for (const t of ['contacts', 'identities', 'conversations', 'messages', 'outbox']) {
    for (const row of db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).raw().iterate()) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('bench seed', () => {
  const a = seeded('7');
  const b = seeded('7');
  const c = seeded('8');

  it('builds the same shop for the same seed and a different one for another seed', () => {
    const fa = fingerprint(a.db);
    expect(fingerprint(b.db)).toBe(fa);
    expect(fingerprint(c.db)).not.toBe(fa);
  });

  it('matches the scale: contacts, one conversation per contact who wrote, messages, the long conversation', () => {
    const n = (sql: string, ...p: unknown[]) => (a.db.prepare(sql).get(...p) as { n: number }).n;
    expect(n('SELECT count(*) AS n FROM contacts')).toBe(TINY.conversations + TINY.addressBook);
    expect(n('SELECT count(*) AS n FROM conversations')).toBe(TINY.conversations);
    expect(n('SELECT count(*) AS n FROM messages')).toBe(TINY.messages);
    expect(n('SELECT count(*) AS n FROM messages WHERE conversation_id = ?', BIG_CONVERSATION_ID)).toBe(TINY.bigConversation);
    expect(n('SELECT count(*) AS n FROM conversations c WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id)')).toBe(
      0,
    );
  });

  it('writes inbox rows that agree with the messages, as the real inbound path would', () => {
    const bad = a.db
      .prepare(
        `SELECT c.id FROM conversations c JOIN messages m ON m.id = c.last_message_id
         WHERE m.conversation_id <> c.id OR m.created_at <> c.last_message_at
            OR m.id <> (SELECT max(id) FROM messages x WHERE x.conversation_id = c.id)
            OR (c.unread_count > 0 AND m.direction <> 'in')`,
      )
      .all();
    expect(bad).toEqual([]);
    const unread = (a.db.prepare('SELECT count(*) AS n FROM conversations WHERE unread_count > 0').get() as { n: number }).n;
    expect(unread).toBeGreaterThan(0);
  });

  it('mixes languages and emoji that full-text search can find, and plants the rare word exactly', () => {
    const hits = (q: string) =>
      (a.db.prepare('SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?').get(q) as { n: number }).n;
    expect(hits(RARE_WORD)).toBe(TINY.rareWordCount);
    expect(hits('"хлеб"*')).toBeGreaterThan(0);
    expect(hits('"паляниця"')).toBeGreaterThan(0);
    expect(hits('"bánh"')).toBeGreaterThan(0);
    const emoji = (a.db.prepare(`SELECT count(*) AS n FROM messages WHERE body LIKE '%🍞%'`).get() as { n: number }).n;
    expect(emoji).toBeGreaterThan(0);
  });

  it('seeds the catalog, orders (lines add up to totals) and reminders (a few due, most ahead) when their tables exist', () => {
    const n = (sql: string) => (a.db.prepare(sql).get() as { n: number }).n;
    expect(n('SELECT count(*) AS n FROM products')).toBe(TINY.catalog);
    expect(n('SELECT count(*) AS n FROM orders')).toBe(TINY.orders);
    expect(n('SELECT count(*) AS n FROM reminders')).toBe(TINY.reminders);
    expect(
      n(`SELECT count(*) AS n FROM orders o WHERE o.subtotal_minor <> (SELECT sum(line_total_minor) FROM order_lines l WHERE l.order_id = o.id)
          OR o.total_minor <> o.subtotal_minor + o.delivery_minor`),
    ).toBe(0);
    expect(n("SELECT count(*) AS n FROM orders WHERE status <> 'draft' AND (number IS NULL OR placed_at IS NULL)")).toBe(0);
    expect(n("SELECT count(*) AS n FROM reminders WHERE status = 'scheduled'")).toBeGreaterThan(TINY.reminders / 3);
  });

  it('moves reminders to the day the bench runs, keeping what is due due and local times right', () => {
    const dir = tempDir('lavka-bench-rebase-');
    dirs.push(dir);
    seedShop(dir, TINY, '7', () => {});
    const db = openDatabase(join(dir, DB_FILE));
    const dueAt = (now: number) =>
      (db.prepare("SELECT count(*) AS n FROM reminders WHERE status = 'scheduled' AND fire_at <= ?").get(now) as { n: number }).n;
    const dueBefore = dueAt(TIMELINE_END);
    const later = TIMELINE_END + 400 * 86_400_000;
    expect(rebaseReminders(db, TIMELINE_END, later)).toBe(TINY.reminders);
    expect(dueAt(later)).toBe(dueBefore);
    const r = db.prepare('SELECT due_at, time_zone, local_due FROM reminders ORDER BY id LIMIT 1').get() as {
      due_at: number;
      time_zone: string;
      local_due: string;
    };
    expect(r.local_due).toBe(formatLocal(toLocal(r.due_at, r.time_zone)));
    closeDatabase(db);
  });

  it('feeds the ingest figure messages that the real inbound path stores, every one', () => {
    closeDatabase(a.db);
    const app = createApp({ dataDir: a.dir, env: {}, startWorkers: false });
    try {
      const sender = app.services.db.prepare<[number], { channel: string; external_id: string }>(
        'SELECT channel, external_id FROM identities WHERE contact_id = ? ORDER BY id LIMIT 1',
      );
      const senderOf = (id: number) => {
        const r = sender.get(id);
        return r ? { channel: r.channel, externalId: r.external_id, display: '', lang: 'en' as const } : undefined;
      };
      const batch = inboundBatch(TINY, '7', senderOf, Date.now());
      expect(inboundBatch(TINY, '7', senderOf, 0).map((m) => m.body)).toEqual(batch.map((m) => m.body));
      const before = app.services.repos.conversations.unreadTotal();
      const stored = batch.filter((m) => app.services.inbox.receive(m).stored).length;
      expect(stored).toBe(TINY.ingest);
      expect(app.services.repos.conversations.unreadTotal()).toBe(before + TINY.ingest);
      // A replay of the same batch is deduplicated by (channel, external id).
      expect(batch.slice(0, 20).some((m) => app.services.inbox.receive(m).stored)).toBe(false);
    } finally {
      void app.close();
    }
  });
});
