// Durable sending for every outgoing message (manual, auto-reply, reminder, order status).
// The message and its outbox row are committed before the channel is called; the worker then moves
// queued → sending → sent, retries transient errors with backoff, and marks permanent errors failed.
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { EventBus } from '../events';
import type { MessagesRepo } from '../db/repos/messages-repo';
import type { OutboxRepo, OutboxRow } from '../db/repos/outbox-repo';
import { ChannelSendError } from './channel';
import type { ChannelHub } from './hub';

export interface OutboxOptions {
  maxAttempts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** How long to wait before looking again at a channel that is not connected. */
  channelDownRetryMs: number;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = {
  maxAttempts: 8,
  baseBackoffMs: 2_000,
  maxBackoffMs: 5 * 60_000,
  channelDownRetryMs: 5_000,
};

/** Decides whether a channel may send right now (pacing). Returns the earliest time it may, or 0 for now. */
export interface SendGate {
  nextAllowedAt(row: OutboxRow, now: number): number;
  recordSend(row: OutboxRow, now: number): void;
}

export class Outbox {
  private timer: unknown = null;
  private running = false;
  private stopped = true;
  private rerun = false;
  private gate: SendGate | null = null;
  private idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly repo: OutboxRepo,
    private readonly messages: MessagesRepo,
    private readonly hub: ChannelHub,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly opts: OutboxOptions = DEFAULT_OUTBOX_OPTIONS,
  ) {
    hub.onStatus((s) => {
      if (s.state !== 'connected' || this.stopped) return;
      this.repo.wakeChannel(s.channel, this.clock.now());
      this.kick();
    });
  }

  setGate(gate: SendGate | null): void {
    this.gate = gate;
  }

  /**
   * Starts the worker. Rows a crash left in 'sending' go back to the queue: the channel call may have happened,
   * so channels that can dedupe by Lavka's message id do; the rest accept a one-message duplicate window.
   */
  start(): void {
    const now = this.clock.now();
    for (const row of this.repo.inFlight()) {
      this.repo.reschedule(row.message_id, now, 'Interrupted while sending; retrying', now);
      this.messages.setStatus(row.message_id, 'queued', now);
    }
    this.stopped = false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
    await this.idle;
  }

  /** Wake the worker now (a message was queued, a channel came up). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.idle = this.drain();
  }

  /** Resolves when the worker has nothing due right now. For tests and orderly shutdown. */
  async settle(): Promise<void> {
    do {
      await this.idle;
    } while (this.running);
  }

  retry(messageId: number): boolean {
    const now = this.clock.now();
    const ok = this.repo.requeue(messageId, now);
    if (ok) {
      this.messages.setStatus(messageId, 'queued', now);
      this.emitMessage(messageId);
      this.kick();
    }
    return ok;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      do {
        this.rerun = false;
        while (!this.stopped) {
          const now = this.clock.now();
          const due = this.repo.due(now, 50);
          if (due.length === 0) break;
          let progressed = false;
          for (const row of due) {
            if (this.stopped) break;
            if (await this.sendOne(row)) progressed = true;
          }
          if (!progressed) break;
        }
      } while (this.rerun && !this.stopped);
    } finally {
      this.running = false;
      this.scheduleNext();
    }
  }

  /** Returns true when the row left the due set at its current time (sent, failed, or rescheduled). */
  private async sendOne(row: OutboxRow): Promise<boolean> {
    const channel = this.hub.get(row.channel);
    const now = this.clock.now();
    if (!channel || !this.hub.isConnected(row.channel)) {
      // Waiting for a channel is not an attempt: the message stays queued and the owner sees the channel is down.
      this.repo.reschedule(row.message_id, now + this.opts.channelDownRetryMs, `${row.channel} is not connected`, now);
      return true;
    }
    const allowedAt = this.gate?.nextAllowedAt(row, now) ?? 0;
    if (allowedAt > now) {
      this.repo.reschedule(row.message_id, allowedAt, row.last_error ?? '', now);
      return true;
    }
    const msg = this.messages.get(row.message_id);
    if (!msg) return true;
    this.db.transaction(() => {
      this.repo.markSending(row.message_id, now);
      this.messages.setStatus(row.message_id, 'sending', now);
    })();
    this.emitMessage(row.message_id);
    this.gate?.recordSend(row, now);
    try {
      const { externalId } = await channel.send({ messageId: row.message_id, address: row.address, text: msg.body });
      const done = this.clock.now();
      this.db.transaction(() => {
        this.repo.markSent(row.message_id, done);
        this.messages.setExternalId(row.message_id, externalId, done);
        // An ack can race ahead of the send's own reply; never move a delivered/read message back to "sent".
        const cur = this.messages.get(row.message_id);
        if (cur && (cur.status === 'sending' || cur.status === 'queued')) this.messages.setStatus(row.message_id, 'sent', done);
      })();
    } catch (err) {
      this.onSendError(row, err);
    }
    this.emitMessage(row.message_id);
    return true;
  }

  private onSendError(row: OutboxRow, err: unknown): void {
    const now = this.clock.now();
    const message = err instanceof Error ? err.message : String(err);
    const permanent = err instanceof ChannelSendError && err.permanent;
    const attempts = row.attempts + 1;
    if (permanent || attempts >= this.opts.maxAttempts) {
      this.db.transaction(() => {
        this.repo.markFailed(row.message_id, message, now);
        this.messages.setStatus(row.message_id, 'failed', now, message);
      })();
      return;
    }
    const retryAfter = err instanceof ChannelSendError ? err.retryAfterMs : undefined;
    const backoff = retryAfter ?? Math.min(this.opts.maxBackoffMs, this.opts.baseBackoffMs * 2 ** (attempts - 1));
    this.db.transaction(() => {
      this.repo.reschedule(row.message_id, now + backoff, message, now);
      this.messages.setStatus(row.message_id, 'queued', now, message);
    })();
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    const next = this.repo.nextDueAt();
    if (next === undefined) return;
    const delay = Math.max(0, next - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.kick();
    }, delay);
  }

  private emitMessage(messageId: number): void {
    const m = this.messages.get(messageId);
    if (m) this.events.emit('message.updated', { conversationId: m.conversationId, message: m });
  }
}
