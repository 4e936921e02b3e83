// knowledge.* API methods: the Knowledge page (entries, shop policies) and a "which entries would be used" probe.
import { z } from 'zod';
import type { Services } from '../services';
import { method, noInput, patchOf } from '../api/define';
import { knowledgeInputSchema, shopPoliciesSchema } from './types';

const id = z.number().int().positive();

export function knowledgeMethods(s: Services) {
  return {
    'knowledge.list': method(noInput, () => s.knowledge.list(), 'All knowledge entries: policies first, then Q&A.'),
    'knowledge.create': method(knowledgeInputSchema, (i) => s.knowledge.create(i), 'Adds a Q&A or policy entry.'),
    'knowledge.update': method(
      z.object({ id, entry: knowledgeInputSchema }),
      (i) => s.knowledge.update(i.id, i.entry),
      'Changes an entry.',
    ),
    'knowledge.delete': method(z.object({ id }), (i) => s.knowledge.delete(i.id), 'Deletes an entry.'),
    'knowledge.translations': method(
      noInput,
      () => s.assistant.translations(),
      "The owner's approved translations of their answers, per customer language.",
    ),
    'knowledge.saveTranslation': method(
      z.object({
        key: z.string().regex(/^(K\d+|policy:(delivery|payment|returns))$/),
        lang: z.string().regex(/^[a-z]{2}$/),
        text: z.string().trim().min(1).max(4000),
      }),
      (i) => s.assistant.saveTranslation(i.key, i.lang, i.text),
      "Approves (or edits) the wording of an answer in a customer's language; Auto uses it from then on.",
    ),
    'knowledge.deleteTranslation': method(
      z.object({ key: z.string().max(40), lang: z.string().regex(/^[a-z]{2}$/) }),
      (i) => s.assistant.deleteTranslation(i.key, i.lang),
      'Removes an approved translation; the next use in that language goes to Needs you again.',
    ),
    'knowledge.policies': method(noInput, () => s.knowledge.shopPolicies(), 'Delivery, payment and returns policies.'),
    'knowledge.savePolicies': method(patchOf(shopPoliciesSchema), (i) => s.knowledge.setShopPolicies(i), 'Saves the shop policies.'),
    'knowledge.probe': method(
      z.object({ text: z.string().trim().min(1).max(2000) }),
      (i) => s.knowledge.retrieve(i.text, 3),
      'The entries the assistant would pick for this customer question (BM25 over the knowledge index).',
    ),
  };
}
