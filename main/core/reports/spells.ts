// Keeps report_spells in step with messages: reads messages newer than its mark (by id), in batches, and turns them
// into waiting spells (see figures.ts for the definition). A message that arrives out of time order (a backfill, a
// merge) makes its conversation "dirty"; dirty conversations are derived again from all their messages.
//
// WHO WROTE A MESSAGE is decided here, in ORIGIN: today a message has direction + author, and reminders, order status
// notices and opt-out confirmations are written with author 'owner'; they are told apart by the rows that point at
// them. When messages gain an `origin` column (customer, owner, assistant, reminder, order_status, system), ORIGIN
// becomes `m.origin` and the three lookups go; nothing else changes.
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';

export type Origin = 'customer' | 'owner' | 'assistant' | 'reminder' | 'order_status' | 'system';

const ORIGIN = `CASE
    WHEN m.direction = 'in' THEN 'customer'
    WHEN m.author = 'system' OR m.channel = 'system' THEN 'system'
    WHEN m.author = 'assistant' THEN 'assistant'
    WHEN EXISTS (SELECT 1 FROM reminders r WHERE r.message_id = m.id) THEN 'reminder'
    WHEN EXISTS (SELECT 1 FROM order_events e WHERE e.message_id = m.id AND e.kind = 'status' AND e.message_id IS NOT NULL) THEN 'order_status'
    WHEN m.id IN (SELECT confirmation_message_id FROM contact_optouts WHERE confirmation_message_id IS NOT NULL) THEN 'system'
    ELSE 'owner'
  END`;

interface Msg {
  id: number;
  cid: number;
  at: number;
  channel: string;
  origin: Origin;
}

interface SpellState {
  /** The spell's key: (startAt, startMessageId). */
  startMessageId: number;
  startAt: number;
  lastAt: number;
  replyAt: number | null;
}

export interface Backlog {
  /** Messages read so far / messages there are (by id). */
  done: number;
  total: number;
}

const BATCH = 5000;

export class SpellsBuilder {
  constructor(private readonly db: Db) {}

  backlog(): Backlog {
    const mark = this.mark();
    const r = stmt<[number], { left: number; total: number }>(
      this.db,
      `SELECT (SELECT count(*) FROM messages WHERE id > ?) AS left, (SELECT count(*) FROM messages) AS total`,
    ).get(mark)!;
    return { done: r.total - r.left, total: r.total };
  }

  private mark(): number {
    return stmt<[], { last_message_id: number }>(this.db, 'SELECT last_message_id FROM report_spells_progress WHERE id = 1').get()!
      .last_message_id;
  }

  /** Whether messages newer than the mark exist (cheap: one index probe). */
  behind(): boolean {
    return stmt<[number], { x: number }>(this.db, 'SELECT 1 AS x FROM messages WHERE id > ? LIMIT 1').get(this.mark()) !== undefined;
  }

  /**
   * Reads up to `maxMessages` new messages into spells, one transaction per batch. Returns true when caught up.
   */
  catchUp(maxMessages: number): boolean {
    let left = maxMessages;
    while (left > 0) {
      const n = this.db.transaction(() => this.step(Math.min(BATCH, left))).immediate();
      left -= n;
      if (n === 0) return true;
    }
    return !this.behind();
  }

  private step(limit: number): number {
    const mark = this.mark();
    const batch = stmt<[number, number], Msg>(
      this.db,
      `SELECT m.id, m.conversation_id AS cid, m.created_at AS at, m.channel, ${ORIGIN} AS origin
       FROM messages m WHERE m.id > ? ORDER BY m.id LIMIT ?`,
    ).all(mark, limit);
    const states = new Map<number, SpellState | null>();
    const dirty = new Set<number>();
    for (const m of batch) {
      if (m.origin !== 'customer' && m.origin !== 'owner' && m.origin !== 'assistant') continue;
      if (dirty.has(m.cid)) continue;
      let s = states.get(m.cid);
      if (s === undefined) {
        s = this.lastSpell(m.cid);
        states.set(m.cid, s);
      }
      // Older than what this conversation already holds: derive the whole conversation again below.
      if (s && m.at < Math.max(s.lastAt, s.replyAt ?? 0)) {
        dirty.add(m.cid);
        continue;
      }
      states.set(m.cid, this.apply(m, s));
    }
    if (batch.length) {
      stmt(this.db, 'UPDATE report_spells_progress SET last_message_id = ? WHERE id = 1').run(batch[batch.length - 1].id);
    }
    for (const cid of dirty) stmt(this.db, 'INSERT OR IGNORE INTO report_spells_dirty(conversation_id) VALUES (?)').run(cid);
    this.rebuildDirty();
    return batch.length;
  }

  /** One message applied to a conversation's newest spell; returns the newest spell afterwards. */
  private apply(m: Msg, s: SpellState | null): SpellState | null {
    if (m.origin === 'customer') {
      if (s && s.replyAt === null) {
        stmt(this.db, 'UPDATE report_spells SET messages = messages + 1, last_at = ? WHERE start_at = ? AND start_message_id = ?').run(
          m.at,
          s.startAt,
          s.startMessageId,
        );
        return { ...s, lastAt: m.at };
      }
      if (s)
        stmt(this.db, 'UPDATE report_spells SET next_at = ? WHERE start_at = ? AND start_message_id = ?').run(
          m.at,
          s.startAt,
          s.startMessageId,
        );
      stmt(
        this.db,
        `INSERT INTO report_spells(conversation_id, start_at, start_message_id, channel, last_at, prev_reply_at) VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(m.cid, m.at, m.id, m.channel, m.at, s?.replyAt ?? null);
      return { startMessageId: m.id, startAt: m.at, lastAt: m.at, replyAt: null };
    }
    if (s && s.replyAt === null) {
      stmt(this.db, 'UPDATE report_spells SET reply_at = ?, replier = ? WHERE start_at = ? AND start_message_id = ?').run(
        m.at,
        m.origin,
        s.startAt,
        s.startMessageId,
      );
      return { ...s, replyAt: m.at };
    }
    return s;
  }

  private lastSpell(cid: number): SpellState | null {
    const r = stmt<[number], SpellState>(
      this.db,
      `SELECT start_message_id AS startMessageId, start_at AS startAt, last_at AS lastAt, reply_at AS replyAt FROM report_spells
       WHERE conversation_id = ? ORDER BY start_at DESC, start_message_id DESC LIMIT 1`,
    ).get(cid);
    return r ?? null;
  }

  /** Derives dirty conversations again from all their messages up to the mark, in time order. */
  private rebuildDirty(): void {
    const mark = this.mark();
    const dirty = stmt<[], { conversation_id: number }>(this.db, 'SELECT conversation_id FROM report_spells_dirty').all();
    for (const { conversation_id: cid } of dirty) {
      stmt(this.db, 'DELETE FROM report_spells WHERE conversation_id = ?').run(cid);
      const msgs = stmt<[number, number], Msg>(
        this.db,
        `SELECT m.id, m.conversation_id AS cid, m.created_at AS at, m.channel, ${ORIGIN} AS origin
         FROM messages m WHERE m.conversation_id = ? AND m.id <= ? ORDER BY m.created_at, m.id`,
      ).all(cid, mark);
      let s: SpellState | null = null;
      for (const m of msgs) if (m.origin === 'customer' || m.origin === 'owner' || m.origin === 'assistant') s = this.apply(m, s);
      stmt(this.db, 'DELETE FROM report_spells_dirty WHERE conversation_id = ?').run(cid);
    }
  }
}
