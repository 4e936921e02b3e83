// What the knowledge API methods answer: the declared output of each method (JSON-safe by type, checked in tests).
// The renderer sees these through the contract's types; handlers must return values that fit them.
import { z } from 'zod';
import { shopPoliciesSchema } from './types';
import { KNOWLEDGE_KINDS } from './types';
import { TranslationViewSchema } from '../assistant/outputs';

export const KnowledgeEntrySchema = z.strictObject({
  id: z.number(),
  kind: z.enum(KNOWLEDGE_KINDS),
  title: z.string(),
  body: z.string(),
  keywords: z.string(),
  enabled: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const KnowledgeListOutput = z.array(KnowledgeEntrySchema);

export const KnowledgeTranslationsOutput = z.array(TranslationViewSchema);

export const KnowledgePoliciesOutput = shopPoliciesSchema;
