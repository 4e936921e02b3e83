// Auto's reply, composed by Lavka from the model's choice — never the model's own words. A reply is made only of
// (1) Lavka's texts rendered from the database in the customer's language (hours, address, phone, catalog prices)
// and (2) the owner's answers as written, or as the owner approved them in the customer's language. Everything the
// choice cannot back — an id that is not among the answers matching this message, a product the customer did not
// name, an answer not yet approved in this language — comes back as a hold (or a translation for the owner).
// Pure: the service gathers the options and lookups; no I/O, no clock here.
import { isMentionedIn } from '../catalog/match';
import { lexiconLanguages, lexiconWords, looksUncovered } from '../../shared/lexicon';
import { customerText as render } from '../../shared/i18n/customer-texts';
import { asciiDigits } from '../../shared/number-words';
import type { Choice, ChoiceIntent } from './choice';
import type { EscalationReason, HoldReason } from './types';
import { MAX_AUTO_REPLY_CHARS } from './settings';

/** What Lavka knows about its catalog, for replies; the orders domain plugs it in. */
export interface CatalogFacts {
  /** Active products whose names or "other names" match the words, best first. */
  find(words: string): { id: number; score: number }[];
  /** Lavka's own sentence(s) about a product in `lang` (price per unit, options, sold out); null when it is gone. */
  describe(id: number, lang: string): string | null;
}

/** An answer the model may pick for this message. */
export type AnswerSource =
  /** Rendered by Lavka in the customer's language (hours, address, phone). */
  | { id: string; title: string; kind: 'lavka'; text: string }
  /** The owner's own text, in the shop's language; `key` names it for approved translations. */
  | { id: string; title: string; kind: 'owner'; key: string; text: string };

export interface ComposeInput {
  choice: Choice;
  /** The customer's latest words (untrusted). */
  customerText: string;
  /** The customer's language, and the one the owner writes their answers in. */
  language: string;
  shopLanguage: string;
  /** The answers that match this message (top retrieval matches, topics the message is about), by id. */
  options: ReadonlyMap<string, AnswerSource>;
  /** The owner's approved wording of an answer in a language, if it still matches the answer's current text. */
  translation(key: string, lang: string, sourceText: string): string | null;
  catalog: CatalogFacts | null;
}

export type Composed =
  | { kind: 'send'; text: string; used: string[] }
  | { kind: 'hold'; reason: HoldReason; detail: string }
  | { kind: 'escalate'; reason: EscalationReason }
  /** The first use of an owner's answer in this language: the owner approves (or edits) a translation first. */
  | { kind: 'translate'; key: string; title: string; text: string; used: string[] };

const INTENT_ESCALATION: Partial<Record<ChoiceIntent, EscalationReason>> = {
  complaint: 'complaint',
  refund: 'refund',
  payment_dispute: 'payment_dispute',
  human: 'asks_for_person',
  legal: 'legal',
};

/** A greeting or a thanks alone: short, no question, no numbers. Anything more needs an answer the owner vouches for. */
export function isSmallTalk(text: string): boolean {
  const words = lexiconWords(text);
  return words.length > 0 && words.length <= 8 && !/[?？¿؟]/.test(text) && !/\d/.test(asciiDigits(text));
}

export function composeReply(i: ComposeInput): Composed {
  const c = i.choice;
  const escalation = INTENT_ESCALATION[c.intent];
  if (escalation) return { kind: 'escalate', reason: escalation };
  if (!(lexiconLanguages() as string[]).includes(i.language) || looksUncovered(i.customerText)) {
    return {
      kind: 'hold',
      reason: 'language_not_covered',
      detail: `The customer writes in a language Lavka has no texts for (${i.language}); Auto sends nothing in it`,
    };
  }
  if ((c.intent === 'greeting' || c.intent === 'thanks') && c.answers.length === 0 && c.products.length === 0) {
    if (!isSmallTalk(i.customerText))
      return {
        kind: 'hold',
        reason: 'not_covered',
        detail: 'The message is more than a greeting or a thanks, and none of your answers covers it',
      };
    return { kind: 'send', text: render(i.language, `auto:${c.intent}`), used: [c.intent] };
  }
  if (c.intent === 'order')
    return { kind: 'hold', reason: 'not_covered', detail: 'An order Lavka could not read from the customer’s own words' };
  if (c.answers.length === 0 && c.products.length === 0)
    return { kind: 'hold', reason: 'not_covered', detail: 'None of your answers or products covers this message' };
  if (!c.confident) return { kind: 'hold', reason: 'model_unsure', detail: 'The assistant was not sure your answers cover the question' };

  const parts: string[] = [];
  const used: string[] = [];
  for (const id of new Set(c.answers)) {
    const a = i.options.get(id);
    if (!a)
      return {
        kind: 'hold',
        reason: 'unverified_choice',
        detail: `The assistant picked “${id.slice(0, 40)}”, which is not one of your answers matching this message`,
      };
    used.push(a.id);
    if (a.kind === 'lavka' || i.language === i.shopLanguage) {
      parts.push(a.text);
      continue;
    }
    const approved = i.translation(a.key, i.language, a.text);
    if (approved === null) return { kind: 'translate', key: a.key, title: a.title, text: a.text, used };
    parts.push(approved);
  }
  for (const p of c.products) {
    if (!i.catalog) return { kind: 'hold', reason: 'unverified_choice', detail: 'The catalog is not available' };
    if (!p.customer_words.trim() || !isMentionedIn(p.customer_words, i.customerText)) {
      return { kind: 'hold', reason: 'unverified_choice', detail: `The customer did not name “${p.name.slice(0, 60)}”` };
    }
    const named = i.catalog.find(p.customer_words)[0];
    const chosen = p.name.trim() ? i.catalog.find(p.name)[0] : named;
    if (!named || !chosen || named.id !== chosen.id) {
      return {
        kind: 'hold',
        reason: 'unverified_choice',
        detail: `“${p.customer_words.slice(0, 60)}” is not clearly one product of your catalog`,
      };
    }
    const text = i.catalog.describe(named.id, i.language);
    if (!text) return { kind: 'hold', reason: 'unverified_choice', detail: `“${p.name.slice(0, 60)}” is not in your catalog any more` };
    if (!parts.includes(text)) parts.push(text);
    used.push(`product:${named.id}`);
  }
  const text = parts.join('\n');
  if (text.length > MAX_AUTO_REPLY_CHARS)
    return { kind: 'hold', reason: 'too_long', detail: `The reply would have ${text.length} characters (limit ${MAX_AUTO_REPLY_CHARS})` };
  return { kind: 'send', text, used };
}
