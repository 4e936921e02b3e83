// SQL for messages. Inbound inserts are idempotent on (channel, external_id).
import type { Db } from '../connection';
import { stmt } from '../statements';
import type { Author, Direction, Message, MessageKind, MessageStatus, Origin } from '../../inbox/types';

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

const COLS = 'id, conversation_id, direction, channel, author, origin, kind, body, status, error, created_at';

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
    ).get(m.conversationId, m.direction, m.channel, m.identityId, m.externalId, m.author, m.origin ?? defaultOrigin(m.direction, m.author), m.kind, m.body, m.status, m.createdAt, m.createdAt);
    return row?.id;
  }

  existsExternal(channel: string, externalId: string): boolean {
    return stmt(this.db, 'SELECT 1 FROM messages WHERE channel = ? AND external_id = ?').get(channel, externalId) !== undefined;
  }

  get(id: number): Message | undefined {
    const row = stmt<[number], MessageRow>(this.db, `SELECT ${COLS} FROM messages WHERE id = ?`).get(id);
    return row ? toMessage(row) : undefined;
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
  };
}

export function defaultOrigin(direction: Direction, author: Author): Origin {
  if (direction === 'in') return 'customer';
  if (author === 'assistant' || author === 'system') return author;
  return 'owner';
}
