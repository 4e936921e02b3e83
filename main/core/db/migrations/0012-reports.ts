// Reports: messages by time (every report reads one period of messages; without this index each figure scanned the
// whole table — 2M rows at the bench's big shop), and what the owner did with each suggested reply, which nothing
// recorded before (sent as suggested, edited, or discarded).
import type { Migration } from './index';

const migration: Migration = {
  // Assigned number 0012. While 0009–0011 have not landed on this branch the list must stay gapless, so the version
  // is its position; the integrator renumbers it (this line and the file name) at merge.
  version: 9,
  name: 'reports',
  up(db) {
    db.exec(`
      -- Period scans for reports. Appends at the right edge (created_at grows with time), so one page per insert.
      CREATE INDEX messages_created ON messages(created_at);

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
