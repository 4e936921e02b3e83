// What the language API methods answer: the declared output of each method (JSON-safe by type, checked in tests).
// The renderer sees these through the contract's types; handlers must return values that fit them.
import { z } from 'zod';

export const LanguageSourceSchema = z.enum(['default', 'owner', 'detected']);

export const ContactLanguageSchema = z.strictObject({
  language: z.enum(['id', 'en', 'ru', 'uk', 'es', 'vi', 'de', 'pt', 'hi', 'tr', 'fr', 'ar']),
  source: LanguageSourceSchema,
});

export const CustomerTextEntrySchema = z.strictObject({
  key: z.string(),
  builtIn: z.string(),
  override: z.string().nullable(),
  placeholders: z.array(z.string()),
  reference: z.string(),
});

export const LanguageTextsOutput = z.array(CustomerTextEntrySchema);
