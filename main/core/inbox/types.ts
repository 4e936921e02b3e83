// Shapes the inbox hands to the UI. Plain data, safe to serialise over IPC and HTTP.
import type { MediaInfo } from '../media/types';
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
}

export interface InboxFilter {
  unread?: boolean;
  channel?: string;
}
