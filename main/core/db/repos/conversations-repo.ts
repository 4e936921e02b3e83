// SQL for conversations (the inbox rows). The list query reads only this table plus the contact's name.
import type { Db } from '../connection';
import { stmt } from '../statements';
import type { ConversationState, ConversationSummary, Direction, InboxFilter } from '../../inbox/types';

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
  state: ConversationState;
  snoozed_until: number | null;
  pinned: number;
  label_ids: string | null;
}

const SUMMARY_COLUMNS = `
  c.id, c.contact_id, k.name, c.last_message_at, c.last_preview, c.last_channel, c.unread_count, c.state, c.snoozed_until, c.pinned,
  (SELECT group_concat(label_id) FROM conversation_labels cl WHERE cl.conversation_id = c.id) AS label_ids,
  (SELECT direction FROM messages m WHERE m.id = c.last_message_id) AS last_direction,
  (SELECT group_concat(DISTINCT channel) FROM identities i WHERE i.contact_id = c.contact_id) AS channels`;

/** How many of the newest conversations a channel-filtered page looks through before switching strategy. */
const CHANNEL_SCAN_WINDOW = 1000;

/** One message as the inbox row sees it: the newest one shows, customer messages reopen and count as unread. */
export interface ConversationActivity {
  id: number;
  at: number;
  preview: string;
  channel: string;
  direction: Direction;
  countsUnread: boolean;
  /** An automatic message (greeting, reminder…) that does not hand the turn to the customer. */
  keepState?: boolean;
}

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
    const r = stmt(this.db, 'INSERT INTO conversations(contact_id, last_message_at, last_channel, created_at) VALUES (?, ?, ?, ?)').run(
      contactId,
      now,
      channel,
      now,
    );
    return Number(r.lastInsertRowid);
  }

  contactId(conversationId: number): number | undefined {
    return stmt<[number], { contact_id: number }>(this.db, 'SELECT contact_id FROM conversations WHERE id = ?').get(conversationId)
      ?.contact_id;
  }

  lastInboundChannel(conversationId: number): string | null {
    return (
      stmt<[number], { c: string | null }>(this.db, 'SELECT last_inbound_channel AS c FROM conversations WHERE id = ?').get(conversationId)
        ?.c ?? null
    );
  }

  /** The channel the conversation shows as its own until a message says otherwise (Write on WhatsApp). */
  setLastChannel(conversationId: number, channel: string): void {
    stmt(this.db, 'UPDATE conversations SET last_channel = ? WHERE id = ?').run(channel, conversationId);
  }

  onMessage(conversationId: number, m: ConversationActivity): void {
    this.onMessages(conversationId, [m]);
  }

  /**
   * Several messages of one conversation, in arrival order, applied as ONE row update with the same result as one
   * onMessage per message (a burst touches the row and its activity indexes once, not once per message).
   */
  onMessages(conversationId: number, ms: readonly ConversationActivity[]): void {
    const last = ms.at(-1);
    if (!last) return;
    let at = last.at;
    let unread = 0;
    let lastIn = -1;
    ms.forEach((m, i) => {
      at = Math.max(at, m.at);
      if (m.countsUnread) unread++;
      if (m.direction === 'in') lastIn = i;
    });
    // A customer message reopens whatever the state; a later reply of the owner (one that does not keep the state)
    // hands the turn over. Without a customer message, a reply turns an open conversation into a waiting one.
    const handsOver = ms.slice(lastIn + 1).some((m) => m.direction === 'out' && !m.keepState);
    stmt(
      this.db,
      `UPDATE conversations SET last_message_id = ?, last_message_at = max(last_message_at, ?), last_preview = ?, last_channel = ?,
         last_inbound_channel = coalesce(?, last_inbound_channel),
         unread_count = unread_count + ?,
         state = CASE WHEN ? = 1 THEN (CASE WHEN ? = 1 THEN 'waiting' ELSE 'open' END)
                      WHEN state = 'open' AND ? = 1 THEN 'waiting' ELSE state END,
         snoozed_until = CASE WHEN ? = 1 THEN NULL ELSE snoozed_until END
       WHERE id = ?`,
    ).run(
      last.id,
      at,
      last.preview,
      last.channel,
      lastIn >= 0 ? ms[lastIn].channel : null,
      unread,
      lastIn >= 0 ? 1 : 0,
      handsOver ? 1 : 0,
      handsOver ? 1 : 0,
      lastIn >= 0 ? 1 : 0,
      conversationId,
    );
  }

  /** After the newest message was taken back: the row shows the one before it (activity time stays). */
  setLast(conversationId: number, last: { id: number; preview: string; channel: string } | null): void {
    stmt(
      this.db,
      'UPDATE conversations SET last_message_id = ?, last_preview = ?, last_channel = coalesce(?, last_channel) WHERE id = ?',
    ).run(last?.id ?? null, last?.preview ?? '', last?.channel ?? null, conversationId);
  }

  lastMessageId(conversationId: number): number | null {
    return (
      stmt<[number], { m: number | null }>(this.db, 'SELECT last_message_id AS m FROM conversations WHERE id = ?').get(conversationId)?.m ??
      null
    );
  }

  markRead(conversationId: number): void {
    stmt(this.db, 'UPDATE conversations SET unread_count = 0 WHERE id = ?').run(conversationId);
  }

  /** Marks as unread for later without inventing messages: an already-unread count stays as it is. */
  markUnread(conversationId: number): boolean {
    return stmt(this.db, 'UPDATE conversations SET unread_count = max(unread_count, 1) WHERE id = ?').run(conversationId).changes > 0;
  }

  setState(conversationId: number, state: ConversationState, snoozedUntil: number | null): boolean {
    return (
      stmt(this.db, 'UPDATE conversations SET state = ?, snoozed_until = ? WHERE id = ?').run(state, snoozedUntil, conversationId).changes >
      0
    );
  }

  setPinned(conversationId: number, pinned: boolean): boolean {
    return stmt(this.db, 'UPDATE conversations SET pinned = ? WHERE id = ?').run(pinned ? 1 : 0, conversationId).changes > 0;
  }

  /** Snoozed conversations whose time has come; reopened in the same statement so a second caller finds none. */
  wakeSnoozed(now: number): number[] {
    return stmt<[number], { id: number }>(
      this.db,
      `UPDATE conversations SET state = 'open', snoozed_until = NULL WHERE state = 'snoozed' AND snoozed_until <= ? RETURNING id`,
    )
      .all(now)
      .map((r) => r.id);
  }

  nextSnoozeEnd(): number | undefined {
    return (
      stmt<[], { t: number | null }>(this.db, `SELECT min(snoozed_until) AS t FROM conversations WHERE state = 'snoozed'`).get()?.t ??
      undefined
    );
  }

  /** How many conversations are in each state, plus unread and pinned, for the inbox tabs. */
  counts(): Record<ConversationState | 'unread' | 'pinned', number> {
    const out = { open: 0, waiting: 0, resolved: 0, snoozed: 0, unread: 0, pinned: 0 };
    for (const r of stmt<[], { state: ConversationState; n: number }>(
      this.db,
      'SELECT state, count(*) AS n FROM conversations GROUP BY state',
    ).all())
      out[r.state] = r.n;
    out.unread = this.unreadConversations();
    out.pinned = stmt<[], { n: number }>(this.db, 'SELECT count(*) AS n FROM conversations WHERE pinned = 1').get()!.n;
    return out;
  }

  summary(conversationId: number): ConversationSummary | undefined {
    const row = stmt<[number], ListRow>(
      this.db,
      `SELECT ${SUMMARY_COLUMNS} FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE c.id = ?`,
    ).get(conversationId);
    return row ? toSummary(row) : undefined;
  }

  /**
   * Newest activity first, keyset-paged so page 100 costs what page 1 costs. The page's ids are picked first and the
   * row details (name, labels, channels) read for those 50 only: computed before a sort, they cost ~20 µs for every
   * row the sort sees. The Active tab (open + waiting) merges two index walks instead of sorting both states; a label
   * filter starts from the label's conversations (few) instead of testing every conversation of the tab.
   */
  list(filter: InboxFilter, limit: number, cursor?: ListCursor, pinned?: boolean): ConversationSummary[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.unread) where.push('c.unread_count > 0');
    const states = filter.state === 'active' ? ['open', 'waiting'] : filter.state ? [filter.state] : [];
    if (pinned !== undefined) where.push(pinned ? 'c.pinned = 1' : 'c.pinned = 0');
    if (cursor) {
      where.push('(c.last_message_at < ? OR (c.last_message_at = ? AND c.id < ?))');
      params.push(cursor.at, cursor.at, cursor.id);
    }
    if (filter.channel) {
      const cw = [...where];
      const cp = [...params];
      if (states.length) {
        cw.push(`c.state IN (${states.map(() => '?').join(', ')})`);
        cp.push(...states);
      }
      if (filter.label !== undefined) {
        cw.push('EXISTS (SELECT 1 FROM conversation_labels cl WHERE cl.label_id = ? AND cl.conversation_id = c.id)');
        cp.push(filter.label);
      }
      return this.listOnChannel(filter.channel, cw, cp, limit);
    }
    const order = 'ORDER BY c.last_message_at DESC, c.id DESC';
    // Pinned rows are few and have their own index; "+" keeps SQLite from walking every conversation of the state
    // instead (8 ms on the Resolved tab of a 40,000-conversation shop, vs 0.02 ms).
    const stateCol = pinned ? '+c.state' : 'c.state';
    const and = (extra: string[]) => {
      const all = [...extra, ...where];
      return all.length ? 'WHERE ' + all.join(' AND ') : '';
    };
    let ids: string;
    let idParams: (string | number)[];
    if (filter.label !== undefined) {
      const stateCond = states.length ? [`c.state IN (${states.map(() => '?').join(', ')})`] : [];
      // CROSS JOIN: from the label's rows to their conversations, never the other way round.
      ids = `SELECT c.id FROM conversation_labels cl CROSS JOIN conversations c ON c.id = cl.conversation_id
        ${and(['cl.label_id = ?', ...stateCond])} ${order} LIMIT ?`;
      idParams = [filter.label, ...states, ...params, limit];
    } else if (states.length > 1) {
      ids = `${states.map(() => `SELECT c.id, c.last_message_at FROM conversations c ${and([`${stateCol} = ?`])}`).join(' UNION ALL ')}
        ORDER BY 2 DESC, 1 DESC LIMIT ?`;
      idParams = [...states.flatMap((st) => [st, ...params]), limit];
    } else {
      ids = `SELECT c.id FROM conversations c ${and(states.length ? [`${stateCol} = ?`] : [])} ${order} LIMIT ?`;
      idParams = [...states, ...params, limit];
    }
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM (${ids}) p JOIN conversations c ON c.id = p.id JOIN contacts k ON k.id = c.contact_id ${order}`;
    return stmt<(string | number)[], ListRow>(this.db, sql)
      .all(...idParams)
      .map(toSummary);
  }

  /**
   * The channel lives on the contact's identities, so no index orders "conversations on Telegram" by activity.
   * A common channel fills a page within the newest few hundred conversations; a rare one (or one nobody uses) would
   * make that walk visit every conversation (~90 ms at 40k). So: walk a bounded window of the newest conversations
   * first, and when it is not enough, start from the channel's identities and sort just those.
   */
  private listOnChannel(channel: string, where: string[], params: (string | number)[], limit: number): ConversationSummary[] {
    const cond = where.length ? 'WHERE ' + where.join(' AND ') : '';
    const onChannel = 'EXISTS (SELECT 1 FROM identities i WHERE i.contact_id = c.contact_id AND i.channel = ?)';
    const windowed = stmt<(string | number)[], ListRow>(
      this.db,
      `SELECT ${SUMMARY_COLUMNS} FROM (
         SELECT * FROM conversations c ${cond} ORDER BY c.last_message_at DESC, c.id DESC LIMIT ${CHANNEL_SCAN_WINDOW}
       ) c JOIN contacts k ON k.id = c.contact_id
       WHERE ${onChannel}
       ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?`,
    ).all(...params, channel, limit);
    if (windowed.length === limit) return windowed.map(toSummary);
    const remaining = stmt<(string | number)[], { n: number }>(
      this.db,
      `SELECT count(*) AS n FROM (SELECT 1 FROM conversations c ${cond} LIMIT ${CHANNEL_SCAN_WINDOW + 1})`,
    ).get(...params)!.n;
    if (remaining <= CHANNEL_SCAN_WINDOW) return windowed.map(toSummary);
    // CROSS JOIN keeps SQLite from turning this back into a walk over every conversation.
    const byIdentity = stmt<(string | number)[], ListRow>(
      this.db,
      `SELECT ${SUMMARY_COLUMNS} FROM (SELECT DISTINCT contact_id FROM identities WHERE channel = ?) ch
       CROSS JOIN conversations c ON c.contact_id = ch.contact_id JOIN contacts k ON k.id = c.contact_id
       ${cond} ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?`,
    ).all(channel, ...params, limit);
    return byIdentity.map(toSummary);
  }

  byIds(ids: readonly number[]): ConversationSummary[] {
    if (ids.length === 0) return [];
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM conversations c JOIN contacts k ON k.id = c.contact_id
      WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.last_message_at DESC, c.id DESC`;
    return stmt<[string], ListRow>(this.db, sql).all(JSON.stringify(ids)).map(toSummary);
  }

  /** Conversations with anything unread; walks only the partial index of unread conversations. */
  unreadConversations(): number {
    return stmt<[], { n: number }>(this.db, 'SELECT count(*) AS n FROM conversations WHERE unread_count > 0').get()!.n;
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
    state: r.state,
    snoozedUntil: r.snoozed_until,
    pinned: r.pinned === 1,
    labelIds: r.label_ids ? r.label_ids.split(',').map(Number) : [],
  };
}
