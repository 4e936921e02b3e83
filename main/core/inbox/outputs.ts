// What the inbox API methods answer: the declared output of each method (JSON-safe by type, checked in tests).
// The renderer sees these through the contract's types; handlers must return values that fit them.
import { z } from 'zod';
import { CONVERSATION_STATES, ORIGINS } from './types';
import { MediaInfoSchema } from '../media/outputs';

export const ConversationSummarySchema = z.strictObject({
  id: z.number(),
  contactId: z.number(),
  contactName: z.string(),
  lastMessageAt: z.number(),
  lastPreview: z.string(),
  lastChannel: z.string(),
  lastDirection: z.enum(['out', 'in']).nullable(),
  unreadCount: z.number(),
  channels: z.array(z.string()),
  state: z.enum(CONVERSATION_STATES),
  snoozedUntil: z.number().nullable(),
  pinned: z.boolean(),
  labelIds: z.array(z.number()),
});

export const ListCursorSchema = z.strictObject({ at: z.number(), id: z.number() });

export const MessageHitSchema = z.strictObject({
  messageId: z.number(),
  conversationId: z.number(),
  snippet: z.string(),
  createdAt: z.number(),
});

export const DirectionSchema = z.enum(['out', 'in']);

export const AuthorSchema = z.enum(['customer', 'owner', 'assistant', 'system']);

export const MessageKindSchema = z.enum([
  'text',
  'image',
  'voice',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'contact',
  'other',
]);

export const MessageStatusSchema = z.enum(['queued', 'sending', 'sent', 'failed', 'delivered', 'read', 'received']);

export const MessageSchema = z.strictObject({
  id: z.number(),
  conversationId: z.number(),
  direction: DirectionSchema,
  channel: z.string(),
  author: AuthorSchema,
  origin: z.enum(ORIGINS),
  kind: MessageKindSchema,
  body: z.string(),
  status: MessageStatusSchema,
  error: z.string().nullable(),
  createdAt: z.number(),
  media: MediaInfoSchema.optional(),
});

export const InboxListOutput = z.strictObject({
  pinned: z.array(ConversationSummarySchema),
  items: z.array(ConversationSummarySchema),
  next: ListCursorSchema.nullable(),
});

export const InboxSearchOutput = z.strictObject({
  conversations: z.array(ConversationSummarySchema),
  hits: z.array(MessageHitSchema),
  complete: z.boolean(),
});

export const InboxUnreadCountOutput = z.strictObject({ conversations: z.number() });

export const MessagesListOutput = z.array(MessageSchema);

export const MessagesRetryOutput = z.strictObject({ requeued: z.boolean() });
