// Media: the photo, voice note or file of a message, kept as a file in <data>/media and described here. A row exists
// before its file (state 'pending'), so a download that fails is a row with its error and a Retry, never a lost message.
// message_id is NULL for an attachment the owner uploaded but has not sent yet (a draft).
import type { Migration } from './types';

const migration: Migration = {
  // Position in this branch's list (0009); the integrator renumbers the file (0015) and this at merge.
  version: 13,
  name: 'media',
  up(db) {
    db.exec(`
      CREATE TABLE media (
        id INTEGER PRIMARY KEY,
        message_id INTEGER UNIQUE REFERENCES messages(id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('pending', 'stored', 'failed')),
        mime TEXT NOT NULL DEFAULT 'application/octet-stream',
        -- The name the sender gave the file: untrusted, shown as text, never used as a path.
        file_name TEXT NOT NULL DEFAULT '',
        size INTEGER,
        -- The file's name inside <data>/media (Lavka's own, starts with the row id); NULL until stored.
        file TEXT,
        -- What the channel needs to download it again (Telegram file_id, WhatsApp message id).
        source TEXT,
        error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX media_unsent ON media(created_at) WHERE message_id IS NULL;
    `);
  },
};

export default migration;
