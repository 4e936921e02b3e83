// SQL for messages. Inbound inserts are idempotent on (channel, external_id).
import type { Db } from '../connection';
import { stmt } from '../statements';
import type { Author, Direction, Message, MessageKind, MessageStatus, Origin } from '../../inbox/types';
import type { MediaInfo } from '../../media/types';

interface MessageRow {
  id: number;
  conversation_id: number;
  direction: Direction;
  channel: string;
  author: Author;
  origin: Origin;
  kind: MessageKind;
  body: string;
  status: MessageStatus;
  error: string | null;
  created_at: number;
  media?: string | null;
}

export interface NewMessage {
  conversationId: number;
  direction: Direction;
  channel: string;
  identityId: number | null;
  externalId: string | null;
  author: Author;
  /** Defaults from direction and author: in → customer, assistant → assistant, system → system, else owner. */
  origin?: Origin;
  kind: MessageKind;
  body: string;
  status: MessageStatus;
  createdAt: number;
}

// The message's media row rides along as JSON (one indexed lookup per message; most messages have none).
const COLS = `id, conversation_id, direction, channel, author, origin, kind, body, status, error, created_at,
  (SELECT json_object('id', x.id, 'state', x.state, 'mime', x.mime, 'fileName', x.file_name, 'size', x.size, 'error', x.error)
   FROM media x WHERE x.message_id = messages.id) AS media`;

export class MessagesRepo {
  constructor(private readonly db: Db) {}

  /** Returns the new id, or undefined when (channel, externalId) is already stored. */
  insert(m: NewMessage): number | undefined {
    const row = stmt<unknown[], { id: number }>(
      this.db,
      `INSERT INTO messages(conversation_id, direction, channel, identity_id, external_id, author, origin, kind, body, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(channel, external_id) WHERE external_id IS NOT NULL DO NOTHING
       RETURNING id`,
    ).get(
      m.conversationId,
      m.direction,
      m.channel,
      m.identityId,
      m.externalId,
      m.author,
      m.origin ?? defaultOrigin(m.direction, m.author),
      m.kind,
      m.body,
      m.status,
      m.createdAt,
      m.createdAt,
    );
    return row?.id;
  }

  existsExternal(channel: string, externalId: string): boolean {
    return stmt(this.db, 'SELECT 1 FROM messages WHERE channel = ? AND external_id = ?').get(channel, externalId) !== undefined;
  }

  /** Whether Lavka has an outgoing message with this text to this address that it has not confirmed sent yet. */
  unsentCopy(channel: string, identityId: number, kind: MessageKind, body: string): boolean {
    return (
      stmt(
        this.db,
        `SELECT 1 FROM messages WHERE channel = ? AND identity_id = ? AND direction = 'out' AND external_id IS NULL
         AND status IN ('queued', 'sending') AND kind = ? AND body = ? LIMIT 1`,
      ).get(channel, identityId, kind, body) !== undefined
    );
  }

  /** When the owner last wrote in this conversation outside Lavka (their phone): owner messages with no outbox row. */
  lastOwnerFromPhone(conversationId: number): number | undefined {
    return (
      stmt<[number], { t: number | null }>(
        this.db,
        `SELECT max(m.created_at) AS t FROM messages m WHERE m.conversation_id = ? AND m.direction = 'out' AND m.author = 'owner'
         AND m.external_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = m.id)`,
      ).get(conversationId)?.t ?? undefined
    );
  }

  get(id: number): Message | undefined {
    const row = stmt<[number], MessageRow>(this.db, `SELECT ${COLS} FROM messages WHERE id = ?`).get(id);
    return row ? toMessage(row) : undefined;
  }

  /** Several messages by id in one read (a stored burst is announced from one query, not one per message). */
  getMany(ids: readonly number[]): Map<number, Message> {
    const out = new Map<number, Message>();
    if (ids.length === 1) {
      const m = this.get(ids[0]);
      if (m) out.set(m.id, m);
    } else if (ids.length > 1) {
      const rows = stmt<[string], MessageRow>(this.db, `SELECT ${COLS} FROM messages WHERE id IN (SELECT value FROM json_each(?))`).all(
        JSON.stringify(ids),
      );
      for (const r of rows) out.set(r.id, toMessage(r));
    }
    return out;
  }

  byExternal(channel: string, externalId: string): Message | undefined {
    const row = stmt<[string, string], MessageRow>(this.db, `SELECT ${COLS} FROM messages WHERE channel = ? AND external_id = ?`).get(
      channel,
      externalId,
    );
    return row ? toMessage(row) : undefined;
  }

  /** A page of history, newest first from `beforeId` (exclusive). */
  page(conversationId: number, limit: number, beforeId?: number): Message[] {
    const rows = beforeId
      ? stmt<[number, number, number], MessageRow>(
          this.db,
          `SELECT ${COLS} FROM messages WHERE conversation_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
        ).all(conversationId, beforeId, limit)
      : stmt<[number, number], MessageRow>(this.db, `SELECT ${COLS} FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT ?`).all(
          conversationId,
          limit,
        );
    return rows.map(toMessage);
  }

  /** How many messages a conversation has (the assistant anchors its transcript window on it). */
  countIn(conversationId: number): number {
    return stmt<[number], { n: number }>(this.db, 'SELECT count(*) AS n FROM messages WHERE conversation_id = ?').get(conversationId)!.n;
  }

  /** The last `limit` messages in chronological order, for context building. */
  recent(conversationId: number, limit: number): Message[] {
    return this.page(conversationId, limit).reverse();
  }

  setStatus(id: number, status: MessageStatus, now: number, error: string | null = null): void {
    stmt(this.db, 'UPDATE messages SET status = ?, error = ?, updated_at = ? WHERE id = ?').run(status, error, now, id);
  }

  setBody(id: number, body: string, now: number): void {
    stmt(this.db, 'UPDATE messages SET body = ?, updated_at = ? WHERE id = ?').run(body, now, id);
  }

  setExternalId(id: number, externalId: string, now: number): void {
    stmt(this.db, 'UPDATE messages SET external_id = ?, updated_at = ? WHERE id = ?').run(externalId, now, id);
  }
}

export function toMessage(r: MessageRow): Message {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    direction: r.direction,
    channel: r.channel,
    author: r.author,
    origin: r.origin,
    kind: r.kind,
    body: r.body,
    status: r.status,
    error: r.error,
    createdAt: r.created_at,
    ...(r.media ? { media: JSON.parse(r.media) as MediaInfo } : {}),
  };
}

export function defaultOrigin(direction: Direction, author: Author): Origin {
  if (direction === 'in') return 'customer';
  if (author === 'assistant' || author === 'system') return author;
  return 'owner';
}
