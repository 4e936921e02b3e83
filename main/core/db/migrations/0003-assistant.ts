// Assistant state: per-conversation mode override, the "Needs you" queue, and the audit log of model calls and decisions.
import type { Migration } from './types';

const migration: Migration = {
  version: 3,
  name: 'assistant',
  up(db) {
    db.exec(`
      -- No row = the conversation follows the global default mode.
      CREATE TABLE conversation_assistant (
        conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
        mode TEXT NOT NULL CHECK (mode IN ('off', 'suggest', 'auto')),
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- "Needs you": replies the assistant did not send (hold) and customers who need the owner (escalation).
      CREATE TABLE assistant_queue (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        trigger_message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
        kind TEXT NOT NULL CHECK (kind IN ('hold', 'escalation')),
        reason TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        draft TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',
        sources TEXT NOT NULL DEFAULT '[]',
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'sent', 'dismissed')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        resolved_at INTEGER
      ) STRICT;
      -- At most one open item per conversation: a newer hold updates it instead of piling up.
      CREATE UNIQUE INDEX assistant_queue_one_open ON assistant_queue(conversation_id) WHERE state = 'open';
      CREATE INDEX assistant_queue_state ON assistant_queue(state, updated_at DESC);

      -- Every model call, auto-sent reply, hold and escalation. Kept when a conversation is deleted (conversation_id → NULL).
      CREATE TABLE assistant_audit (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
        event TEXT NOT NULL CHECK (event IN ('model_call', 'auto_sent', 'held', 'escalated', 'error')),
        purpose TEXT,
        model TEXT,
        prompt_tokens INTEGER,
        output_tokens INTEGER,
        latency_ms INTEGER,
        prompt_eval_ms INTEGER,
        eval_ms INTEGER,
        load_ms INTEGER,
        reason TEXT,
        message_id INTEGER,
        detail TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX assistant_audit_conversation ON assistant_audit(conversation_id, id);
      CREATE INDEX assistant_audit_at ON assistant_audit(at);
    `);
  },
};

export default migration;
