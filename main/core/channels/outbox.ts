// Durable sending for every outgoing message (manual, auto-reply, reminder, order status).
// The message and its outbox row are committed before the channel is called; a worker per channel then moves
// queued → sending → sent, retries transient errors with backoff, marks permanent errors failed, and waits for
// pacing and for channels that are down. One lane per channel: a channel that hangs never holds up another.
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { EventBus } from '../events';
import type { MessagesRepo } from '../db/repos/messages-repo';
import type { OutboxRepo, OutboxRow } from '../db/repos/outbox-repo';
import { ChannelSendError, type Channel, type SendRequest } from './channel';
import type { ChannelHub } from './hub';
import type { OutgoingMedia } from '../media/types';

export interface OutboxOptions {
  maxAttempts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** A channel call that takes longer is treated as "outcome unknown" and checked (or retried) later. */
  sendTimeoutMs: number;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = {
  maxAttempts: 8,
  baseBackoffMs: 2_000,
  maxBackoffMs: 5 * 60_000,
  sendTimeoutMs: 120_000,
};

/** Decides whether a channel may send right now (pacing). Returns the earliest time it may, or 0 for now. */
export interface SendGate {
  nextAllowedAt(row: OutboxRow, now: number): number;
  recordSend(row: OutboxRow, now: number): void;
}

/**
 * last_error of a row whose previous channel call may or may not have reached the customer. Such a row is first
 * looked up with channel.findSent (where the channel can) before it is sent again.
 */
export const UNCONFIRMED = 'Unconfirmed:';
export const INTERRUPTED_NOTE = `${UNCONFIRMED} Lavka stopped while this was being sent; checking before sending again`;
export const TIMEOUT_NOTE = `${UNCONFIRMED} the channel did not answer in time; checking before sending again`;

const BATCH = 100;

interface Lane {
  channel: string;
  running: boolean;
  rerun: boolean;
  timer: unknown;
  idle: Promise<void>;
  /** Earliest time pacing lets the head of this lane go, when it is waiting for pacing. */
  gatedUntil: number | null;
}

class SendTimeout extends Error {}

export class Outbox {
  private readonly lanes = new Map<string, Lane>();
  private stopped = true;
  private gate: SendGate | null = null;

  constructor(
    private readonly db: Db,
    private readonly repo: OutboxRepo,
    private readonly messages: MessagesRepo,
    private readonly hub: ChannelHub,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly opts: OutboxOptions = DEFAULT_OUTBOX_OPTIONS,
    /** The file a queued message carries (the media domain). */
    private readonly attachmentOf: (messageId: number) => OutgoingMedia | undefined = () => undefined,
  ) {
    hub.onStatus((s) => {
      if (s.state === 'connected') this.kick(s.channel);
    });
  }

  setGate(gate: SendGate | null): void {
    this.gate = gate;
    this.kick();
  }

  /**
   * Starts the workers. Rows a crash left in 'sending' go back to the queue marked unconfirmed: the channel call may
   * have happened, so channels that can look up what they sent do so before sending again (WhatsApp), channels that
   * dedupe by Lavka's message id do (sandbox), and the rest accept a one-message duplicate window (Telegram).
   */
  start(): void {
    const now = this.clock.now();
    const inFlight = this.repo.inFlight();
    if (inFlight.length) {
      this.db.transaction(() => {
        for (const row of inFlight) {
          this.repo.reschedule(row.message_id, now, INTERRUPTED_NOTE, now);
          this.messages.setStatus(row.message_id, 'queued', now);
        }
      })();
    }
    this.stopped = false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const lane of this.lanes.values()) {
      if (lane.timer) this.clock.clearTimeout(lane.timer);
      lane.timer = null;
    }
    await Promise.all([...this.lanes.values()].map((l) => l.idle));
  }

  /** Wake the workers now (a message was queued, a channel came up, pacing changed). No channel: every lane. */
  kick(channel?: string): void {
    if (this.stopped) return;
    const channels = channel ? [channel] : new Set([...this.repo.queuedChannels(), ...this.lanes.keys()]);
    for (const ch of channels) this.kickLane(this.lane(ch));
  }

  /** Resolves when no lane has anything it can send right now. For tests and orderly shutdown. */
  async settle(): Promise<void> {
    for (;;) {
      const busy = [...this.lanes.values()].filter((l) => l.running);
      if (busy.length === 0) return;
      await Promise.all(busy.map((l) => l.idle));
    }
  }

  retry(messageId: number): boolean {
    const now = this.clock.now();
    const ok = this.repo.requeue(messageId, now);
    if (ok) {
      this.messages.setStatus(messageId, 'queued', now);
      this.emitMessage(messageId);
      const row = this.repo.get(messageId);
      this.kick(row?.channel);
    }
    return ok;
  }

  /** Pacing wait of each lane (for the queue view): when its next message may go, if it is waiting for pacing. */
  gatedUntil(channel: string): number | null {
    return this.lanes.get(channel)?.gatedUntil ?? null;
  }

  private lane(channel: string): Lane {
    let lane = this.lanes.get(channel);
    if (!lane) {
      lane = { channel, running: false, rerun: false, timer: null, idle: Promise.resolve(), gatedUntil: null };
      this.lanes.set(channel, lane);
    }
    return lane;
  }

  private kickLane(lane: Lane): void {
    if (this.stopped) return;
    if (lane.running) {
      lane.rerun = true;
      return;
    }
    if (lane.timer) this.clock.clearTimeout(lane.timer);
    lane.timer = null;
    lane.idle = this.drain(lane);
  }

  private async drain(lane: Lane): Promise<void> {
    lane.running = true;
    try {
      do {
        lane.rerun = false;
        while (!this.stopped && (await this.step(lane))) {
          // keep sending while something can go now
        }
      } while (lane.rerun && !this.stopped);
    } catch (err) {
      // A database error here must not become an unhandled rejection; the timer below tries again later.
      console.error(`[outbox] ${lane.channel} lane failed`, err);
    } finally {
      lane.running = false;
      this.scheduleNext(lane);
    }
  }

  /** Sends the first due row pacing allows. Returns false when nothing more can go right now. */
  private async step(lane: Lane): Promise<boolean> {
    lane.gatedUntil = null;
    const channel = this.hub.get(lane.channel);
    // A channel that is down is not an attempt: rows stay queued, and its 'connected' status wakes the lane.
    if (!channel || !this.hub.isConnected(lane.channel)) return false;
    const now = this.clock.now();
    const due = this.repo.dueFor(lane.channel, now, BATCH);
    for (const row of due) {
      const allowedAt = this.gate?.nextAllowedAt(row, now) ?? 0;
      if (allowedAt > now) {
        lane.gatedUntil = Math.min(lane.gatedUntil ?? Infinity, allowedAt);
        continue;
      }
      lane.gatedUntil = null;
      await this.sendOne(channel, row);
      return true;
    }
    return false;
  }

  private async sendOne(channel: Channel, row: OutboxRow): Promise<void> {
    const msg = this.messages.get(row.message_id);
    if (!msg) return;
    const now = this.clock.now();
    // The claim is conditional: a row that is no longer queued (settled, or claimed by another worker) is not sent.
    const claimed = this.db.transaction(() => {
      if (!this.repo.markSending(row.message_id, now)) return false;
      this.messages.setStatus(row.message_id, 'sending', now);
      return true;
    })();
    if (!claimed) return;
    this.emitMessage(row.message_id);
    const media = msg.media ? this.attachmentOf(row.message_id) : undefined;
    const req: SendRequest = {
      messageId: row.message_id,
      address: row.address,
      text: msg.body,
      partsSent: row.parts_sent,
      firstExternalId: row.first_external_id,
      onPart: (partsSent, firstExternalId) => this.recordPart(row, partsSent, firstExternalId),
      ...(media ? { media } : {}),
    };
    let externalId: string | null;
    try {
      externalId = await this.alreadySent(channel, row, req, msg.createdAt);
      if (externalId === null) {
        this.gate?.recordSend(row, now);
        externalId = (await this.withTimeout(channel.send(req))).externalId;
      }
    } catch (err) {
      this.onSendError(row, err);
      this.emitMessage(row.message_id);
      return;
    }
    // The channel has the message now. Recording that must not fail into the retry path (that would send it twice).
    this.recordSent(row, externalId);
    this.emitMessage(row.message_id);
  }

  /** Durable before the next part goes: a crash after this line resends no confirmed part. */
  private recordPart(row: OutboxRow, partsSent: number, firstExternalId: string): void {
    try {
      this.repo.recordPart(row.message_id, partsSent, firstExternalId, this.clock.now());
    } catch (err) {
      // Not recorded means this part may go again after a crash; sending must not stop for it.
      console.error(
        `[outbox] message ${row.message_id}: part ${partsSent} was sent but could not be recorded`,
        err instanceof Error ? err.message : String(err),
      );
    }
  }

  /** For an unconfirmed row: the id of the copy the channel already has, if it can tell. */
  private async alreadySent(channel: Channel, row: OutboxRow, req: SendRequest, since: number): Promise<string | null> {
    if (!row.last_error?.startsWith(UNCONFIRMED) || !channel.findSent) return null;
    const ids = await this.withTimeout(channel.findSent(req, since));
    return ids.find((id) => !this.messages.existsExternal(row.channel, id)) ?? null;
  }

  private recordSent(row: OutboxRow, externalId: string): void {
    const done = this.clock.now();
    try {
      this.db.transaction(() => {
        this.repo.markSent(row.message_id, done);
        if (!this.messages.existsExternal(row.channel, externalId)) this.messages.setExternalId(row.message_id, externalId, done);
        // An ack can race ahead of the send's own reply; never move a delivered/read message back to "sent".
        const cur = this.messages.get(row.message_id);
        if (cur && (cur.status === 'sending' || cur.status === 'queued')) this.messages.setStatus(row.message_id, 'sent', done);
      })();
    } catch (err) {
      console.error(`[outbox] message ${row.message_id} was sent but could not be recorded`, err);
      this.repo.markSent(row.message_id, done);
      this.messages.setStatus(row.message_id, 'sent', done);
    }
  }

  private onSendError(row: OutboxRow, err: unknown): void {
    const now = this.clock.now();
    const timedOut = err instanceof SendTimeout;
    const message = timedOut ? TIMEOUT_NOTE : err instanceof Error ? err.message : String(err);
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
    // An unconfirmed row stays unconfirmed until a later attempt settles it, whatever that attempt's error was.
    const note = !timedOut && row.last_error?.startsWith(UNCONFIRMED) ? row.last_error : message;
    this.db.transaction(() => {
      this.repo.reschedule(row.message_id, now + backoff, note, now);
      this.messages.setStatus(row.message_id, 'queued', now, message);
    })();
  }

  private withTimeout<T>(p: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => reject(new SendTimeout('send timed out')), this.opts.sendTimeoutMs);
      p.then(
        (v) => {
          this.clock.clearTimeout(timer);
          resolve(v);
        },
        (e: unknown) => {
          this.clock.clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  private scheduleNext(lane: Lane): void {
    if (this.stopped || !this.hub.isConnected(lane.channel)) return;
    const now = this.clock.now();
    const candidates = [this.repo.nextDueAfter(lane.channel, now), lane.gatedUntil ?? undefined].filter(
      (t): t is number => t !== undefined,
    );
    if (candidates.length === 0) return;
    const delay = Math.max(0, Math.min(...candidates) - now);
    lane.timer = this.clock.setTimeout(() => {
      lane.timer = null;
      this.kickLane(lane);
    }, delay);
  }

  private emitMessage(messageId: number): void {
    const m = this.messages.get(messageId);
    if (m) this.events.emit('message.updated', { conversationId: m.conversationId, message: m });
  }
}
