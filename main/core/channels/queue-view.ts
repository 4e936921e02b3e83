// What Settings → Queue shows about the outbox: per channel, how far its messages are, what the next one waits for
// (the channel, pacing or a retry) and when it may go; and the waiting messages themselves. Reads only.
import type { Clock } from '../clock';
import type { OutboxRepo, PendingRow } from '../db/repos/outbox-repo';
import type { ChannelState } from './channel';
import type { ChannelHub } from './hub';
import type { Outbox } from './outbox';
import type { PacingGate, PacingSettings } from './pacing';

export interface QueueChannel {
  channel: string;
  state: ChannelState;
  pending: number;
  done: number;
  failed: number;
  sentLastHour: number;
  hourlyCap: number | null;
  /** When the next message of this channel may go (pacing or retry), or null when it goes as soon as it can. */
  nextSendAt: number | null;
  waitingFor: 'channel' | 'pacing' | 'retry' | null;
}

export interface QueueView {
  now: number;
  channels: QueueChannel[];
  items: PendingRow[];
}

export function queueView(
  d: { clock: Clock; outboxRepo: OutboxRepo; hub: ChannelHub; outbox: Outbox },
  gate: PacingGate,
  rules: PacingSettings,
  limit: number,
): QueueView {
  const now = d.clock.now();
  const items = d.outboxRepo.pending(limit);
  const pacing = rules as Partial<Record<string, PacingSettings['whatsapp']>>;
  const channels = d.outboxRepo.batchProgress().map((p): QueueChannel => {
    const state = d.hub.status(p.channel).state;
    const gated = d.outbox.gatedUntil(p.channel);
    const nextRetry = d.outboxRepo.nextDueAfter(p.channel, now) ?? null;
    const waitingFor = state !== 'connected' ? 'channel' : gated ? 'pacing' : nextRetry && !hasDue(items, p.channel, now) ? 'retry' : null;
    return {
      channel: p.channel,
      state,
      pending: p.pending,
      done: p.done,
      failed: p.failed,
      sentLastHour: gate.sentLastHour(p.channel, now),
      hourlyCap: pacing[p.channel]?.hourlyCap ?? null,
      nextSendAt: waitingFor === 'pacing' ? gated : waitingFor === 'retry' ? nextRetry : null,
      waitingFor,
    };
  });
  return { now, channels, items };
}

function hasDue(items: PendingRow[], channel: string, now: number): boolean {
  return items.some((i) => i.channel === channel && (i.state === 'sending' || i.nextAttemptAt <= now));
}
