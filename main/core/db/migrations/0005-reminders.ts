// Reminders (one row per occurrence; a recurring series steps forward by inserting its next row), the customers'
// opt-out state with its history, and which products are consumable (for reorder reminders).
import type { Migration } from './types';

const migration: Migration = {
  version: 5,
  name: 'reminders',
  up(db) {
    db.exec(`
      CREATE TABLE reminders (
        id INTEGER PRIMARY KEY,
        -- Deleting a contact deletes their reminders: nothing can fire for a customer who is gone.
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        -- Id of the first occurrence of a series (its own id for a one-off).
        series_id INTEGER,
        kind TEXT NOT NULL CHECK (kind IN ('payment_due', 'pickup_ready', 'appointment', 'reorder', 'follow_up', 'custom')),
        source TEXT NOT NULL CHECK (source IN ('manual', 'rule')),
        -- Set by automatic rules ("unpaid:42"); unique, so a rule never creates the same reminder twice.
        rule_key TEXT,
        -- Like a deleted contact, a deleted order takes its reminders with it.
        order_id INTEGER REFERENCES orders(id) ON DELETE CASCADE,
        -- The owner's text with {placeholders}; rendered_text is exactly what went out, stored when it is sent.
        template TEXT NOT NULL,
        rendered_text TEXT,
        -- NULL: the channel the customer last wrote from.
        channel TEXT,
        -- due_at: when the owner wants it. fire_at: due_at moved out of quiet hours; the scheduler looks only at this.
        due_at INTEGER NOT NULL,
        fire_at INTEGER NOT NULL,
        -- The appointment / pickup time that {date} shows, when it differs from the reminder time.
        event_at INTEGER,
        -- Wall clock of due_at in the business time zone: recurrence steps in local days, so DST never shifts it.
        time_zone TEXT NOT NULL,
        local_due TEXT NOT NULL,
        repeat TEXT NOT NULL DEFAULT 'none' CHECK (repeat IN ('none', 'daily', 'weekly', 'monthly', 'every_n_days')),
        repeat_every INTEGER NOT NULL DEFAULT 1 CHECK (repeat_every BETWEEN 1 AND 366),
        -- Monthly series: the day of month asked for (31 means "last day" in shorter months).
        repeat_day INTEGER CHECK (repeat_day BETWEEN 1 AND 31),
        status TEXT NOT NULL CHECK (status IN ('scheduled', 'sent', 'missed', 'cancelled')),
        -- Why it is missed/cancelled (a stable code: late, opted_out, order_paid, no_address, owner…).
        status_note TEXT,
        message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
        personalise INTEGER NOT NULL DEFAULT 0 CHECK (personalise IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        done_at INTEGER
      ) STRICT;
      CREATE INDEX reminders_due ON reminders(fire_at, id) WHERE status = 'scheduled';
      CREATE INDEX reminders_contact ON reminders(contact_id, status, fire_at);
      -- History tabs (sent, missed, cancelled), newest first. Partial so the scheduler's query never picks it.
      CREATE INDEX reminders_done ON reminders(status, done_at DESC, id DESC) WHERE done_at IS NOT NULL;
      CREATE INDEX reminders_order ON reminders(order_id) WHERE order_id IS NOT NULL;
      CREATE INDEX reminders_message ON reminders(message_id) WHERE message_id IS NOT NULL;
      CREATE UNIQUE INDEX reminders_rule_key ON reminders(rule_key) WHERE rule_key IS NOT NULL;
      -- A series gets each occurrence once, even if two schedulers step it forward.
      CREATE UNIQUE INDEX reminders_series_step ON reminders(series_id, local_due) WHERE series_id IS NOT NULL;

      -- Customers who asked for no reminders or promotions. A row here means "opted out".
      CREATE TABLE contact_optouts (
        contact_id INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        channel TEXT NOT NULL,
        -- What the customer wrote ("STOP", "стоп"); untrusted text, shown as text.
        said TEXT NOT NULL,
        message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
        language TEXT NOT NULL,
        confirmation_message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL
      ) STRICT;

      -- Every change of consent, so the owner can show when and how a customer opted out or agreed again.
      CREATE TABLE consent_log (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        change TEXT NOT NULL CHECK (change IN ('opt_out', 'opt_in')),
        by TEXT NOT NULL CHECK (by IN ('customer', 'owner')),
        channel TEXT,
        detail TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX consent_log_contact ON consent_log(contact_id, at);

      -- Products the owner marked consumable: a completed order of one can get a "time for a refill?" reminder.
      -- reorder_days NULL: the rule's default delay.
      CREATE TABLE consumable_products (
        product_id INTEGER PRIMARY KEY REFERENCES products(id) ON DELETE CASCADE,
        reorder_days INTEGER CHECK (reorder_days IS NULL OR reorder_days BETWEEN 1 AND 730)
      ) STRICT;
    `);
  },
};

export default migration;
