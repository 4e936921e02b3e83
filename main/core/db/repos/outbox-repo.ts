// SQL for the durable outbox. A row is written in the same transaction as its message, before any channel call.
import type { Db } from '../connection';
import { stmt } from '../statements';

export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed';

export interface OutboxRow {
  message_id: number;
  channel: string;
  address: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  /** Parts of a split message the channel confirmed (0 for a message sent in one piece or not started). */
  parts_sent: number;
  /** The channel's id of the first confirmed part: the message's external id once all parts are out. */
  first_external_id: string | null;
}

export interface PendingRow {
  messageId: number;
  channel: string;
  address: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  conversationId: number;
  preview: string;
  contactName: string;
}

export class OutboxRepo {
  constructor(private readonly db: Db) {}

  enqueue(messageId: number, channel: string, address: string, now: number): void {
    stmt(
      this.db,
      `INSERT INTO outbox(message_id, channel, address, state, attempts, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, 'queued', 0, ?, ?, ?)`,
    ).run(messageId, channel, address, now, now, now);
  }

  get(messageId: number): OutboxRow | undefined {
    return stmt<[number], OutboxRow>(this.db, 'SELECT * FROM outbox WHERE message_id = ?').get(messageId);
  }

  /** Oldest due first; FIFO per channel keeps a customer's messages in the order the owner wrote them. */
  due(now: number, limit: number): OutboxRow[] {
    return stmt<[number, number], OutboxRow>(
      this.db,
      `SELECT * FROM outbox WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, message_id LIMIT ?`,
    ).all(now, limit);
  }

  nextDueAt(): number | undefined {
    return (
      stmt<[], { t: number | null }>(this.db, `SELECT min(next_attempt_at) AS t FROM outbox WHERE state = 'queued'`).get()?.t ?? undefined
    );
  }

  /** Rows left in 'sending' by a crash: the channel call may or may not have happened. */
  inFlight(): OutboxRow[] {
    return stmt<[], OutboxRow>(this.db, `SELECT * FROM outbox WHERE state = 'sending' ORDER BY message_id`).all();
  }

  /**
   * Takes a message back before any channel saw it. Only a `queued` row qualifies; the outbox claims with
   * queued → sending in its own statement, so exactly one of the two wins and a cancel never races a send.
   */
  withdrawQueued(messageId: number): boolean {
    return stmt(this.db, `DELETE FROM outbox WHERE message_id = ? AND state = 'queued'`).run(messageId).changes > 0;
  }

  /** Rewrites a message that is still only queued (same rule as withdrawQueued); false once a channel has it. */
  editQueued(messageId: number, body: string, now: number): boolean {
    return (
      stmt(
        this.db,
        `UPDATE messages SET body = ?, updated_at = ? WHERE id = ?
           AND EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = messages.id AND o.state = 'queued')`,
      ).run(body, now, messageId).changes > 0
    );
  }

  /** Claims a row for sending. Only a queued row can be claimed: false means someone else has it (or it is settled). */
  markSending(messageId: number, now: number): boolean {
    return (
      stmt(
        this.db,
        `UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE message_id = ? AND state = 'queued'`,
      ).run(now, messageId).changes === 1
    );
  }

  /** A part of a split message was confirmed by the channel: a retry resumes after it. */
  recordPart(messageId: number, partsSent: number, firstExternalId: string, now: number): void {
    stmt(
      this.db,
      `UPDATE outbox SET parts_sent = ?, first_external_id = coalesce(first_external_id, ?), updated_at = ? WHERE message_id = ?`,
    ).run(partsSent, firstExternalId, now, messageId);
  }

  markSent(messageId: number, now: number): void {
    stmt(this.db, `UPDATE outbox SET state = 'sent', last_error = NULL, updated_at = ? WHERE message_id = ?`).run(now, messageId);
  }

  reschedule(messageId: number, at: number, error: string, now: number): void {
    stmt(this.db, `UPDATE outbox SET state = 'queued', next_attempt_at = ?, last_error = ?, updated_at = ? WHERE message_id = ?`).run(
      at,
      error,
      now,
      messageId,
    );
  }

  markFailed(messageId: number, error: string, now: number): void {
    stmt(this.db, `UPDATE outbox SET state = 'failed', last_error = ?, updated_at = ? WHERE message_id = ?`).run(error, now, messageId);
  }

  /** A channel came (back) up: whatever waits for it is due now. Pacing still applies when it is sent. */
  wakeChannel(channel: string, now: number): void {
    stmt(this.db, `UPDATE outbox SET next_attempt_at = ? WHERE state = 'queued' AND channel = ? AND next_attempt_at > ?`).run(
      now,
      channel,
      now,
    );
  }

  requeue(messageId: number, now: number): boolean {
    const r = stmt(
      this.db,
      `UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = ?, updated_at = ? WHERE message_id = ? AND state = 'failed'`,
    ).run(now, now, messageId);
    return r.changes > 0;
  }

  /**
   * Due rows of one channel, oldest first. Each channel has its own sending lane, so one stuck channel never blocks
   * another. Only the head of each recipient's queue is due: a message waiting for a retry (or cut off by a crash)
   * holds back the later ones to the same person, so they arrive in the order they were written. A failed message
   * does not hold them back; it shows its reason and a Retry button instead.
   */
  dueFor(channel: string, now: number, limit: number): OutboxRow[] {
    return stmt<[string, number, number], OutboxRow>(
      this.db,
      `SELECT * FROM outbox o WHERE o.state = 'queued' AND o.channel = ? AND o.next_attempt_at <= ?
         AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.channel = o.channel AND p.address = o.address
                         AND p.message_id < o.message_id AND p.state IN ('queued', 'sending'))
       ORDER BY o.next_attempt_at, o.message_id LIMIT ?`,
    ).all(channel, now, limit);
  }

  /** When the next row of this channel that is waiting for a retry time becomes due. */
  nextDueAfter(channel: string, now: number): number | undefined {
    return (
      stmt<[string, number], { t: number | null }>(
        this.db,
        `SELECT min(next_attempt_at) AS t FROM outbox WHERE state = 'queued' AND channel = ? AND next_attempt_at > ?`,
      ).get(channel, now)?.t ?? undefined
    );
  }

  queuedChannels(): string[] {
    return stmt<[], { channel: string }>(this.db, `SELECT DISTINCT channel FROM outbox WHERE state = 'queued'`)
      .all()
      .map((r) => r.channel);
  }

  /** Channel calls made on a channel since `since` (sent, failed or cut off), for pacing after a restart. */
  attemptsSince(channel: string, since: number): { channel: string; address: string; at: number }[] {
    return stmt<[string, number], { channel: string; address: string; at: number }>(
      this.db,
      `SELECT channel, address, updated_at AS at FROM outbox
       WHERE channel = ? AND updated_at >= ? AND state IN ('sent', 'failed', 'sending') ORDER BY updated_at`,
    ).all(channel, since);
  }

  /** Whether this address ever wrote to us on this channel (messaging people who never wrote first is what gets numbers banned). */
  addressHasWritten(channel: string, address: string): boolean {
    return (
      stmt<[string, string], { x: number }>(
        this.db,
        `SELECT 1 AS x FROM identities i
         JOIN conversations c ON c.contact_id = i.contact_id
         JOIN messages m ON m.conversation_id = c.id AND m.identity_id = i.id AND m.direction = 'in'
         WHERE i.channel = ? AND i.external_id = ? LIMIT 1`,
      ).get(channel, address) !== undefined
    );
  }

  /** What is waiting to go out, oldest first, with who it is for and the start of the text. */
  pending(limit: number): PendingRow[] {
    return stmt<[number], PendingRow>(
      this.db,
      `SELECT o.message_id AS messageId, o.channel, o.address, o.state, o.attempts, o.next_attempt_at AS nextAttemptAt,
              o.last_error AS lastError, o.created_at AS createdAt, m.conversation_id AS conversationId,
              substr(m.body, 1, 120) AS preview, coalesce(ct.name, o.address) AS contactName
       FROM outbox o JOIN messages m ON m.id = o.message_id
       JOIN conversations cv ON cv.id = m.conversation_id JOIN contacts ct ON ct.id = cv.contact_id
       WHERE o.state IN ('queued', 'sending') ORDER BY o.message_id LIMIT ?`,
    ).all(limit);
  }

  /**
   * Progress of the current batch per channel: what is waiting, and what was sent or failed since the oldest waiting
   * message was queued ("12 of 40 sent" while a bulk send drains). Index outbox_channel_updated makes it a range read.
   */
  batchProgress(): { channel: string; done: number; failed: number; pending: number }[] {
    return stmt<[], { channel: string; done: number; failed: number; pending: number }>(
      this.db,
      `WITH head AS (SELECT channel, min(created_at) AS since, count(*) AS pending FROM outbox WHERE state IN ('queued', 'sending') GROUP BY channel)
       SELECT h.channel, h.pending,
         (SELECT count(*) FROM outbox o WHERE o.channel = h.channel AND o.updated_at >= h.since AND o.state = 'sent') AS done,
         (SELECT count(*) FROM outbox o WHERE o.channel = h.channel AND o.updated_at >= h.since AND o.state = 'failed') AS failed
       FROM head h ORDER BY h.channel`,
    ).all();
  }

  counts(): Record<OutboxState, number> {
    const out: Record<OutboxState, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
    for (const r of stmt<[], { state: OutboxState; n: number }>(this.db, 'SELECT state, count(*) AS n FROM outbox GROUP BY state').all()) {
      out[r.state] = r.n;
    }
    return out;
  }
}
