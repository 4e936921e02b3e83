// Shapes the inbox hands to the UI. Plain data, safe to serialise over IPC and HTTP.
export type Direction = 'in' | 'out';
export type Author = 'customer' | 'owner' | 'assistant' | 'system';
/** received: inbound stored. queued → sending → sent → delivered → read, or failed (with error). */
export type MessageStatus = 'received' | 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed';
export type MessageKind = 'text' | 'image' | 'voice' | 'audio' | 'video' | 'document' | 'sticker' | 'location' | 'contact' | 'other';

export interface Message {
  id: number;
  conversationId: number;
  direction: Direction;
  channel: string;
  author: Author;
  kind: MessageKind;
  body: string;
  status: MessageStatus;
  error: string | null;
  createdAt: number;
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
