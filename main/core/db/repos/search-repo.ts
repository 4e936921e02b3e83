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
 * Shortest word that is prefix-matched in message text. A one- or two-letter prefix ("b", "br") stands for thousands
 * of words, and FTS5 must merge all their lists before it can return the newest match (~100 ms at 2M messages);
 * such short words match whole words only. Contact names match from the first letter (see `contacts`).
 */
export const MIN_PREFIX_CHARS = 3;

function wordsOf(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/[\s"'`«»„“”.,;:!?()[\]{}<>/\\|+\-=*^~#@$%&]+/u)
    .filter((w) => WORDISH.test(w));
}

const quote = (w: string) => `"${w.replace(/"/g, '""')}"`;

/**
 * Turns free text into an FTS5 MATCH expression: every word quoted (so AND/OR/NEAR/"*" typed by a user are just words)
 * and prefix-matched, so "пиц" finds "пицца" while typing. Returns null when nothing searchable is left (only emoji).
 * `minPrefix`: shorter words match whole words only.
 */
export function toFtsQuery(text: string, minPrefix = 1): string | null {
  const words = wordsOf(text);
  if (words.length === 0) return null;
  return words.map((w) => `${quote(w)}${[...w].length >= minPrefix ? '*' : ''}`).join(' ');
}

/** The same words, matched as whole words only: FTS5 walks such a query newest-first and stops at the limit. */
export function toWholeWordQuery(text: string): string | null {
  const words = wordsOf(text);
  return words.length ? words.map(quote).join(' ') : null;
}

export interface MessageSearch {
  hits: MessageHit[];
  /** false: only whole-word matches were taken (the page was full); prefix matches ("orders" for "order") may exist. */
  complete: boolean;
}

export class SearchRepo {
  constructor(private readonly db: Db) {}

  /**
   * Newest matching messages first, as chat apps list them (ids follow arrival). Ranking by BM25 instead scores every
   * match before the LIMIT applies: a common word in years of history (200k matches) took ~300 ms, while walking the
   * index newest-first stops after `limit` hits.
   *
   * A prefix query cannot stop early (FTS5 merges the lists of every word starting with it first: ~15 ms for "order*",
   * ~100 ms for "b*" at 2M messages), so by default whole words are tried first and the prefix query runs only when
   * they do not fill the page; `all` always includes prefix matches (the inbox asks for that second, in the background).
   */
  messages(text: string, limit: number, opts: { all?: boolean } = {}): MessageSearch {
    const prefixed = toFtsQuery(text, MIN_PREFIX_CHARS);
    if (prefixed === null) return { hits: this.messagesLiteral(text.trim(), limit), complete: true };
    const whole = toWholeWordQuery(text)!;
    if (opts.all || prefixed === whole) return { hits: this.match(prefixed, limit), complete: true };
    const first = this.match(whole, limit);
    if (first.length >= limit) return { hits: first, complete: false };
    return { hits: this.match(prefixed, limit), complete: true };
  }

  private match(q: string, limit: number): MessageHit[] {
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

  /**
   * Contact ids whose name or notes match, from the first letter. Short prefixes match so many names that ranking them
   * (BM25 scores every match) costs more than it tells: those come newest contact first.
   */
  contacts(text: string, limit: number): number[] {
    const q = toFtsQuery(text);
    if (q === null) return [];
    const short = [...text.trim()].length < MIN_PREFIX_CHARS;
    return stmt<[string, number], { rowid: number }>(
      this.db,
      short
        ? 'SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ? ORDER BY rowid DESC LIMIT ?'
        : 'SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ? ORDER BY bm25(contacts_fts) LIMIT ?',
    )
      .all(q, limit)
      .map((r) => r.rowid);
  }
}
