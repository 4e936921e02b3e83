// What the assistant may read about the catalog and this customer's orders when it writes an ordinary reply
// ("how much is a croissant?", "is my order ready?"): a catalog summary in the stable prefix, this customer's orders
// with the conversation, the products they name with the turn. Built from the database only, so prices may be quoted.
import type { ContextBlock, ContextProvider, ContextRequest, StableBlockProvider } from '../assistant/context';
import type { CatalogService } from '../catalog/service';
import { formatMoney } from '../../shared/money';
import type { Product } from '../catalog/types';
import type { OrdersService } from './service';
import { lineTitle } from './texts';

const MAX_PRODUCTS = 3;
/** A product scoring this against the customer's recent words is worth showing the model. */
const RELEVANT_MIN = 0.3;
/** …and scoring at least this share of the best match's score. */
const CLOSE_TO_BEST = 0.8;

/** Words of a text, lower-cased, for telling which of a product's other names the customer used. */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3);
}

/** A synonym the customer's words use (a shared word start, so "круассаны" finds "круассан"). */
function usedBy(customerWords: string[], synonym: string): boolean {
  return wordsOf(synonym).some((w) => customerWords.some((c) => c.slice(0, 5) === w.slice(0, 5)));
}

function productLine(p: Product, currency: string, customerWords: string[]): string {
  const stock = !p.available || p.stock === 0 ? ' — sold out' : p.stock !== null ? ` — ${p.stock} left` : '';
  const options = p.options.length
    ? `; ${p.options
        .map(
          (g) =>
            `${g.name}: ${g.values.map((v) => (v.priceDeltaMinor ? `${v.value} (${v.priceDeltaMinor > 0 ? '+' : '-'}${formatMoney(Math.abs(v.priceDeltaMinor), currency)})` : v.value)).join(', ')}`,
        )
        .join('; ')}`
    : '';
  // Only the other names the customer used: they tie their words to this product; the rest are tokens re-read each turn.
  const used = p.synonyms.filter((x) => usedBy(customerWords, x)).slice(0, 3);
  const also = used.length ? ` (also: ${used.join(', ')})` : '';
  return `- ${p.name}${also}: ${formatMoney(p.priceMinor, currency)} per ${p.unit}${options}${stock}`;
}

/** How many products the stable prefix lists by name and price (the catalog's first ones, in its own order). */
const SUMMARY_PRODUCTS = 25;

/**
 * The catalog summary in the stable prefix: categories, the first products with their prices, and how orders work.
 * Built from the catalog alone (never from a customer), so it is the same for every call until the owner edits it.
 */
export function catalogSummary(catalog: CatalogService, currency: () => string): StableBlockProvider {
  return {
    id: 'catalog-summary',
    maxTokens: 450,
    provide() {
      const index = catalog.matchIndex();
      if (!index.size) return null;
      const ids = index
        .rows()
        .slice(0, SUMMARY_PRODUCTS)
        .map((r) => r.id);
      const byId = new Map(catalog.repo.activeByIds(ids).map((p) => [p.id, p]));
      const cur = currency();
      const lines = ids
        .map((id) => byId.get(id))
        .filter((p): p is Product => p !== undefined)
        .map((p) => `- ${p.name}: ${formatMoney(p.priceMinor, cur)} per ${p.unit}`);
      return {
        heading: 'CATALOG (prices from the shop database)',
        text: [
          index.categories.length
            ? `Categories: ${index.categories.join(', ')} (${index.size} products in all).`
            : `${index.size} products in all.`,
          ...lines,
          'Orders are taken by Lavka itself: the customer names items and quantities; do not total prices yourself. Stock and the products a customer names are given with the conversation.',
        ].join('\n'),
      };
    },
  };
}

/** The products the customer's latest words name, fresh from the database (price, options, stock): a turn block. */
export function catalogContext(catalog: CatalogService, currency: () => string): ContextProvider {
  return {
    id: 'catalog',
    placement: 'turn',
    maxTokens: 300,
    provide(req: ContextRequest): ContextBlock | null {
      // Names come from the cached match index; only the few products shown are read, fresh (price, stock).
      const index = catalog.matchIndex();
      if (!index.size) return null;
      // Only products about as likely as the best one: a weak third guess costs every turn its tokens.
      const found = index.search(req.customerText, RELEVANT_MIN);
      const ids = found
        .filter((x) => x.score >= found[0].score * CLOSE_TO_BEST)
        .slice(0, MAX_PRODUCTS)
        .map((x) => x.id);
      if (!ids.length) return null;
      const byId = new Map(catalog.repo.activeByIds(ids).map((p) => [p.id, p]));
      const shown = ids.map((id) => byId.get(id)).filter((p): p is Product => p !== undefined);
      if (!shown.length) return null;
      const cur = currency();
      return {
        heading: 'PRODUCTS THE CUSTOMER MAY MEAN',
        text: shown.map((p) => productLine(p, cur, wordsOf(req.customerText))).join('\n'),
        trusted: true,
        sources: shown.slice(0, 3).map((p) => ({ kind: 'catalog', id: `product:${p.id}`, title: p.name })),
      };
    },
  };
}

const DONE = new Set(['completed', 'cancelled']);
const RECENT_ORDER_MS = 14 * 86_400_000;

/** The customer's recent orders: part of the conversation's state (they change rarely). */
export function ordersContext(orders: OrdersService): ContextProvider {
  return {
    id: 'orders',
    // Before the transcript: the next call of this conversation finds it in Ollama's cache.
    placement: 'conversation',
    maxTokens: 60,
    provide(req: ContextRequest): ContextBlock | null {
      // An order still under way, or one from the last days ("is it ready?", "the same as on Monday"): older ones are
      // history the model does not need on every turn (and re-reads whenever another customer wrote in between).
      const list = orders
        .forContact(req.contactId, 1)
        .filter((o) => !DONE.has(o.status) || req.now - (o.placedAt ?? o.createdAt) <= RECENT_ORDER_MS);
      if (!list.length) return null;
      const lines = list.map(
        (o) =>
          `- #${o.number} (${new Date(o.placedAt ?? o.createdAt).toISOString().slice(0, 10)}): ${o.itemsText}; total ${formatMoney(o.totalMinor, o.currency)}; status ${o.status}`,
      );
      return {
        heading: "THIS CUSTOMER'S ORDERS",
        text: lines.join('\n'),
        trusted: true,
        sources: list.slice(0, 2).map((o) => ({ kind: 'order', id: `order:${o.id}`, title: `Order #${o.number}` })),
      };
    },
  };
}

/** The order being put together in this chat: it changes with every message about it, so it goes with the turn. */
export function draftOrderContext(orders: OrdersService): ContextProvider {
  return {
    id: 'draft-order',
    placement: 'turn',
    maxTokens: 80,
    provide(req: ContextRequest): ContextBlock | null {
      const draft = orders.repo.draftFor(req.conversationId);
      if (!draft) return null;
      return {
        heading: 'ORDER BEING PUT TOGETHER',
        text: draft.lines.map((l) => `${l.quantity} × ${lineTitle(l)}`).join(', ') || 'nothing yet',
        trusted: true,
        sources: [],
      };
    },
  };
}
