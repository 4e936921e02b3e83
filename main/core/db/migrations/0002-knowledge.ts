// Knowledge the owner writes for the assistant: question/answer and policy entries, searchable with FTS5 (BM25).
import type { Migration } from './types';

const migration: Migration = {
  version: 2,
  name: 'knowledge',
  up(db) {
    db.exec(`
      -- kind 'qa': title is the question, body the answer. kind 'policy': a rule the assistant must follow and may quote.
      CREATE TABLE knowledge_entries (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('qa', 'policy')),
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        -- Extra words customers use for this topic (other languages, synonyms); searched, never shown to customers.
        keywords TEXT NOT NULL DEFAULT '',
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX knowledge_entries_kind ON knowledge_entries(kind, enabled, id);

      CREATE VIRTUAL TABLE knowledge_fts USING fts5(
        title, body, keywords, content='knowledge_entries', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER knowledge_fts_ai AFTER INSERT ON knowledge_entries BEGIN
        INSERT INTO knowledge_fts(rowid, title, body, keywords) VALUES (new.id, new.title, new.body, new.keywords);
      END;
      CREATE TRIGGER knowledge_fts_ad AFTER DELETE ON knowledge_entries BEGIN
        INSERT INTO knowledge_fts(knowledge_fts, rowid, title, body, keywords) VALUES ('delete', old.id, old.title, old.body, old.keywords);
      END;
      CREATE TRIGGER knowledge_fts_au AFTER UPDATE OF title, body, keywords ON knowledge_entries BEGIN
        INSERT INTO knowledge_fts(knowledge_fts, rowid, title, body, keywords) VALUES ('delete', old.id, old.title, old.body, old.keywords);
        INSERT INTO knowledge_fts(rowid, title, body, keywords) VALUES (new.id, new.title, new.body, new.keywords);
      END;
    `);
  },
};

export default migration;
