// The owner's working day: a state per conversation (open / waiting for the customer / resolved / snoozed until a
// time), pin, and owner-defined colour labels on conversations.
import type { Migration } from './types';

const migration: Migration = {
  version: 14,
  name: 'workday',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN state TEXT NOT NULL DEFAULT 'open'
        CHECK (state IN ('open', 'waiting', 'resolved', 'snoozed'));
      ALTER TABLE conversations ADD COLUMN snoozed_until INTEGER;
      ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
      -- The state tabs list newest activity first within one state; counts read the same index.
      CREATE INDEX conversations_state ON conversations(state, last_message_at DESC, id DESC);
      -- The snooze wake-up looks only at snoozed rows.
      CREATE INDEX conversations_snoozed ON conversations(snoozed_until) WHERE state = 'snoozed';
      CREATE INDEX conversations_pinned ON conversations(last_message_at DESC, id DESC) WHERE pinned = 1;

      CREATE TABLE labels (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        color TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE conversation_labels (
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        label_id INTEGER NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
        PRIMARY KEY (label_id, conversation_id)
      ) STRICT;
      CREATE INDEX conversation_labels_conversation ON conversation_labels(conversation_id);

      -- When a customer last got the automatic greeting / away message: at most one per window.
      CREATE TABLE auto_replies_sent (
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('greeting', 'away')),
        sent_at INTEGER NOT NULL,
        PRIMARY KEY (contact_id, kind)
      ) STRICT;
    `);
  },
};

export default migration;
