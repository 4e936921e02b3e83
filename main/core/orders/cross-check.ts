// Deterministic checks on the model's reading of an order: each item must be named in the customer's own words
// (fuzzy, any language, through the catalog's names and "other names") and each quantity must be one the customer
// wrote — as digits in any script or as a number word — or 1 when they wrote none.
import { isMentionedIn } from '../catalog/match';
import type { MatchIndex } from '../catalog/match-index';
import { numbersIn } from '../../shared/number-words';

/** A product scoring this against the customer's words counts as named by them. */
const NAMED_MIN = 0.5;

/** Why the model's items cannot be trusted, or null when every item and quantity comes from the customer's words. */
export function untrustedItems(
  items: readonly { name: string; quantity: number }[],
  customerText: string,
  index: MatchIndex,
): string | null {
  const named = new Set(index.search(customerText, NAMED_MIN).map((x) => x.id));
  const stated = new Set(numbersIn(customerText, { includeWeak: true }));
  for (const item of items) {
    const ownWords = isMentionedIn(item.name, customerText);
    const product = index.search(item.name, NAMED_MIN)[0];
    if (!ownWords && !(product && named.has(product.id))) return `“${item.name}” is not something the customer named`;
    if (item.quantity !== 1 && !stated.has(item.quantity)) return `the customer did not ask for ${item.quantity} × “${item.name}”`;
  }
  return null;
}
