// The inbox: stores inbound messages on the right contact, queues outbound ones, lists and searches conversations.
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { AppError, notFound } from '../errors';
import type { EventBus } from '../events';
import type { DomainBus } from '../domain-events';
import type { InboundEvent } from '../inbound/stage';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import type { ConversationsRepo, ListCursor } from '../db/repos/conversations-repo';
import type { MessagesRepo } from '../db/repos/messages-repo';
import type { OutboxRepo } from '../db/repos/outbox-repo';
import type { MessageHit, SearchRepo } from '../db/repos/search-repo';
import type { AckStatus, InboundMessage } from '../channels/channel';
import type { Author, ConversationSummary, InboxFilter, Message, MessageKind, MessageStatus, Origin } from './types';
import { previewOf } from './preview';
import { InboundStore, MAX_BODY_CHARS, type InboxMedia } from './inbound-store';
import { isMessagingChannel } from '../../shared/addresses';

export { MAX_BODY_CHARS } from './inbound-store';
/** Pinned rows shown above the list; more than this is no longer "pinned", it is a second inbox. */
const MAX_PINNED = 50;

export type { InboundEvent } from '../inbound/stage';

export interface SendOptions {
  channel?: string;
  author?: Author;
  /** An automatic message (greeting, away) that does not answer the customer: the conversation stays open. */
  keepState?: boolean;
  /** What produced the message when it is not the author answering (a reminder, an order-status notice). */
  origin?: Origin;
  /** An uploaded attachment (media.upload) sent with the text as its caption. */
  mediaId?: number;
}

export type { InboxMedia } from './inbound-store';

/** Whether a message of this origin is someone answering the customer (no origin: the owner writing). */
function answersCustomer(origin: Origin | undefined): boolean {
  return origin === undefined || origin === 'owner' || origin === 'assistant';
}

const ACK_RANK: Record<MessageStatus, number> = { received: 0, queued: 1, sending: 2, failed: 2, sent: 3, delivered: 4, read: 5 };

export type ReceiveResult = { stored: boolean; messageId?: number; conversationId?: number };

export interface InboxDeps {
  db: Db;
  contacts: ContactsRepo;
  conversations: ConversationsRepo;
  messages: MessagesRepo;
  outbox: OutboxRepo;
  search: SearchRepo;
  events: EventBus;
  /** Every committed message is told here ('message.stored'), for other domains' reactions. */
  domain: DomainBus;
  clock: Clock;
  media?: InboxMedia;
  /** Called after an outgoing message is committed, so the outbox can wake up. */
  queued?: () => void;
  /** Called after every commit of the inbox (the WAL checkpoint runs then, not inside a commit). */
  committed?: () => void;
  /** Where a committed customer message goes next: the inbound pipeline (inbound/pipeline.ts). */
  inbound?: (e: InboundEvent) => unknown;
}

export class InboxService {
  private readonly db: Db;
  private readonly contacts: ContactsRepo;
  private readonly conversations: ConversationsRepo;
  private readonly messages: MessagesRepo;
  private readonly outbox: OutboxRepo;
  private readonly search: SearchRepo;
  private readonly events: EventBus;
  private readonly clock: Clock;
  private readonly media: InboxMedia | null;
  private readonly store: InboundStore;

  constructor(private readonly d: InboxDeps) {
    this.db = d.db;
    this.contacts = d.contacts;
    this.conversations = d.conversations;
    this.messages = d.messages;
    this.outbox = d.outbox;
    this.search = d.search;
    this.events = d.events;
    this.clock = d.clock;
    this.media = d.media ?? null;
    this.store = new InboundStore(d);
  }

  /** Stores one inbound message exactly once. Unknown senders become new contacts. */
  receive(msg: InboundMessage): ReceiveResult {
    return this.receiveMany([msg])[0];
  }

  /**
   * Stores messages that arrived together (a backfill page, a busy minute) in ONE transaction — group commit: the
   * same dedupe and the same rows as one by one, at a fraction of the commits. Nothing is published or acknowledged
   * before the commit; if it fails, none of them is stored and the channel may deliver them again.
   */
  receiveMany(msgs: readonly InboundMessage[]): ReceiveResult[] {
    if (msgs.length === 0) return [];
    const { stored, messages } = this.store.group(msgs, this.clock.now());
    this.d.committed?.();
    // A conversation that got several messages is re-read and announced once, after its last one.
    const lastOf = new Map<number, number>();
    stored.forEach((r, i) => r && lastOf.set(r.conversationId, i));
    return stored.map((result, i) => {
      if (!result) return { stored: false };
      result.startDownload?.();
      const message = messages.get(result.messageId)!;
      this.publish(result.conversationId, message, lastOf.get(result.conversationId) === i);
      // The pipeline answers customers; the owner's own messages (from the phone) only publish, which resolves "Needs you".
      if (result.own) return { stored: true, messageId: result.messageId, conversationId: result.conversationId };
      const inbound = this.d.inbound;
      if (inbound) {
        const e: InboundEvent = {
          message,
          contactId: result.contactId,
          conversationId: result.conversationId,
          isNewContact: result.isNewContact,
        };
        Promise.resolve()
          .then(() => inbound(e))
          .catch((err) => console.error('[inbox] inbound pipeline failed', err));
      }
      return { stored: true, messageId: result.messageId, conversationId: result.conversationId };
    });
  }

  /**
   * The sender edited or deleted a message (Telegram Business). An edit replaces the text (search follows); a deletion
   * keeps the text for the shop's records and marks the message, so the owner sees what the customer took back.
   */
  changed(channel: string, externalId: string, change: { body: string } | { deleted: true }): void {
    const m = this.messages.byExternal(channel, externalId);
    if (!m) return;
    const now = this.clock.now();
    if ('body' in change) this.messages.setBody(m.id, change.body.slice(0, MAX_BODY_CHARS), now);
    else this.messages.setStatus(m.id, m.status, now, 'deleted_by_sender');
    this.events.emit('message.updated', { conversationId: m.conversationId, message: this.messages.get(m.id)! });
  }

  /** Delivery receipts from a channel. Status only moves forward (sent → delivered → read), except to failed. */
  ack(channel: string, externalId: string, status: AckStatus, error?: string): void {
    const m = this.messages.byExternal(channel, externalId);
    if (!m || m.direction !== 'out') return;
    if (status !== 'failed' && ACK_RANK[status] <= ACK_RANK[m.status]) return;
    this.messages.setStatus(m.id, status, this.clock.now(), error ?? null);
    this.events.emit('message.updated', { conversationId: m.conversationId, message: this.messages.get(m.id)! });
  }

  /**
   * Queues a message to the customer. It goes out on the channel they last wrote from unless one is named.
   * The message and its outbox row are one transaction; the channel is called later by the outbox.
   */
  send(conversationId: number, text: string, opts: SendOptions = {}): Message {
    const queued = this.db.transaction(() => this.queueInTransaction(conversationId, text, opts)).immediate();
    queued.afterCommit();
    return queued.message;
  }

  /**
   * The write half of send(), for callers that must queue a message atomically with their own rows (a reminder is
   * queued and marked sent in one transaction). Call inside db.transaction(); call afterCommit() once it committed,
   * so the UI and the outbox never see a message that a rollback took back.
   */
  queueInTransaction(conversationId: number, text: string, opts: SendOptions = {}): { message: Message; afterCommit(): void } {
    const body = text.trim();
    if (!body && opts.mediaId === undefined) throw new AppError('invalid_input', 'Cannot send an empty message');
    if (opts.mediaId !== undefined && !this.media) throw new AppError('invalid_input', 'Attachments are not available');
    if (body.length > MAX_BODY_CHARS) throw new AppError('invalid_input', `Message is longer than ${MAX_BODY_CHARS} characters`);
    const contactId = this.conversations.contactId(conversationId);
    if (contactId === undefined) throw notFound('Conversation', conversationId);
    const channel = opts.channel ?? this.defaultChannel(conversationId, contactId);
    // A phone-book number or an email address is not a channel: nothing queued there could ever go out.
    if (!isMessagingChannel(channel))
      throw new AppError(
        'channel_unavailable',
        'Lavka cannot send to a phone-book number or an email address. For a phone number, use “Write on WhatsApp”.',
        undefined,
        {
          reason: 'not_a_channel',
        },
      );
    const identity = this.contacts.addressFor(contactId, channel);
    if (!identity) throw new AppError('channel_unavailable', `This customer has no ${channel} address`);
    const now = this.clock.now();
    const kind: MessageKind = opts.mediaId !== undefined ? this.media!.kindOf(opts.mediaId) : 'text';
    const messageId = this.messages.insert({
      conversationId,
      direction: 'out',
      channel,
      identityId: identity.id,
      externalId: null,
      author: opts.author ?? 'owner',
      origin: opts.origin,
      kind,
      body,
      status: 'queued',
      createdAt: now,
    })!;
    if (opts.mediaId !== undefined) this.media!.attachInTransaction(opts.mediaId, messageId);
    this.outbox.enqueue(messageId, channel, identity.external_id, now);
    this.conversations.onMessage(conversationId, {
      id: messageId,
      at: now,
      preview: previewOf(kind, body),
      channel,
      direction: 'out',
      countsUnread: false,
      // Only a reply hands the turn to the customer: a reminder, an order-status notice or an opt-out confirmation
      // goes out in the owner's name but answers nothing, so an open (e.g. escalated) conversation stays open.
      keepState: opts.keepState || !answersCustomer(opts.origin),
    });
    const message = this.messages.get(messageId)!;
    return {
      message,
      afterCommit: () => {
        this.d.committed?.();
        this.publish(conversationId, message);
        this.d.queued?.();
      },
    };
  }

  /** Records a note only the owner sees (e.g. "escalated: customer asked for a person"). Never sent. */
  addSystemNote(conversationId: number, text: string): Message {
    const now = this.clock.now();
    const id = this.messages.insert({
      conversationId,
      direction: 'out',
      channel: 'system',
      identityId: null,
      externalId: null,
      author: 'system',
      kind: 'text',
      body: text,
      status: 'sent',
      createdAt: now,
    })!;
    const message = this.messages.get(id)!;
    this.events.emit('message.new', { conversationId, message });
    this.d.domain.emit({ type: 'message.stored', conversationId, message });
    return message;
  }

  defaultChannel(conversationId: number, contactId: number): string {
    const last = this.conversations.lastInboundChannel(conversationId);
    if (last) return last;
    const ids = this.contacts.identities(contactId).filter((i) => isMessagingChannel(i.channel));
    const best = ids.sort((a, b) => (b.lastSeenAt ?? 0) - (a.lastSeenAt ?? 0))[0];
    if (!best)
      throw new AppError('channel_unavailable', 'This customer has no channel address to write to', undefined, { reason: 'not_a_channel' });
    return best.channel;
  }

  /**
   * Pinned conversations (matching the filter) come apart on the first page, so they stay on top without breaking
   * the activity-ordered keyset paging of the rest.
   */
  list(
    filter: InboxFilter,
    limit: number,
    cursor?: ListCursor,
  ): { pinned: ConversationSummary[]; items: ConversationSummary[]; next: ListCursor | null } {
    const pinned = cursor ? [] : this.conversations.list(filter, MAX_PINNED, undefined, true);
    const items = this.conversations.list(filter, limit, cursor, false);
    const last = items.at(-1);
    return { pinned, items, next: items.length === limit && last ? { at: last.lastMessageAt, id: last.id } : null };
  }

  get(conversationId: number): ConversationSummary {
    const s = this.conversations.summary(conversationId);
    if (!s) throw notFound('Conversation', conversationId);
    return s;
  }

  conversationOfContact(contactId: number): number | undefined {
    return this.conversations.idForContact(contactId);
  }

  /**
   * Conversations whose contact name or message text matches, with the matching messages. Unless `all`, whole-word
   * matches may come alone (complete: false) so the first results are instant; the inbox then asks again with `all`.
   */
  searchAll(
    text: string,
    limit = 50,
    opts: { all?: boolean } = {},
  ): { conversations: ConversationSummary[]; hits: MessageHit[]; complete: boolean } {
    const { hits, complete } = this.search.messages(text, limit, opts);
    const contactIds = this.search.contacts(text, limit);
    const ids = new Set<number>();
    for (const cid of contactIds) {
      const conv = this.conversations.idForContact(cid);
      if (conv !== undefined) ids.add(conv);
    }
    for (const h of hits) ids.add(h.conversationId);
    return { conversations: this.conversations.byIds([...ids].slice(0, limit)), hits, complete };
  }

  message(id: number): Message | undefined {
    return this.messages.get(id);
  }

  page(conversationId: number, limit: number, beforeId?: number): Message[] {
    if (this.conversations.contactId(conversationId) === undefined) throw notFound('Conversation', conversationId);
    return this.messages.page(conversationId, limit, beforeId);
  }

  markRead(conversationId: number): void {
    this.conversations.markRead(conversationId);
    const s = this.conversations.summary(conversationId);
    if (s) this.events.emit('conversation.updated', { conversation: s });
  }

  /** The contact's conversation; a new one starts at `at` so backfilled history sorts where it belongs. */
  private conversationFor(contactId: number, channel: string, at: number): number {
    return this.store.conversationFor(contactId, channel, at);
  }

  /** Ensures a contact has a conversation (e.g. the owner writes first to an imported contact). */
  ensureConversation(contactId: number): number {
    if (!this.contacts.exists(contactId)) throw notFound('Contact', contactId);
    const ids = this.contacts.identities(contactId).filter((i) => isMessagingChannel(i.channel));
    return this.conversationFor(contactId, ids[0]?.channel ?? 'none', this.clock.now());
  }

  /** Tells the UI and the other domains about a stored message; `announce` false: the batch's last one says it. */
  private publish(conversationId: number, message: Message, announce = true): void {
    this.events.emit('message.new', { conversationId, message });
    this.d.domain.emit({ type: 'message.stored', conversationId, message });
    if (announce) this.announce(conversationId);
  }

  private announce(conversationId: number): void {
    const s = this.conversations.summary(conversationId);
    if (s) this.events.emit('conversation.updated', { conversation: s });
  }
}
