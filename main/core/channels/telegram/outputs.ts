// What the telegram API methods answer: the declared output of each method (JSON-safe by type, checked in tests).
// The renderer sees these through the contract's types; handlers must return values that fit them.
import { z } from 'zod';

export const ChannelsTelegramBusinessOutput = z.array(
  z.strictObject({ id: z.string(), name: z.string(), enabled: z.boolean(), canReply: z.boolean() }),
);

export const ChannelsTelegramReplyWindowOutput = z.union([
  z.strictObject({ via: z.literal('bot') }),
  z.strictObject({ via: z.literal('business'), until: z.number(), refused: z.enum(['disabled', 'no_rights', 'window_closed']).nullable() }),
]);
