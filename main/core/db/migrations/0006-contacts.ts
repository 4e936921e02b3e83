// Contacts page: a name index for sorted paging and streamed export, and pairs the owner said are not duplicates.
import type { Migration } from './types';

const migration: Migration = {
  version: 6,
  name: 'contacts',
  up(db) {
    db.exec(`
      -- The Contacts page and the export walk contacts in name order; this makes each page a seek, not a sort.
      CREATE INDEX contacts_name ON contacts(name COLLATE NOCASE, id);

      -- "Not the same person": suggestions the owner dismissed stay dismissed. low_id < high_id, one row per pair.
      CREATE TABLE contact_merge_dismissed (
        low_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        high_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        PRIMARY KEY (low_id, high_id),
        CHECK (low_id < high_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX contact_merge_dismissed_high ON contact_merge_dismissed(high_id);
    `);
  },
};

export default migration;
