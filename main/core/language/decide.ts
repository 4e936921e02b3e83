// Decides a customer's language from several of their messages, never from one "ok": each message votes for its
// guessed language with a weight that grows with its length and certainty, and a language wins only with enough
// weight from at least two messages and a clear lead. Pure: the service feeds it the latest messages.
import { isCustomerLanguage, type CustomerLanguage } from '../../shared/languages';
import type { MessageLanguage } from './detect';

/** Letters at which one message counts fully; shorter messages count proportionally less. */
const FULL_LETTERS = 20;
/** Weight needed: e.g. one clear sentence plus one short message, or three short ones. */
const NEEDED = 1.2;
/** No single message may carry a decision alone. */
const MAX_PER_MESSAGE = 1;
/** The winner needs at least this many times the runner-up's weight. */
const LEAD = 2;

export function messageWeight(g: MessageLanguage): number {
  const length = Math.min(1, g.letters / FULL_LETTERS);
  return Math.min(MAX_PER_MESSAGE, length * (g.confident ? 1 : 0.5));
}

/**
 * The customer's language from guesses of their latest messages (newest first or any order), or null when the
 * messages do not settle it. Languages Lavka has no customer texts for vote too (so an Italian customer is not
 * taken for Spanish) but are never the answer.
 */
export function decideLanguage(guesses: readonly (MessageLanguage | null)[]): CustomerLanguage | null {
  const weight = new Map<string, number>();
  const messages = new Map<string, number>();
  for (const g of guesses) {
    if (!g) continue;
    weight.set(g.lang, (weight.get(g.lang) ?? 0) + messageWeight(g));
    messages.set(g.lang, (messages.get(g.lang) ?? 0) + 1);
  }
  const ranked = [...weight.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || !isCustomerLanguage(best[0])) return null;
  if ((messages.get(best[0]) ?? 0) < 2 || best[1] < NEEDED) return null;
  if (second && best[1] < LEAD * second[1]) return null;
  return best[0];
}
