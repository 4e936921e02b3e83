// Shapes the inbox hands to the UI. Plain data, safe to serialise over IPC and HTTP.
import type { MediaInfo } from '../media/types';
import type { MessageKind } from './message-kind';
export type Direction = 'in' | 'out';
export type Author = 'customer' | 'owner' | 'assistant' | 'system';
/**
 * Who or what produced a message, finer than `author`: reminders and order-status notices go out in the owner's
 * name but are not the owner answering, so they never resolve a "Needs you" item.
 */
export const ORIGINS = ['customer', 'owner', 'assistant', 'reminder', 'order_status', 'system'] as const;
export type Origin = (typeof ORIGINS)[number];
/** received: inbound stored. queued → sending → sent → delivered → read, or failed (with error). */
export type MessageStatus = 'received' | 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed';
export type { MessageKind };

export interface Message {
  id: number;
  conversationId: number;
  direction: Direction;
  channel: string;
  author: Author;
  origin: Origin;
  kind: MessageKind;
  body: string;
  status: MessageStatus;
  error: string | null;
  createdAt: number;
  /** The photo, voice note or file this message carries (its body is the caption). */
  media?: MediaInfo;
}

export interface ConversationSummary {
  id: number;
  contactId: number;
  contactName: string;
  lastMessageAt: number;
  lastPreview: string;
  lastChannel: string;
  lastDirection: Direction | null;
  unreadCount: number;
  channels: string[];
  /** open: needs the owner; waiting: the owner answered, the customer's turn; resolved: done; snoozed: back at snoozedUntil. */
  state: ConversationState;
  snoozedUntil: number | null;
  pinned: boolean;
  labelIds: number[];
}

export const CONVERSATION_STATES = ['open', 'waiting', 'resolved', 'snoozed'] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];

export interface InboxFilter {
  unread?: boolean;
  channel?: string;
  /** One state, or 'active' (open + waiting: everything not resolved or snoozed, the default view). */
  state?: ConversationState | 'active';
  label?: number;
}
