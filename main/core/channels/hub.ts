// Owns the running channels: starts/stops them, tracks their status and connects them to the inbox.
// One channel failing never stops the others.
import type { EventBus } from '../events';
import type { Channel, ChannelSink, ChannelStatus, InboundMessage, AckStatus } from './channel';
import { classifyTechnicalError } from '../../shared/error-reasons';

export interface InboundHandler {
  receive(msg: InboundMessage): { stored: boolean };
  receiveMany(msgs: InboundMessage[]): { stored: boolean }[];
  ack(channel: string, externalId: string, status: AckStatus, error?: string): void;
  changed(channel: string, externalId: string, change: { body: string } | { deleted: true }): void;
}

export class ChannelHub {
  private readonly channels = new Map<string, Channel>();
  private readonly statuses = new Map<string, ChannelStatus>();
  private readonly statusListeners = new Set<(s: ChannelStatus) => void>();

  constructor(
    private readonly events: EventBus,
    private readonly inbound: InboundHandler,
  ) {}

  get(id: string): Channel | undefined {
    return this.channels.get(id);
  }

  status(id: string): ChannelStatus {
    return this.statuses.get(id) ?? { channel: id, state: 'disabled' };
  }

  list(): ChannelStatus[] {
    return [...this.statuses.values()];
  }

  isConnected(id: string): boolean {
    return this.status(id).state === 'connected';
  }

  onStatus(listener: (s: ChannelStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Adds and starts a channel, replacing (and stopping) any running channel with the same id. */
  async add(channel: Channel): Promise<void> {
    await this.remove(channel.id);
    this.channels.set(channel.id, channel);
    this.setStatus({ channel: channel.id, state: 'starting' });
    const sink: ChannelSink = {
      receive: (msg) => this.inbound.receive({ ...msg, channel: channel.id }),
      receiveMany: (msgs) => this.inbound.receiveMany(msgs.map((m) => ({ ...m, channel: channel.id }))),
      ack: (externalId, status, error) => this.inbound.ack(channel.id, externalId, status, error),
      changed: (externalId, change) => this.inbound.changed(channel.id, externalId, change),
      status: (s) => {
        if (this.channels.get(channel.id) === channel) this.setStatus({ ...s, channel: channel.id });
      },
    };
    try {
      await channel.start(sink);
    } catch (err) {
      this.setStatus({ channel: channel.id, state: 'error', detail: err instanceof Error ? err.message : String(err) });
    }
  }

  async remove(id: string): Promise<void> {
    const ch = this.channels.get(id);
    if (!ch) return;
    this.channels.delete(id);
    try {
      await ch.stop();
    } catch (err) {
      console.error(`[channels] ${id} failed to stop`, err);
    }
    this.setStatus({ channel: id, state: 'disabled' });
  }

  /** A channel that is set up but not running (the owner switched it off): listed as off, not forgotten. */
  idle(id: string): void {
    if (!this.channels.has(id)) this.setStatus({ channel: id, state: 'disabled', configured: true });
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.channels.keys()].map((id) => this.remove(id)));
  }

  private setStatus(status: ChannelStatus): void {
    // A library's words ("getaddrinfo ENOTFOUND …") get a stable reason here, once for every channel.
    const why = status.reason ? null : classifyTechnicalError(status.detail);
    const s: ChannelStatus = why ? { ...status, reason: why.reason, params: why.params } : status;
    this.statuses.set(s.channel, s);
    this.events.emit('channel.status', s);
    for (const l of this.statusListeners) l(s);
  }
}
