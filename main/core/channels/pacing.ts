// Pacing: how fast Lavka may send on each channel. WhatsApp bans numbers that send in bursts or write to people
// who never wrote first, so every send waits for a minimum gap and an hourly cap, both stricter for "cold" contacts.
// The gate only answers "when may this row go?"; the outbox does the waiting, so nothing here sleeps.
import { z } from 'zod';
import type { OutboxRow } from '../db/repos/outbox-repo';
import type { SendGate } from './outbox';

const HOUR = 60 * 60_000;

export const channelPacingSchema = z
  .object({
    /** Minimum time between two sends on this channel. */
    minGapSeconds: z.number().min(0).max(3600),
    /** Most sends in any 60 minutes. */
    hourlyCap: z.number().int().min(1).max(100_000),
    /** Minimum time since the previous send to someone who never wrote first. */
    coldMinGapSeconds: z.number().min(0).max(3600),
    /** Most sends per 60 minutes to people who never wrote first. */
    coldHourlyCap: z.number().int().min(1).max(100_000),
  })
  .refine((p) => p.coldMinGapSeconds >= p.minGapSeconds, {
    message: 'The gap for people who never wrote first cannot be shorter than the normal gap',
    path: ['coldMinGapSeconds'],
  })
  .refine((p) => p.coldHourlyCap <= p.hourlyCap, {
    message: 'The hourly limit for people who never wrote first cannot be higher than the normal limit',
    path: ['coldHourlyCap'],
  });
export type ChannelPacing = z.infer<typeof channelPacingSchema>;

export const pacingSchema = z.object({ whatsapp: channelPacingSchema, telegram: channelPacingSchema });
export type PacingSettings = z.infer<typeof pacingSchema>;

export const DEFAULT_PACING: PacingSettings = {
  // A person-like rhythm: one message every few seconds at most, a minute apart for people who never wrote.
  whatsapp: { minGapSeconds: 5, hourlyCap: 120, coldMinGapSeconds: 60, coldHourlyCap: 20 },
  // Bots can only write to people who started them, and Telegram answers bursts with 429 retry_after, which the
  // outbox honours; so Telegram is not slowed down by default.
  telegram: { minGapSeconds: 0, hourlyCap: 2000, coldMinGapSeconds: 0, coldHourlyCap: 2000 },
};

interface SendRecord {
  at: number;
  cold: boolean;
}

export interface PacingDeps {
  rules(): Partial<Record<string, ChannelPacing>>;
  /** True when the address never wrote to us on this channel. */
  isCold(channel: string, address: string): boolean;
}

export class PacingGate implements SendGate {
  private readonly history = new Map<string, SendRecord[]>();
  /** Warm stays warm; cold answers are re-checked after a while because the customer may have written since. */
  private readonly coldCache = new Map<string, { cold: boolean; at: number }>();

  constructor(private readonly deps: PacingDeps) {}

  /** Restores the last hour of sends (after a restart the hourly cap must still hold). */
  seed(records: { channel: string; address: string; at: number }[]): void {
    for (const r of records) this.push(r.channel, { at: r.at, cold: this.cold(r.channel, r.address, r.at) });
  }

  nextAllowedAt(row: OutboxRow, now: number): number {
    const rule = this.deps.rules()[row.channel];
    if (!rule) return 0;
    const cold = this.cold(row.channel, row.address, now);
    const all = this.window(row.channel, now);
    let at = 0;
    const last = all.at(-1);
    if (last) at = Math.max(at, last.at + rule.minGapSeconds * 1000);
    if (all.length >= rule.hourlyCap) at = Math.max(at, all[all.length - rule.hourlyCap].at + HOUR);
    if (cold) {
      const colds = all.filter((r) => r.cold);
      const lastCold = colds.at(-1);
      if (lastCold) at = Math.max(at, lastCold.at + rule.coldMinGapSeconds * 1000);
      if (colds.length >= rule.coldHourlyCap) at = Math.max(at, colds[colds.length - rule.coldHourlyCap].at + HOUR);
    }
    return at;
  }

  recordSend(row: OutboxRow, now: number): void {
    this.push(row.channel, { at: now, cold: this.cold(row.channel, row.address, now) });
  }

  /** Sends in the last hour on a channel, for the queue view. */
  sentLastHour(channel: string, now: number): number {
    return this.window(channel, now).length;
  }

  private push(channel: string, rec: SendRecord): void {
    const list = this.history.get(channel) ?? [];
    list.push(rec);
    this.history.set(channel, list);
  }

  private window(channel: string, now: number): SendRecord[] {
    const list = this.history.get(channel);
    if (!list) return [];
    let drop = 0;
    while (drop < list.length && list[drop].at <= now - HOUR) drop++;
    if (drop) list.splice(0, drop);
    return list;
  }

  private cold(channel: string, address: string, now: number): boolean {
    const key = `${channel}\u0000${address}`;
    const hit = this.coldCache.get(key);
    if (hit && (!hit.cold || now - hit.at < 60_000)) return hit.cold;
    const cold = this.deps.isCold(channel, address);
    if (this.coldCache.size > 10_000) this.coldCache.clear();
    this.coldCache.set(key, { cold, at: now });
    return cold;
  }
}
