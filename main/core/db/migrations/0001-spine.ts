// Spine schema: settings, contacts with identities and tags, one conversation per contact, messages, outbox, FTS.
import type { Migration } from './types';

const migration: Migration = {
  version: 1,
  name: 'spine',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        language TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- A customer's address on one channel. (channel, external_id) is how inbound messages find their contact.
      CREATE TABLE identities (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        channel TEXT NOT NULL,
        external_id TEXT NOT NULL,
        display TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER
      ) STRICT;
      CREATE UNIQUE INDEX identities_address ON identities(channel, external_id);
      CREATE INDEX identities_contact ON identities(contact_id);

      CREATE TABLE contact_tags (
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (contact_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX contact_tags_tag ON contact_tags(tag, contact_id);

      -- One thread per contact, merged across channels. Holds the inbox-row state so the list never scans messages.
      CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL UNIQUE REFERENCES contacts(id) ON DELETE CASCADE,
        last_message_id INTEGER,
        last_message_at INTEGER NOT NULL,
        last_preview TEXT NOT NULL DEFAULT '',
        last_channel TEXT NOT NULL,
        last_inbound_channel TEXT,
        unread_count INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX conversations_activity ON conversations(last_message_at DESC, id DESC);
      CREATE INDEX conversations_unread ON conversations(last_message_at DESC, id DESC) WHERE unread_count > 0;
      CREATE INDEX conversations_channel ON conversations(last_channel, last_message_at DESC, id DESC);

      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        channel TEXT NOT NULL,
        identity_id INTEGER REFERENCES identities(id) ON DELETE SET NULL,
        external_id TEXT,
        author TEXT NOT NULL CHECK (author IN ('customer', 'owner', 'assistant', 'system')),
        kind TEXT NOT NULL DEFAULT 'text',
        body TEXT NOT NULL,
        status TEXT NOT NULL,
        error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX messages_conversation ON messages(conversation_id, id);
      -- A replayed inbound message (same channel + id) can never be stored twice.
      CREATE UNIQUE INDEX messages_external ON messages(channel, external_id) WHERE external_id IS NOT NULL;

      -- Durable sending: a row exists before any channel call, so a crash never loses an outgoing message.
      CREATE TABLE outbox (
        message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        channel TEXT NOT NULL,
        address TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX outbox_due ON outbox(state, next_attempt_at);

      -- Full-text search: remove_diacritics 2 lets "ca phe" find "cà phê"; unicode61 folds Cyrillic case.
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        body, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER messages_fts_ai AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
      END;
      CREATE TRIGGER messages_fts_ad AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
      END;
      CREATE TRIGGER messages_fts_au AFTER UPDATE OF body ON messages BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
        INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
      END;

      CREATE VIRTUAL TABLE contacts_fts USING fts5(
        name, notes, content='contacts', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER contacts_fts_ai AFTER INSERT ON contacts BEGIN
        INSERT INTO contacts_fts(rowid, name, notes) VALUES (new.id, new.name, new.notes);
      END;
      CREATE TRIGGER contacts_fts_ad AFTER DELETE ON contacts BEGIN
        INSERT INTO contacts_fts(contacts_fts, rowid, name, notes) VALUES ('delete', old.id, old.name, old.notes);
      END;
      CREATE TRIGGER contacts_fts_au AFTER UPDATE OF name, notes ON contacts BEGIN
        INSERT INTO contacts_fts(contacts_fts, rowid, name, notes) VALUES ('delete', old.id, old.name, old.notes);
        INSERT INTO contacts_fts(rowid, name, notes) VALUES (new.id, new.name, new.notes);
      END;
    `);
  },
};

export default migration;
