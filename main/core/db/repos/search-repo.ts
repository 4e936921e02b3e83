// Full-text search over message bodies (newest first) and contact names (BM25 ranking). User text never reaches SQL unquoted.
import type { Db } from '../connection';
import { stmt } from '../statements';

export interface MessageHit {
  messageId: number;
  conversationId: number;
  snippet: string;
  createdAt: number;
}

const WORDISH = /[\p{L}\p{N}]/u;

/**
 * Turns free text into an FTS5 MATCH expression: every word quoted (so AND/OR/NEAR/"*" typed by a user are just words)
 * and prefix-matched, so "пиц" finds "пицца" while typing. Returns null when nothing searchable is left (only emoji).
 */
export function toFtsQuery(text: string): string | null {
  const words = text
    .normalize('NFC')
    .split(/[\s"'`«»„“”.,;:!?()[\]{}<>/\\|+\-=*^~#@$%&]+/u)
    .filter((w) => WORDISH.test(w));
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

export class SearchRepo {
  constructor(private readonly db: Db) {}

  /**
   * Newest matching messages first, as chat apps list them (ids follow arrival). Ranking by BM25 instead scores every
   * match before the LIMIT applies: a common word in years of history (200k matches) took ~300 ms, while walking the
   * index newest-first stops after `limit` hits (~5 ms; see npm run bench).
   */
  messages(text: string, limit: number): MessageHit[] {
    const q = toFtsQuery(text);
    if (q === null) return this.messagesLiteral(text.trim(), limit);
    return stmt<[string, number], { id: number; conversation_id: number; snippet: string; created_at: number }>(
      this.db,
      `SELECT m.id, m.conversation_id, snippet(messages_fts, 0, '', '', '…', 12) AS snippet, m.created_at
       FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
       WHERE messages_fts MATCH ? ORDER BY messages_fts.rowid DESC LIMIT ?`,
    )
      .all(q, limit)
      .map((r) => ({ messageId: r.id, conversationId: r.conversation_id, snippet: r.snippet, createdAt: r.created_at }));
  }

  /** Emoji or symbols only: FTS has no tokens for them, so fall back to a bounded substring scan of recent messages. */
  private messagesLiteral(text: string, limit: number): MessageHit[] {
    if (!text) return [];
    return stmt<[string, number], { id: number; conversation_id: number; body: string; created_at: number }>(
      this.db,
      `SELECT id, conversation_id, body, created_at FROM (SELECT * FROM messages ORDER BY id DESC LIMIT 50000)
       WHERE instr(body, ?) > 0 LIMIT ?`,
    )
      .all(text, limit)
      .map((r) => ({ messageId: r.id, conversationId: r.conversation_id, snippet: r.body.slice(0, 120), createdAt: r.created_at }));
  }

  /** Contact ids whose name or notes match. */
  contacts(text: string, limit: number): number[] {
    const q = toFtsQuery(text);
    if (q === null) return [];
    return stmt<[string, number], { rowid: number }>(
      this.db,
      'SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ? ORDER BY bm25(contacts_fts) LIMIT ?',
    )
      .all(q, limit)
      .map((r) => r.rowid);
  }
}
