// knowledge.* API methods: the Knowledge page (entries, shop policies) and a "which entries would be used" probe.
import { z } from 'zod';
import type { KnowledgeService } from './service';
import type { AssistantService } from '../assistant/service';
import { method, noInput, patchOf, nothing } from '../api/define';
import { KnowledgeEntrySchema, KnowledgeListOutput, KnowledgePoliciesOutput, KnowledgeTranslationsOutput } from './outputs';
import { knowledgeInputSchema, shopPoliciesSchema } from './types';

const id = z.number().int().positive();

/** The services these methods call, and nothing else. */
export interface KnowledgeApiDeps {
  knowledge: KnowledgeService;
  assistant: AssistantService;
}

export function knowledgeApi(s: KnowledgeApiDeps) {
  return {
    'knowledge.list': method(noInput, KnowledgeListOutput, () => s.knowledge.list(), 'All knowledge entries: policies first, then Q&A.'),
    'knowledge.create': method(knowledgeInputSchema, KnowledgeEntrySchema, (i) => s.knowledge.create(i), 'Adds a Q&A or policy entry.'),
    'knowledge.update': method(
      z.object({ id, entry: knowledgeInputSchema }),
      KnowledgeEntrySchema,
      (i) => s.knowledge.update(i.id, i.entry),
      'Changes an entry.',
    ),
    'knowledge.delete': method(z.object({ id }), nothing, (i) => s.knowledge.delete(i.id), 'Deletes an entry.'),
    'knowledge.translations': method(
      noInput,
      KnowledgeTranslationsOutput,
      () => s.assistant.translations(),
      "The owner's approved translations of their answers, per customer language.",
    ),
    'knowledge.saveTranslation': method(
      z.object({
        key: z.string().regex(/^(K\d+|policy:(delivery|payment|returns))$/),
        lang: z.string().regex(/^[a-z]{2}$/),
        text: z.string().trim().min(1).max(4000),
      }),
      nothing,
      (i) => s.assistant.saveTranslation(i.key, i.lang, i.text),
      "Approves (or edits) the wording of an answer in a customer's language; Auto uses it from then on.",
    ),
    'knowledge.deleteTranslation': method(
      z.object({ key: z.string().max(40), lang: z.string().regex(/^[a-z]{2}$/) }),
      nothing,
      (i) => s.assistant.deleteTranslation(i.key, i.lang),
      'Removes an approved translation; the next use in that language goes to Needs you again.',
    ),
    'knowledge.policies': method(
      noInput,
      KnowledgePoliciesOutput,
      () => s.knowledge.shopPolicies(),
      'Delivery, payment and returns policies.',
    ),
    'knowledge.savePolicies': method(
      patchOf(shopPoliciesSchema),
      KnowledgePoliciesOutput,
      (i) => s.knowledge.setShopPolicies(i),
      'Saves the shop policies.',
    ),
    'knowledge.probe': method(
      z.object({ text: z.string().trim().min(1).max(2000) }),
      KnowledgeListOutput,
      (i) => s.knowledge.retrieve(i.text, 3),
      'The entries the assistant would pick for this customer question (BM25 over the knowledge index).',
    ),
  };
}
