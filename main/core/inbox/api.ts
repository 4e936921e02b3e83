// inbox.* and messages.* API methods.
import { z } from 'zod';
import type { InboxService } from './service';
import type { Outbox } from '../channels/outbox';
import type { ConversationsRepo } from '../db/repos/conversations-repo';
import { method, noInput, nothing } from '../api/define';
import {
  ConversationSummarySchema,
  InboxListOutput,
  InboxSearchOutput,
  InboxUnreadCountOutput,
  MessageSchema,
  MessagesListOutput,
  MessagesRetryOutput,
} from './outputs';
import { MAX_BODY_CHARS } from './service';
import { CONVERSATION_STATES } from './types';

const id = z.number().int().positive();

/** The services these methods call, and nothing else. */
export interface InboxApiDeps {
  inbox: InboxService;
  outbox: Outbox;
  conversations: ConversationsRepo;
}

export function inboxApi(s: InboxApiDeps) {
  return {
    'inbox.list': method(
      z.object({
        unread: z.boolean().optional(),
        channel: z.string().max(40).optional(),
        state: z.enum([...CONVERSATION_STATES, 'active']).optional(),
        label: id.optional(),
        cursor: z.object({ at: z.number(), id }).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
      InboxListOutput,
      (i) => s.inbox.list({ unread: i.unread, channel: i.channel, state: i.state, label: i.label }, i.limit, i.cursor),
      'Conversations, newest activity first; filter by unread/channel/state/label; pinned ones come apart on the first page; keyset cursor for the next page.',
    ),
    'inbox.get': method(
      z.object({ conversationId: id }),
      ConversationSummarySchema,
      (i) => s.inbox.get(i.conversationId),
      'One conversation row.',
    ),
    'inbox.forContact': method(
      z.object({ contactId: id }),
      ConversationSummarySchema,
      (i) => s.inbox.get(s.inbox.ensureConversation(i.contactId)),
      "A contact's conversation (created if the owner writes first).",
    ),
    'inbox.search': method(
      z.object({
        query: z.string().trim().min(1).max(200),
        limit: z.number().int().min(1).max(200).default(50),
        all: z.boolean().default(false),
      }),
      InboxSearchOutput,
      (i) => s.inbox.searchAll(i.query, i.limit, { all: i.all }),
      'Full-text search across contact names and message text. complete:false means prefix matches were left out to answer at once; ask again with all:true for them.',
    ),
    'inbox.unreadCount': method(
      noInput,
      InboxUnreadCountOutput,
      () => ({ conversations: s.conversations.unreadConversations() }),
      'How many conversations have unread messages (for the Inbox badge).',
    ),
    'inbox.markRead': method(
      z.object({ conversationId: id }),
      nothing,
      (i) => s.inbox.markRead(i.conversationId),
      'Clears the unread count.',
    ),
    'messages.list': method(
      z.object({ conversationId: id, beforeId: id.optional(), limit: z.number().int().min(1).max(500).default(50) }),
      MessagesListOutput,
      (i) => s.inbox.page(i.conversationId, i.limit, i.beforeId),
      'A page of history, newest first, older than beforeId.',
    ),
    'messages.send': method(
      z.object({
        conversationId: id,
        text: z.string().max(MAX_BODY_CHARS),
        channel: z.string().max(40).optional(),
        mediaId: id.optional(),
      }),
      MessageSchema,
      (i) => s.inbox.send(i.conversationId, i.text, { channel: i.channel, author: 'owner', mediaId: i.mediaId }),
      'Queues a reply (with an uploaded attachment, mediaId, the text is its caption); it goes out through the durable outbox.',
    ),
    'messages.retry': method(
      z.object({ messageId: id }),
      MessagesRetryOutput,
      (i) => ({ requeued: s.outbox.retry(i.messageId) }),
      'Puts a failed outgoing message back in the queue.',
    ),
  };
}
