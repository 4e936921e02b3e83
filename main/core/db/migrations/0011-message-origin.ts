// Messages say who wrote them (`origin`): customer, owner, assistant, reminder, order_status or system — so only the
// owner's own words resolve a "Needs you" item, never a reminder or a status notification. Existing rows are
// backfilled from what the database knows (reminders, order status events, opt-out confirmations). Also adds the
// owner's approved translations of knowledge answers, and opt-out messages waiting for the owner's decision.
import type { Migration } from './types';

const migration: Migration = {
  // Issue #13 was given migration number 0011; in this branch it follows 0008, hence position 9 until the integrator
  // renumbers (this is the only place the number lives).
  version: 11,
  name: 'message-origin',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN origin TEXT NOT NULL DEFAULT 'owner'
        CHECK (origin IN ('customer', 'owner', 'assistant', 'reminder', 'order_status', 'system'));
      UPDATE messages SET origin = 'customer' WHERE direction = 'in';
      UPDATE messages SET origin = 'assistant' WHERE direction = 'out' AND author = 'assistant';
      UPDATE messages SET origin = 'system' WHERE direction = 'out' AND author = 'system';
      UPDATE messages SET origin = 'reminder'
        WHERE direction = 'out' AND author = 'owner' AND id IN (SELECT message_id FROM reminders WHERE message_id IS NOT NULL);
      UPDATE messages SET origin = 'order_status'
        WHERE direction = 'out' AND author = 'owner'
          AND id IN (SELECT message_id FROM order_events WHERE message_id IS NOT NULL AND to_status IS NOT NULL);
      UPDATE messages SET origin = 'system'
        WHERE direction = 'out' AND author = 'owner'
          AND id IN (SELECT confirmation_message_id FROM contact_optouts WHERE confirmation_message_id IS NOT NULL);

      -- The owner's approved wording of one of their answers in a customer's language. source_text is the answer as
      -- it was when approved: once the owner edits the answer, the translation no longer applies until approved again.
      CREATE TABLE approved_translations (
        source_key TEXT NOT NULL,
        lang TEXT NOT NULL,
        source_text TEXT NOT NULL,
        text TEXT NOT NULL,
        approved_at INTEGER NOT NULL,
        PRIMARY KEY (source_key, lang)
      ) STRICT;

      -- A message that may be an opt-out ("stop sending me so much"): no reminder goes out until the owner decides.
      CREATE TABLE optout_questions (
        contact_id INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
        message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
        said TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};

export default migration;
