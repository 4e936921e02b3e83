// What the workday API methods answer: the declared output of each method (JSON-safe by type, checked in tests).
// The renderer sees these through the contract's types; handlers must return values that fit them.
import { z } from 'zod';
import { greetingSettingsSchema } from './greetings';

export const LabelSchema = z.strictObject({ id: z.number(), name: z.string(), color: z.string(), conversations: z.number() });

export const ChecklistSchema = z.strictObject({
  whatsapp: z.boolean(),
  telegram: z.boolean(),
  products: z.boolean(),
  knowledge: z.strictObject({ done: z.boolean(), questions: z.number(), wanted: z.number() }),
  assistant: z.strictObject({ done: z.boolean(), state: z.enum(['ready', 'not_running', 'no_model']) }),
});

export const ConversationsSnoozeOutput = z.strictObject({ until: z.number() });

export const ConversationsCountsOutput = z.strictObject({
  unread: z.number(),
  open: z.number(),
  waiting: z.number(),
  resolved: z.number(),
  snoozed: z.number(),
  pinned: z.number(),
});

export const LabelsListOutput = z.array(LabelSchema);

export const GreetingsGetOutput = greetingSettingsSchema;

export const GreetingsPreviewOutput = z.strictObject({ text: z.string() });
