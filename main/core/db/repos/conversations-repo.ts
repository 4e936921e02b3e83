// SQL for conversations (the inbox rows). The list query reads only this table plus the contact's name.
import type { Db } from '../connection';
import { stmt } from '../statements';
import type { ConversationSummary, Direction, InboxFilter } from '../../inbox/types';

interface ListRow {
  id: number;
  contact_id: number;
  name: string;
  last_message_at: number;
  last_preview: string;
  last_channel: string;
  last_direction: Direction | null;
  unread_count: number;
  channels: string | null;
}

const SUMMARY_COLUMNS = `
  c.id, c.contact_id, k.name, c.last_message_at, c.last_preview, c.last_channel, c.unread_count,
  (SELECT direction FROM messages m WHERE m.id = c.last_message_id) AS last_direction,
  (SELECT group_concat(DISTINCT channel) FROM identities i WHERE i.contact_id = c.contact_id) AS channels`;

export interface ListCursor {
  at: number;
  id: number;
}

export class ConversationsRepo {
  constructor(private readonly db: Db) {}

  idForContact(contactId: number): number | undefined {
    return stmt<[number], { id: number }>(this.db, 'SELECT id FROM conversations WHERE contact_id = ?').get(contactId)?.id;
  }

  create(contactId: number, channel: string, now: number): number {
    const r = stmt(
      this.db,
      'INSERT INTO conversations(contact_id, last_message_at, last_channel, created_at) VALUES (?, ?, ?, ?)',
    ).run(contactId, now, channel, now);
    return Number(r.lastInsertRowid);
  }

  contactId(conversationId: number): number | undefined {
    return stmt<[number], { contact_id: number }>(this.db, 'SELECT contact_id FROM conversations WHERE id = ?').get(conversationId)
      ?.contact_id;
  }

  lastInboundChannel(conversationId: number): string | null {
    return (
      stmt<[number], { c: string | null }>(this.db, 'SELECT last_inbound_channel AS c FROM conversations WHERE id = ?').get(
        conversationId,
      )?.c ?? null
    );
  }

  onMessage(
    conversationId: number,
    m: { id: number; at: number; preview: string; channel: string; direction: Direction; countsUnread: boolean },
  ): void {
    stmt(
      this.db,
      `UPDATE conversations SET last_message_id = ?, last_message_at = max(last_message_at, ?), last_preview = ?, last_channel = ?,
         last_inbound_channel = CASE WHEN ? = 'in' THEN ? ELSE last_inbound_channel END,
         unread_count = unread_count + ?
       WHERE id = ?`,
    ).run(m.id, m.at, m.preview, m.channel, m.direction, m.channel, m.countsUnread ? 1 : 0, conversationId);
  }

  markRead(conversationId: number): void {
    stmt(this.db, 'UPDATE conversations SET unread_count = 0 WHERE id = ?').run(conversationId);
  }

  summary(conversationId: number): ConversationSummary | undefined {
    const row = stmt<[number], ListRow>(
      this.db,
      `SELECT ${SUMMARY_COLUMNS} FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE c.id = ?`,
    ).get(conversationId);
    return row ? toSummary(row) : undefined;
  }

  /** Newest activity first, keyset-paged so page 100 costs what page 1 costs. */
  list(filter: InboxFilter, limit: number, cursor?: ListCursor): ConversationSummary[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.unread) where.push('c.unread_count > 0');
    if (filter.channel) {
      where.push('EXISTS (SELECT 1 FROM identities i WHERE i.contact_id = c.contact_id AND i.channel = ?)');
      params.push(filter.channel);
    }
    if (cursor) {
      where.push('(c.last_message_at < ? OR (c.last_message_at = ? AND c.id < ?))');
      params.push(cursor.at, cursor.at, cursor.id);
    }
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM conversations c JOIN contacts k ON k.id = c.contact_id
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?`;
    return stmt<(string | number)[], ListRow>(this.db, sql)
      .all(...params, limit)
      .map(toSummary);
  }

  byIds(ids: readonly number[]): ConversationSummary[] {
    if (ids.length === 0) return [];
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM conversations c JOIN contacts k ON k.id = c.contact_id
      WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.last_message_at DESC, c.id DESC`;
    return stmt<[string], ListRow>(this.db, sql).all(JSON.stringify(ids)).map(toSummary);
  }

  unreadTotal(): number {
    return stmt<[], { n: number }>(this.db, 'SELECT coalesce(sum(unread_count), 0) AS n FROM conversations').get()!.n;
  }
}

function toSummary(r: ListRow): ConversationSummary {
  return {
    id: r.id,
    contactId: r.contact_id,
    contactName: r.name,
    lastMessageAt: r.last_message_at,
    lastPreview: r.last_preview,
    lastChannel: r.last_channel,
    lastDirection: r.last_direction,
    unreadCount: r.unread_count,
    channels: r.channels ? r.channels.split(',') : [],
  };
}
