// Turns what the customer asked for (item words, quantities, options, pickup/delivery) into priced order lines
// and a list of open questions. Prices, stock and totals come only from the catalog; anything uncertain becomes
// an issue (a clarifying question), never a guess.
import { isMentionedIn, matchOptions, matchProduct, productScore, type ChosenOption } from '../catalog/match';
import type { CatalogService } from '../catalog/service';
import type { Product } from '../catalog/types';
import type { NewLine } from './orders-repo';
import type { OrdersSettings } from './settings';
import type { Fulfilment, OrderIssue } from './types';

export interface RequestedItem {
  /** What the customer called it (or the catalog name, when it comes from an earlier order). */
  name: string;
  quantity: number;
  options: string[];
  /** Set when the item is known exactly (a repeat of an earlier order, the owner's editor): no name matching. */
  productId?: number;
  /** Exact option choices (owner's editor, repeat): group → value. */
  chosen?: Record<string, string>;
}

export interface BuildInput {
  items: RequestedItem[];
  fulfilment: Fulfilment | 'unknown';
  address: string | null;
  wantedTime: string | null;
  /** What the customer wrote recently: model-extracted words are echoed or trusted only if they appear here. */
  customerText: string;
  /** Addresses the customer used on earlier orders (trusted for "same as last time"). */
  knownAddresses: string[];
  /** The owner entered this: addresses and names are taken as typed. */
  byOwner?: boolean;
}

export interface BuiltOrder {
  lines: NewLine[];
  issues: OrderIssue[];
  fulfilment: Fulfilment;
  address: string;
  wantedTime: string;
  subtotalMinor: number;
  deliveryMinor: number;
  totalMinor: number;
}

export interface ShopContext {
  pickupAddress: string;
  settings: OrdersSettings;
}

/**
 * The products buildOrder needs for these items, fresh from the database: every product an item's name could match
 * (so the outcome equals matching against the whole catalog) and the exact products of repeated or edited lines.
 */
export function catalogFor(catalog: Pick<CatalogService, 'forMatching'>, items: readonly RequestedItem[]): Product[] {
  return catalog.forMatching(
    items.filter((i) => i.productId === undefined).map((i) => i.name),
    items.flatMap((i) => (i.productId !== undefined ? [i.productId] : [])),
  );
}

export function buildOrder(input: BuildInput, catalog: readonly Product[], shop: ShopContext): BuiltOrder {
  const issues: OrderIssue[] = [];
  const byId = new Map(catalog.map((p) => [p.id, p]));
  const max = shop.settings.maxQuantity;
  const merged = new Map<string, NewLine & { product: Product }>();
  const echo = (text: string) => !!input.byOwner || isMentionedIn(text, input.customerText);

  for (const item of input.items) {
    let product: Product | undefined;
    if (item.productId !== undefined) {
      product = byId.get(item.productId);
      if (!product) {
        issues.push({ kind: 'gone', product: item.name });
        continue;
      }
    } else {
      const m = matchProduct(item.name, catalog);
      if (m.kind === 'unknown') {
        const suggestions = catalog
          .map((p) => ({ p, s: productScore(item.name, p) }))
          .filter((x) => x.s >= 0.35)
          .sort((a, b) => b.s - a.s)
          .slice(0, 3)
          .map((x) => x.p.name);
        issues.push({ kind: 'unknown', text: item.name, echo: echo(item.name), suggestions });
        continue;
      }
      if (m.kind === 'ambiguous') {
        issues.push({ kind: 'ambiguous', text: item.name, echo: echo(item.name), candidates: m.candidates.map((p) => p.name) });
        continue;
      }
      product = m.product;
    }

    const qty = item.quantity;
    if (!Number.isFinite(qty) || qty <= 0 || !Number.isInteger(qty)) {
      issues.push({ kind: 'quantity_invalid', product: product.name });
      continue;
    }
    if (qty > max) {
      issues.push({ kind: 'quantity_too_large', product: product.name, quantity: qty, max });
      continue;
    }

    let chosen: ChosenOption[];
    if (item.chosen) {
      chosen = [];
      let missing = false;
      for (const g of product.options) {
        const want = item.chosen[g.name];
        const v = g.values.find((x) => x.value === want) ?? (g.values.length === 1 ? g.values[0] : undefined);
        if (!v) {
          issues.push({ kind: 'option_missing', product: product.name, group: g.name, values: g.values });
          missing = true;
          break;
        }
        chosen.push({ group: g.name, value: v.value, priceDeltaMinor: v.priceDeltaMinor });
      }
      if (missing) continue;
    } else {
      const om = matchOptions(product, item.name, item.options);
      if (om.unknown.length) {
        issues.push({
          kind: 'option_unknown',
          product: product.name,
          text: om.unknown[0],
          echo: echo(om.unknown[0]),
          groups: product.options.map((g) => ({ group: g.name, values: g.values.map((v) => v.value) })),
        });
        continue;
      }
      if (om.missing.length) {
        for (const g of om.missing) issues.push({ kind: 'option_missing', product: product.name, group: g.name, values: g.values });
        continue;
      }
      chosen = om.chosen;
    }

    // Option prices come from the catalog too (the chosen value's delta, not anything the model said).
    const current = new Map(product.options.flatMap((g) => g.values.map((v) => [`${g.name}\u0000${v.value}`, v.priceDeltaMinor] as const)));
    chosen = chosen.map((c) => ({ ...c, priceDeltaMinor: current.get(`${c.group}\u0000${c.value}`) ?? c.priceDeltaMinor }));
    const unitPrice = product.priceMinor + chosen.reduce((s, c) => s + c.priceDeltaMinor, 0);
    const key = `${product.id}|${chosen.map((c) => `${c.group}=${c.value}`).join('|')}`;
    // Exact items (repeat, re-pricing) carry their earlier label as the name; matched ones get the closest synonym.
    const differs = item.name.trim().toLowerCase() !== product.name.toLowerCase();
    const label = !differs ? '' : item.productId !== undefined ? item.name.trim() : echo(item.name) ? bestLabel(item.name, product) : '';
    const prev = merged.get(key);
    if (prev) {
      prev.quantity += qty;
      prev.lineTotalMinor = prev.unitPriceMinor * prev.quantity;
    } else {
      merged.set(key, {
        product,
        productId: product.id,
        sku: product.sku,
        name: product.name,
        label,
        unit: product.unit,
        options: chosen,
        quantity: qty,
        unitPriceMinor: unitPrice,
        lineTotalMinor: unitPrice * qty,
      });
    }
  }

  // Stock and availability per product, over all its lines.
  const lines: NewLine[] = [];
  const wantedByProduct = new Map<number, number>();
  for (const l of merged.values()) wantedByProduct.set(l.product.id, (wantedByProduct.get(l.product.id) ?? 0) + l.quantity);
  const reported = new Set<number>();
  for (const l of merged.values()) {
    const p = l.product;
    const wanted = wantedByProduct.get(p.id)!;
    if (l.quantity > max || wanted > max) {
      if (!reported.has(p.id)) issues.push({ kind: 'quantity_too_large', product: p.name, quantity: wanted, max });
      reported.add(p.id);
      continue;
    }
    if (!p.available || p.archived || p.stock === 0) {
      if (!reported.has(p.id)) issues.push({ kind: 'sold_out', product: p.name });
      reported.add(p.id);
      continue;
    }
    if (p.stock !== null && p.stock < wanted) {
      if (!reported.has(p.id)) issues.push({ kind: 'low_stock', product: p.name, left: p.stock, wanted });
      reported.add(p.id);
      continue;
    }
    const { product: _product, ...line } = l;
    lines.push(line);
  }

  if (input.items.length === 0) issues.push({ kind: 'no_items' });

  // Pickup or delivery: never assume delivery, never invent an address.
  let fulfilment: Fulfilment = 'pickup';
  let address = '';
  const d = shop.settings.delivery;
  if (input.fulfilment === 'delivery') {
    if (!d.offered) {
      issues.push({ kind: 'no_delivery', pickupAddress: shop.pickupAddress });
    } else {
      fulfilment = 'delivery';
      const a = input.address?.trim() ?? '';
      const trusted =
        !!input.byOwner ||
        (a !== '' &&
          (isMentionedIn(a, input.customerText) || input.knownAddresses.some((k) => k.trim().toLowerCase() === a.toLowerCase())));
      if (trusted) address = a;
      else issues.push({ kind: 'address' });
    }
  } else if (input.fulfilment === 'unknown' && d.offered) {
    issues.push({ kind: 'fulfilment', pickupAddress: shop.pickupAddress });
  }

  // The wanted time is optional: an unverifiable one is dropped rather than echoed.
  const t = input.wantedTime?.trim() ?? '';
  const wantedTime = t && (input.byOwner || isMentionedIn(t, input.customerText)) ? t : '';

  const subtotalMinor = lines.reduce((s, l) => s + l.lineTotalMinor, 0);
  const deliveryMinor = fulfilment === 'delivery' && !(d.freeFromMinor !== null && subtotalMinor >= d.freeFromMinor) ? d.feeMinor : 0;
  return { lines, issues, fulfilment, address, wantedTime, subtotalMinor, deliveryMinor, totalMinor: subtotalMinor + deliveryMinor };
}

/** The product name or synonym closest to the customer's words, as they would say it ("ржаной хлеб"). */
function bestLabel(text: string, p: Product): string {
  let best = '';
  let score = 0;
  for (const s of p.synonyms) {
    const sc = productScore(text, { ...p, name: s, synonyms: [], sku: '' });
    if (sc > score) {
      score = sc;
      best = s;
    }
  }
  const own = productScore(text, { ...p, synonyms: [], sku: '' });
  return score > own ? best : '';
}
