// Reports: a derived table of "waiting spells" (a customer waited for the shop; see reports/figures.ts), because the
// bench measured reading a period's messages one by one at ~120 ms per 2 months of a big shop before any figure was
// computed (so messages get no new index: the incoming-message write path is unchanged); covering indexes for the
// sales figures; and what the owner did with each suggested reply, which nothing recorded before.
import type { Migration } from './types';

const migration: Migration = {
  // Assigned number 0012. While 0009–0011 have not landed on this branch the list must stay gapless, so the version
  // is its position; the integrator renumbers it (this line and the file name) at merge.
  version: 12,
  name: 'reports',
  up(db) {
    db.exec(`
      -- Sales figures read placed orders of a period without visiting each order row.
      CREATE INDEX orders_report ON orders(placed_at, source, status, contact_id, total_minor) WHERE status <> 'draft';
      CREATE INDEX order_lines_report ON order_lines(order_id, product_id, quantity, line_total_minor);
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
        -- How much of the suggestion survived in what was sent, 0–1 (1 = unchanged).
        similarity REAL NOT NULL CHECK (similarity BETWEEN 0 AND 1)
      ) STRICT;
      CREATE INDEX suggestion_outcomes_at ON suggestion_outcomes(at);
    `);
  },
};

export default migration;
