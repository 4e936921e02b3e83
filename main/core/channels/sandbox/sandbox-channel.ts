// The built-in sandbox channel: the owner plays a pretend customer. It is a real Channel on the same path as
// WhatsApp and Telegram (inbound → store → inbox; outbound → outbox → channel), only the "network" is in-process.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock';
import type { Channel, ChannelSink, SendRequest } from '../channel';
import { ChannelSendError } from '../channel';
import type { MessageKind } from '../../inbox/types';

export const SANDBOX = 'sandbox';

export interface SandboxDelivery {
  customerKey: string;
  text: string;
  messageId: number;
  externalId: string;
  at: number;
}

export class SandboxChannel implements Channel {
  readonly id = SANDBOX;
  private sink: ChannelSink | null = null;
  /** Lavka message id → external id: a retried send of the same message is delivered once. */
  private readonly delivered = new Map<number, string>();
  private readonly listeners = new Set<(d: SandboxDelivery) => void>();
  /** Lets the owner (and tests) see how a failed send looks: the next N sends fail permanently. */
  failNextSends = 0;

  constructor(private readonly clock: Clock) {}

  async start(sink: ChannelSink): Promise<void> {
    this.sink = sink;
    sink.status({ state: 'connected', account: 'Sandbox' });
  }

  async stop(): Promise<void> {
    this.sink?.status({ state: 'disabled' });
    this.sink = null;
  }

  onDelivery(listener: (d: SandboxDelivery) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The pretend customer writes. Returns the external id the message got. */
  customerSays(customerKey: string, name: string, text: string): { externalId: string; stored: boolean } {
    if (!this.sink) throw new ChannelSendError('The sandbox channel is not running', false);
    const externalId = `sb-in-${randomUUID()}`;
    const { stored } = this.sink.receive({
      channel: SANDBOX,
      externalId,
      from: { externalId: customerKey, display: name },
      kind: 'text',
      body: text,
      at: this.clock.now(),
    });
    return { externalId, stored };
  }

  /** The pretend customer sends a photo, voice note or file (with an optional caption). */
  customerSendsMedia(
    customerKey: string,
    name: string,
    file: { data: Uint8Array; mime: string; fileName: string; kind: MessageKind; caption: string },
  ): { externalId: string; stored: boolean } {
    if (!this.sink) throw new ChannelSendError('The sandbox channel is not running', false);
    const externalId = `sb-in-${randomUUID()}`;
    const { stored } = this.sink.receive({
      channel: SANDBOX,
      externalId,
      from: { externalId: customerKey, display: name },
      kind: file.kind,
      body: file.caption,
      at: this.clock.now(),
      media: { source: externalId, mime: file.mime, fileName: file.fileName, size: file.data.byteLength, data: file.data },
    });
    return { externalId, stored };
  }

  async send(req: SendRequest): Promise<{ externalId: string }> {
    if (!this.sink) throw new ChannelSendError('The sandbox channel is not running', false);
    if (this.failNextSends > 0) {
      this.failNextSends--;
      throw new ChannelSendError('Sandbox was told to fail this send', false);
    }
    const known = this.delivered.get(req.messageId);
    if (known) return { externalId: known };
    const externalId = `sb-out-${req.messageId}`;
    this.delivered.set(req.messageId, externalId);
    const d: SandboxDelivery = { customerKey: req.address, text: req.text, messageId: req.messageId, externalId, at: this.clock.now() };
    for (const l of this.listeners) l(d);
    // The pretend customer "reads" at once; the ack arrives after the send returned, as on real channels.
    setImmediate(() => this.sink?.ack(externalId, 'read'));
    return { externalId };
  }
}

export function newCustomerKey(): string {
  return `sb-${randomUUID().slice(0, 8)}`;
}
