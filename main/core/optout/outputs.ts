// What the optout API methods answer: the declared output of each method (JSON-safe by type, checked in tests).
// The renderer sees these through the contract's types; handlers must return values that fit them.
import { z } from 'zod';
import { optOutSettingsSchema } from './service';

export const ConsentEntrySchema = z.strictObject({
  id: z.number(),
  at: z.number(),
  change: z.enum(['opt_out', 'opt_in']),
  by: z.enum(['customer', 'owner']),
  channel: z.string().nullable(),
  detail: z.string(),
});

export const OptOutStatusSchema = z.strictObject({
  contactId: z.number(),
  optedOut: z.boolean(),
  at: z.number().nullable(),
  channel: z.string().nullable(),
  said: z.string().nullable(),
  language: z.string().nullable(),
  confirmationMessageId: z.number().nullable(),
  history: z.array(ConsentEntrySchema),
});

export const OptoutSettingsGetOutput = optOutSettingsSchema;
