// Writes inbound messages: the rows of one message or of a group that arrived together, in one transaction. Publishing
// (events, the inbound pipeline) is the inbox service's, after the commit.
import type { Transaction } from 'better-sqlite3';
import type { Db } from '../db/connection';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import type { ConversationActivity, ConversationsRepo } from '../db/repos/conversations-repo';
import type { MessagesRepo } from '../db/repos/messages-repo';
import type { InboundMessage } from '../channels/channel';
import { previewOf } from './preview';
import type { Message, MessageKind } from './types';

/** Largest message body Lavka stores; anything longer is refused with a clear error instead of bloating the DB. */
export const MAX_BODY_CHARS = 200_000;

/** The media domain, as the inbox uses it (absent where no media is wired). */
export interface InboxMedia {
  recordInbound(messageId: number, media: NonNullable<InboundMessage['media']>): () => void;
  attachInTransaction(mediaId: number, messageId: number): void;
  kindOf(mediaId: number): MessageKind;
}

export interface StoredInbound {
  messageId: number;
  conversationId: number;
  contactId: number;
  isNewContact: boolean;
  own: boolean;
  startDownload: (() => void) | null;
}

/** A stored group: per message its rows (null: already stored), and the stored messages as read back. */
export interface StoredGroup {
  stored: (StoredInbound | null)[];
  messages: Map<number, Message>;
}

/** What a group's messages leave to write once, after all of them: senders' last-seen and conversation rows. */
interface StoreGroup {
  /** identity id → the newest non-empty display name ('' if none came). */
  seen: Map<number, string>;
  /** conversation id → its messages in this group, in arrival order. */
  activity: Map<number, ConversationActivity[]>;
}

export class InboundStore {
  private readonly db: Db;
  private readonly contacts: ContactsRepo;
  private readonly conversations: ConversationsRepo;
  private readonly messages: MessagesRepo;
  private readonly media: InboxMedia | null;
  /** Built once: a new transaction function per call costs more than storing a short message. */
  private readonly tx: Transaction<(msgs: readonly InboundMessage[], now: number) => StoredGroup>;

  constructor(d: { db: Db; contacts: ContactsRepo; conversations: ConversationsRepo; messages: MessagesRepo; media?: InboxMedia }) {
    this.db = d.db;
    this.contacts = d.contacts;
    this.conversations = d.conversations;
    this.messages = d.messages;
    this.media = d.media ?? null;
    this.tx = this.db.transaction((msgs: readonly InboundMessage[], now: number) => this.storeGroup(msgs, now));
  }

  /**
   * Stores the messages in one transaction; null for each one already stored. Each conversation row and each sender's
   * last-seen is written once, after the group's messages, with the result message-by-message updates would give: a
   * busy conversation costs one row update (and one move in each activity index) per burst, not one per message.
   * The stored messages are read back once, inside the transaction (no second read transaction after the commit).
   */
  group(msgs: readonly InboundMessage[], now: number): StoredGroup {
    return this.tx.immediate(msgs, now);
  }

  /** The contact's conversation; a new one starts at `at` so backfilled history sorts where it belongs. */
  conversationFor(contactId: number, channel: string, at: number): number {
    return this.conversations.idForContact(contactId) ?? this.conversations.create(contactId, channel, at);
  }

  /** The group's rows, inside its transaction. */
  private storeGroup(msgs: readonly InboundMessage[], now: number): StoredGroup {
    const group: StoreGroup = { seen: new Map(), activity: new Map() };
    const results = msgs.map((m) => this.one(m, now, group));
    for (const [identityId, display] of group.seen) this.contacts.touchIdentity(identityId, now, display || undefined);
    for (const [conversationId, ms] of group.activity) this.conversations.onMessages(conversationId, ms);
    return { stored: results, messages: this.messages.getMany(results.flatMap((r) => (r ? [r.messageId] : []))) };
  }

  /** One message's rows, inside the group's transaction; null when it is already stored. */
  private one(msg: InboundMessage, now: number, group: StoreGroup): StoredInbound | null {
    const body = msg.body.length > MAX_BODY_CHARS ? msg.body.slice(0, MAX_BODY_CHARS) : msg.body;
    const own = msg.fromOwner === true;
    if (this.messages.existsExternal(msg.channel, msg.externalId)) return null;
    let identity = this.contacts.findIdentity(msg.channel, msg.from.externalId);
    let isNewContact = false;
    if (!identity) {
      const name = msg.from.display.trim() || msg.from.externalId;
      const contactId = this.contacts.create({ name }, now);
      const id = this.contacts.addIdentity(contactId, msg.channel, msg.from.externalId, msg.from.display, now);
      identity = { id, contactId, channel: msg.channel, externalId: msg.from.externalId, display: msg.from.display, lastSeenAt: now };
      isNewContact = true;
    } else {
      // The newest non-empty display name wins, as it would one message at a time.
      group.seen.set(identity.id, msg.from.display || group.seen.get(identity.id) || '');
    }
    // The owner's own message that Lavka is itself still sending (or checking after a crash) is that message, not a new one.
    if (own && this.messages.unsentCopy(msg.channel, identity.id, msg.kind, body)) return null;
    const conversationId = this.conversationFor(identity.contactId, msg.channel, msg.at);
    const messageId = this.messages.insert({
      conversationId,
      direction: own ? 'out' : 'in',
      channel: msg.channel,
      identityId: identity.id,
      externalId: msg.externalId,
      author: own ? 'owner' : 'customer',
      origin: own ? 'owner' : 'customer',
      kind: msg.kind,
      body,
      status: own ? 'sent' : 'received',
      createdAt: msg.at,
    });
    if (messageId === undefined) return null;
    const activity: ConversationActivity = {
      id: messageId,
      at: msg.at,
      preview: previewOf(msg.kind, body),
      channel: msg.channel,
      direction: own ? 'out' : 'in',
      countsUnread: !own,
    };
    const pending = group.activity.get(conversationId);
    if (pending) pending.push(activity);
    else group.activity.set(conversationId, [activity]);
    const startDownload = msg.media && this.media ? this.media.recordInbound(messageId, msg.media) : null;
    return { messageId, conversationId, contactId: identity.contactId, isNewContact, own, startDownload };
  }
}
