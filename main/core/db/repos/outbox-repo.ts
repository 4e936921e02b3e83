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
    return stmt<[], { t: number | null }>(this.db, `SELECT min(next_attempt_at) AS t FROM outbox WHERE state = 'queued'`).get()?.t ?? undefined;
  }

  /** Rows left in 'sending' by a crash: the channel call may or may not have happened. */
  inFlight(): OutboxRow[] {
    return stmt<[], OutboxRow>(this.db, `SELECT * FROM outbox WHERE state = 'sending' ORDER BY message_id`).all();
  }

  markSending(messageId: number, now: number): void {
    stmt(this.db, `UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE message_id = ?`).run(now, messageId);
  }

  markSent(messageId: number, now: number): void {
    stmt(this.db, `UPDATE outbox SET state = 'sent', last_error = NULL, updated_at = ? WHERE message_id = ?`).run(now, messageId);
  }

  reschedule(messageId: number, at: number, error: string, now: number): void {
    stmt(
      this.db,
      `UPDATE outbox SET state = 'queued', next_attempt_at = ?, last_error = ?, updated_at = ? WHERE message_id = ?`,
    ).run(at, error, now, messageId);
  }

  markFailed(messageId: number, error: string, now: number): void {
    stmt(this.db, `UPDATE outbox SET state = 'failed', last_error = ?, updated_at = ? WHERE message_id = ?`).run(error, now, messageId);
  }

  /** A channel came (back) up: whatever waits for it is due now. Pacing still applies when it is sent. */
  wakeChannel(channel: string, now: number): void {
    stmt(this.db, `UPDATE outbox SET next_attempt_at = ? WHERE state = 'queued' AND channel = ? AND next_attempt_at > ?`).run(now, channel, now);
  }

  requeue(messageId: number, now: number): boolean {
    const r = stmt(
      this.db,
      `UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = ?, updated_at = ? WHERE message_id = ? AND state = 'failed'`,
    ).run(now, now, messageId);
    return r.changes > 0;
  }

  counts(): Record<OutboxState, number> {
    const out: Record<OutboxState, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
    for (const r of stmt<[], { state: OutboxState; n: number }>(this.db, 'SELECT state, count(*) AS n FROM outbox GROUP BY state').all()) {
      out[r.state] = r.n;
    }
    return out;
  }
}
