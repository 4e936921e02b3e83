// What other domains tell the contacts module about a contact (orders: count and total spent; opt-out: whether they
// opted out), registered at construction. Contacts never reads the schema to guess these: a domain that renames a
// column changes its own registration, and the tests of the contact panel and export fail if it does not.
import { currencyDigits } from '../../shared/money';
import { CONTACT_LINKS, type ContactLink } from './links';

/** Orders as the contact list, panel and export count them. SQL over the alias `o`, written by the orders domain. */
export interface OrderFacts {
  table: string;
  /** The order total in major units (e.g. euros); `digits` is the shop currency's number of decimals. */
  totalExpr: (digits: number) => string;
  /** Orders that count (not cancelled, not a draft). */
  countsExpr: string;
}

export interface OptOutFacts {
  /** SQL over the contact alias `c` that is 1 when the contact opted out. */
  expr: string;
}

/** What the contacts module receives: absent facts mean the feature is not in this build (its columns are hidden). */
export interface ContactFacts {
  orders?: OrderFacts;
  optOut?: OptOutFacts;
}

/** The facts with the shop's currency applied, as the contacts repositories read them. */
export interface ContactExtensions {
  orders: { table: string; totalExpr: string; countsExpr: string } | null;
  optOut: OptOutFacts | null;
  /** Tables beyond the contact's own that reference it or its conversation: merge and erase follow their rules. */
  linked: readonly ContactLink[];
}

export function resolveFacts(facts: ContactFacts, currency: string): ContactExtensions {
  const o = facts.orders;
  return {
    orders: o ? { table: o.table, totalExpr: o.totalExpr(currencyDigits(currency)), countsExpr: o.countsExpr } : null,
    optOut: facts.optOut ?? null,
    linked: CONTACT_LINKS,
  };
}

/** Linked tables grouped by table, with the contact's or conversation's id for each reference column. */
export function linkedRefs(
  linked: readonly ContactLink[],
  contactId: number,
  conversationId: number | undefined,
): Map<string, { column: string; id: number }[]> {
  const out = new Map<string, { column: string; id: number }[]>();
  for (const l of linked) {
    const id = l.parent === 'contacts' ? contactId : conversationId;
    if (id === undefined) continue;
    const refs = out.get(l.table) ?? [];
    refs.push({ column: l.column, id });
    out.set(l.table, refs);
  }
  return out;
}
