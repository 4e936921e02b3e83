// The contract every messaging channel implements (sandbox, WhatsApp, Telegram). Channels know nothing about SQLite.
import type { ErrorReason, ReasonParams } from '../../shared/error-reasons';
import type { MessageKind } from '../inbox/types';
import type { FetchedMedia, InboundMedia, OutgoingMedia } from '../media/types';

export type ChannelState =
  | 'disabled'
  | 'starting'
  | 'waiting_for_scan'
  | 'connected'
  /** A broken client is being replaced; the link to the phone is kept (WhatsApp's watchdog, routine restarts). */
  | 'reconnecting'
  | 'disconnected'
  | 'logged_out'
  /** Hard stops: nothing is sent and Lavka does not reconnect by itself until the owner says so. */
  | 'conflict'
  | 'blocked'
  | 'error';

export interface ChannelStatus {
  channel: string;
  state: ChannelState;
  /** Human-readable reason or hint, e.g. "Phone logged out" or "Bot token was rejected". */
  detail?: string;
  /** A stable reason for the state (main/shared/error-reasons.ts) the UI words in the owner's language; `detail` stays as the technical text. */
  reason?: ErrorReason;
  params?: ReasonParams;
  /** Who we are on this channel: "+49 151…", "@shop_bot". */
  account?: string;
  /** QR payload to render while state is waiting_for_scan. */
  qr?: string;
  /** The same QR as a PNG data URL, rendered in the core so the UI needs no QR library. */
  qrImage?: string;
  /** A link customers can use to reach us, e.g. https://t.me/shop_bot. */
  link?: string;
  /** WhatsApp: the code to type on the phone instead of scanning the QR, for that number, valid until expiresAt. */
  pairing?: { phone: string; code: string; expiresAt: number } | { phone: string; expired: true };
  /** Memory the channel's browser uses, in bytes (WhatsApp), when it could be measured. */
  memoryBytes?: number;
  /** A condition the UI words in the owner's language; detail carries the same in English for the log. */
  notice?: 'web_changed';
  /** Set up (a linked phone, a bot token) while switched off: the top strip still lists it, with the way to turn it on. */
  configured?: boolean;
}

export interface InboundMessage {
  channel: string;
  /** The channel's own message id: the dedupe key. */
  externalId: string;
  from: {
    /** Stable address on this channel: E.164 phone for WhatsApp, user id for Telegram, customer key for sandbox. */
    externalId: string;
    /** Name the messenger shows; untrusted text from the customer. */
    display: string;
  };
  kind: MessageKind;
  /** Text, or the caption of a photo/file (searchable like text). */
  body: string;
  at: number;
  /** A photo, voice note or file to download into the data folder. */
  media?: InboundMedia;
  /**
   * The owner wrote this from their own phone/account (WhatsApp message_create with fromMe): filed as the owner's
   * reply to `from`, never answered, and it counts as "the owner replied".
   */
  fromOwner?: boolean;
}

export type AckStatus = 'sent' | 'delivered' | 'read' | 'failed';

/** What a channel may tell Lavka. Implemented by the hub; channels never touch the database. */
export interface ChannelSink {
  receive(msg: InboundMessage): { stored: boolean };
  /**
   * Messages that arrived together (a backfill page, a burst after reconnecting) in one commit; acknowledge each to
   * the messenger only after this returns. Same dedupe as receive(). Optional, so a sink written for one message at a
   * time (tests, older channels) still fits.
   */
  receiveMany?(msgs: InboundMessage[]): { stored: boolean }[];
  ack(externalId: string, status: AckStatus, error?: string): void;
  status(status: Omit<ChannelStatus, 'channel'>): void;
  /** The sender edited (new text) or deleted a message Lavka filed (Telegram Business). */
  changed?(externalId: string, change: { body: string } | { deleted: true }): void;
}

export interface SendRequest {
  /** Lavka's message id; channels that support it use it to make a retried send idempotent. */
  messageId: number;
  address: string;
  /** Text, or the caption when media is set (may be empty). */
  text: string;
  /**
   * A channel that splits a long text into several messages resumes after the parts an earlier attempt had
   * confirmed (partsSent, and firstExternalId: the channel's id of the first part), and reports each confirmed part
   * through onPart before sending the next, so a crash or retry never sends a confirmed part again.
   */
  partsSent?: number;
  firstExternalId?: string | null;
  onPart?(partsSent: number, firstExternalId: string): void;
  /** A stored file to send with the text as its caption. */
  media?: OutgoingMedia;
}

export interface Channel {
  readonly id: string;
  start(sink: ChannelSink): Promise<void>;
  stop(): Promise<void>;
  send(req: SendRequest): Promise<{ externalId: string }>;
  /**
   * After a send whose outcome is unknown (Lavka stopped mid-send, or the channel did not answer in time), a channel
   * that can look at what it already sent returns the ids of messages matching `req` sent since `since`, oldest first.
   * The outbox records the first id not already taken instead of sending again. Channels that cannot look omit it.
   */
  findSent?(req: SendRequest, since: number): Promise<string[]>;
  /** Downloads media this channel received earlier, by the InboundMedia.source it gave. */
  fetchMedia?(source: string): Promise<FetchedMedia>;
}

/** A failed send. permanent: retrying will not help (blocked, bad address). retryAfterMs: the channel told us when. */
export class ChannelSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ChannelSendError';
  }
}
