// main/core/db/connection.ts
import Database from "better-sqlite3";
function openDatabase(file, opts = {}) {
  const db2 = new Database(file, { readonly: opts.readonly ?? false });
  if (!opts.readonly) db2.pragma("journal_mode = WAL");
  db2.pragma("foreign_keys = ON");
  db2.pragma("synchronous = NORMAL");
  db2.pragma("busy_timeout = 5000");
  db2.pragma("secure_delete = ON");
  return db2;
}

// main/core/db/migrations/0012-reports.ts
var migration = {
  // Assigned number 0012. While 0009–0011 have not landed on this branch the list must stay gapless, so the version
  // is its position; the integrator renumbers it (this line and the file name) at merge.
  version: 9,
  name: "reports",
  up(db2) {
    db2.exec(`
      -- Period scans for reports (customers, containment), covering what they read so message bodies stay on disk.
      -- Appends at the right edge (created_at grows with time): one page per insert.
      CREATE INDEX messages_created ON messages(created_at, conversation_id, direction, author, channel);
      -- Sales figures read placed orders of a period without visiting each order row.
      CREATE INDEX orders_report ON orders(placed_at, source, status, contact_id, total_minor) WHERE status <> 'draft';
      -- Telling order status notices from the owner's replies. Partial: only notices that went to the customer.
      CREATE INDEX order_events_notices ON order_events(message_id) WHERE kind = 'status' AND message_id IS NOT NULL;

      -- Derived from messages by reports/spells.ts, never edited by hand; rebuilt per conversation when in doubt.
      -- Stored in time order (WITHOUT ROWID, keyed by start): a period is one sequential read of the table.
      CREATE TABLE report_spells (
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        -- The customer's first message of the spell, and its channel.
        start_at INTEGER NOT NULL,
        start_message_id INTEGER NOT NULL,
        channel TEXT NOT NULL,
        messages INTEGER NOT NULL DEFAULT 1,
        last_at INTEGER NOT NULL,
        -- The first reply by the owner or the assistant; NULL while the customer waits.
        reply_at INTEGER,
        replier TEXT CHECK (replier IS NULL OR replier IN ('owner', 'assistant')),
        -- The reply to the spell before this one in the conversation (for resolution), and the next spell's start.
        prev_reply_at INTEGER,
        next_at INTEGER,
        PRIMARY KEY (start_at, start_message_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX report_spells_conversation ON report_spells(conversation_id, start_at);
      CREATE INDEX report_spells_waiting ON report_spells(last_at) WHERE reply_at IS NULL;

      -- How far report_spells has read messages (by id), and conversations to derive again from scratch.
      CREATE TABLE report_spells_progress (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        last_message_id INTEGER NOT NULL
      ) STRICT;
      INSERT INTO report_spells_progress(id, last_message_id) VALUES (1, 0);
      CREATE TABLE report_spells_dirty (conversation_id INTEGER PRIMARY KEY) STRICT;
      -- A merge moves messages between conversations: both are derived again.
      CREATE TRIGGER report_spells_moved AFTER UPDATE OF conversation_id ON messages BEGIN
        INSERT OR IGNORE INTO report_spells_dirty(conversation_id) VALUES (old.conversation_id);
        INSERT OR IGNORE INTO report_spells_dirty(conversation_id) VALUES (new.conversation_id);
      END;

      -- One row per suggestion the owner acted on. outcome: 'as_is' (sent unchanged), 'edited' (sent after changing
      -- it), 'discarded' (wrote something else, or the customer moved on). Kept when the conversation is deleted.
      CREATE TABLE suggestion_outcomes (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('as_is', 'edited', 'discarded')),
        -- The owner's message that went out (NULL when discarded without a reply).
        message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
        -- How much of the suggestion survived in what was sent, 0\u20131 (1 = unchanged).
        similarity REAL NOT NULL CHECK (similarity BETWEEN 0 AND 1)
      ) STRICT;
      CREATE INDEX suggestion_outcomes_at ON suggestion_outcomes(at);
    `);
  }
};
var reports_default = migration;

// main/core/db/statements.ts
var caches = /* @__PURE__ */ new WeakMap();
function stmt(db2, sql) {
  let cache = caches.get(db2);
  if (!cache) {
    cache = /* @__PURE__ */ new Map();
    caches.set(db2, cache);
  }
  let s = cache.get(sql);
  if (!s) {
    s = db2.prepare(sql);
    cache.set(sql, s);
  }
  return s;
}

// main/core/reports/spells.ts
var ORIGIN = `CASE
    WHEN m.direction = 'in' THEN 'customer'
    WHEN m.author = 'system' OR m.channel = 'system' THEN 'system'
    WHEN m.author = 'assistant' THEN 'assistant'
    WHEN EXISTS (SELECT 1 FROM reminders r WHERE r.message_id = m.id) THEN 'reminder'
    WHEN EXISTS (SELECT 1 FROM order_events e WHERE e.message_id = m.id AND e.kind = 'status' AND e.message_id IS NOT NULL) THEN 'order_status'
    WHEN m.id IN (SELECT confirmation_message_id FROM contact_optouts WHERE confirmation_message_id IS NOT NULL) THEN 'system'
    ELSE 'owner'
  END`;
var BATCH = 5e3;
var SpellsBuilder = class {
  constructor(db2) {
    this.db = db2;
  }
  backlog() {
    const mark = this.mark();
    const r = stmt(
      this.db,
      `SELECT (SELECT count(*) FROM messages WHERE id > ?) AS left, (SELECT count(*) FROM messages) AS total`
    ).get(mark);
    return { done: r.total - r.left, total: r.total };
  }
  mark() {
    return stmt(this.db, "SELECT last_message_id FROM report_spells_progress WHERE id = 1").get().last_message_id;
  }
  /** Whether messages newer than the mark exist (cheap: one index probe). */
  behind() {
    return stmt(this.db, "SELECT 1 AS x FROM messages WHERE id > ? LIMIT 1").get(this.mark()) !== void 0;
  }
  /**
   * Reads up to `maxMessages` new messages into spells, one transaction per batch. Returns true when caught up.
   */
  catchUp(maxMessages) {
    let left = maxMessages;
    while (left > 0) {
      const n = this.db.transaction(() => this.step(Math.min(BATCH, left))).immediate();
      left -= n;
      if (n === 0) return true;
    }
    return !this.behind();
  }
  step(limit) {
    const mark = this.mark();
    const batch = stmt(
      this.db,
      `SELECT m.id, m.conversation_id AS cid, m.created_at AS at, m.channel, ${ORIGIN} AS origin
       FROM messages m WHERE m.id > ? ORDER BY m.id LIMIT ?`
    ).all(mark, limit);
    const states = /* @__PURE__ */ new Map();
    const dirty = /* @__PURE__ */ new Set();
    for (const m of batch) {
      if (m.origin !== "customer" && m.origin !== "owner" && m.origin !== "assistant") continue;
      if (dirty.has(m.cid)) continue;
      let s = states.get(m.cid);
      if (s === void 0) {
        s = this.lastSpell(m.cid);
        states.set(m.cid, s);
      }
      if (s && m.at < Math.max(s.lastAt, s.replyAt ?? 0)) {
        dirty.add(m.cid);
        continue;
      }
      states.set(m.cid, this.apply(m, s));
    }
    if (batch.length) {
      stmt(this.db, "UPDATE report_spells_progress SET last_message_id = ? WHERE id = 1").run(batch[batch.length - 1].id);
    }
    for (const cid of dirty) stmt(this.db, "INSERT OR IGNORE INTO report_spells_dirty(conversation_id) VALUES (?)").run(cid);
    this.rebuildDirty();
    return batch.length;
  }
  /** One message applied to a conversation's newest spell; returns the newest spell afterwards. */
  apply(m, s) {
    if (m.origin === "customer") {
      if (s && s.replyAt === null) {
        stmt(this.db, "UPDATE report_spells SET messages = messages + 1, last_at = ? WHERE start_at = ? AND start_message_id = ?").run(m.at, s.startAt, s.startMessageId);
        return { ...s, lastAt: m.at };
      }
      if (s) stmt(this.db, "UPDATE report_spells SET next_at = ? WHERE start_at = ? AND start_message_id = ?").run(m.at, s.startAt, s.startMessageId);
      stmt(this.db, `INSERT INTO report_spells(conversation_id, start_at, start_message_id, channel, last_at, prev_reply_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
        m.cid,
        m.at,
        m.id,
        m.channel,
        m.at,
        s?.replyAt ?? null
      );
      return { startMessageId: m.id, startAt: m.at, lastAt: m.at, replyAt: null };
    }
    if (s && s.replyAt === null) {
      stmt(this.db, "UPDATE report_spells SET reply_at = ?, replier = ? WHERE start_at = ? AND start_message_id = ?").run(m.at, m.origin, s.startAt, s.startMessageId);
      return { ...s, replyAt: m.at };
    }
    return s;
  }
  lastSpell(cid) {
    const r = stmt(
      this.db,
      `SELECT start_message_id AS startMessageId, start_at AS startAt, last_at AS lastAt, reply_at AS replyAt FROM report_spells
       WHERE conversation_id = ? ORDER BY start_at DESC, start_message_id DESC LIMIT 1`
    ).get(cid);
    return r ?? null;
  }
  /** Derives dirty conversations again from all their messages up to the mark, in time order. */
  rebuildDirty() {
    const mark = this.mark();
    const dirty = stmt(this.db, "SELECT conversation_id FROM report_spells_dirty").all();
    for (const { conversation_id: cid } of dirty) {
      stmt(this.db, "DELETE FROM report_spells WHERE conversation_id = ?").run(cid);
      const msgs = stmt(
        this.db,
        `SELECT m.id, m.conversation_id AS cid, m.created_at AS at, m.channel, ${ORIGIN} AS origin
         FROM messages m WHERE m.conversation_id = ? AND m.id <= ? ORDER BY m.created_at, m.id`
      ).all(cid, mark);
      let s = null;
      for (const m of msgs) if (m.origin === "customer" || m.origin === "owner" || m.origin === "assistant") s = this.apply(m, s);
      stmt(this.db, "DELETE FROM report_spells_dirty WHERE conversation_id = ?").run(cid);
    }
  }
};

// ../../../tmp/i18/rebuild.ts
var db = openDatabase(process.argv[2]);
db.exec(`DROP INDEX IF EXISTS messages_created; DROP INDEX IF EXISTS order_events_notices; DROP INDEX IF EXISTS orders_report;
DROP TRIGGER IF EXISTS report_spells_moved; DROP TABLE IF EXISTS report_spells; DROP TABLE IF EXISTS report_spells_progress;
DROP TABLE IF EXISTS report_spells_dirty; DROP TABLE IF EXISTS suggestion_outcomes;`);
var t = performance.now();
reports_default.up(db);
console.log("migration", ((performance.now() - t) / 1e3).toFixed(1), "s");
t = performance.now();
new SpellsBuilder(db).catchUp(Number.MAX_SAFE_INTEGER);
console.log("built", ((performance.now() - t) / 1e3).toFixed(1), "s");
db.exec("ANALYZE");
