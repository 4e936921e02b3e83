// Everything Lavka writes to a customer about an order. The words live in main/shared/locales/<lang>/orders.json
// (one file per customer language); this module only picks keys and fills them — through a Voice, so money, numbers
// and lists are written the customer's way and the owner's per-language overrides apply. Texts are filled only with
// data from the database (catalog names, prices, totals, the order number) — never with model output, except the
// customer's own words when they literally appear in what the customer wrote (checked by the caller).
import type { Voice } from '../../shared/i18n/voice';
import type { NotifyStatus, Order, OrderIssue, OrderLine } from './types';

export interface ShopInfo {
  name: string;
  address: string;
  currency: string;
  paymentInstructions: string;
}

/** "Ржаной хлеб (Rye bread)" when the customer used their own word, else the catalog name. */
export function lineTitle(line: Pick<OrderLine, 'name' | 'label'>): string {
  if (!line.label || line.label.trim().toLowerCase() === line.name.trim().toLowerCase()) return line.name;
  const label = line.label.trim();
  return `${label.charAt(0).toUpperCase()}${label.slice(1)} (${line.name})`;
}

function lineText(l: OrderLine, currency: string, v: Voice): string {
  const options = l.options.map((o) => o.value).join(', ');
  const title = lineTitle(l);
  // "Cappuccino (large)", or with the customer's word: "Капучино (Cappuccino, large)".
  const item = !options ? title : title.endsWith(')') ? `${title.slice(0, -1)}, ${options})` : `${title} (${options})`;
  const values = {
    quantity: v.number(l.quantity),
    item,
    total: v.money(l.lineTotalMinor, currency),
    price: v.money(l.unitPriceMinor, currency),
  };
  return v.t(l.quantity > 1 ? 'orders:summary.lineEach' : 'orders:summary.line', values);
}

/** The order summary the customer confirms. Built only from the order row and its lines. */
export function summaryText(order: Order, shop: ShopInfo, v: Voice, repriced = false): string {
  const out = [v.t(repriced ? 'orders:summary.repricedHead' : 'orders:summary.head')];
  for (const l of order.lines) out.push(lineText(l, order.currency, v));
  if (order.fulfilment === 'delivery') {
    out.push(v.t('orders:summary.delivery', { address: order.address }));
    out.push(
      order.deliveryMinor > 0
        ? v.t('orders:summary.deliveryFee', { fee: v.money(order.deliveryMinor, order.currency) })
        : v.t('orders:summary.deliveryFree'),
    );
  } else {
    out.push(shop.address ? v.t('orders:summary.pickup', { address: shop.address }) : v.t('orders:summary.pickupNoAddress'));
  }
  if (order.wantedTime) out.push(v.t('orders:summary.time', { time: order.wantedTime }));
  out.push(v.t('orders:summary.total', { total: v.money(order.totalMinor, order.currency) }));
  if (shop.paymentInstructions) out.push('', shop.paymentInstructions);
  out.push('', v.t('orders:summary.confirmHint'));
  return out.join('\n');
}

function quoted(text: string, echo: boolean): string | null {
  return echo ? text.trim().slice(0, 60) : null;
}

/** A question that may quote the customer's own word: `key.quoted` with it, `key` without. */
function withText(v: Voice, key: string, text: string | null, values: Record<string, string | number> = {}): string {
  return text ? v.t(`${key}Quoted`, { ...values, text }) : v.t(key, values);
}

function question(i: OrderIssue, shop: ShopInfo, v: Voice): string {
  switch (i.kind) {
    case 'no_items':
    case 'no_last_order':
    case 'address':
      return v.t(`orders:question.${i.kind}`);
    case 'unknown': {
      const q = withText(v, 'orders:question.unknown', quoted(i.text, i.echo));
      return i.suggestions.length
        ? v.t('orders:question.withSuggestion', { question: q, suggestion: v.t('orders:question.suggest', { names: v.or(i.suggestions) }) })
        : q;
    }
    case 'ambiguous':
      return i.candidates.length === 1
        ? withText(v, 'orders:question.didYouMean', quoted(i.text, i.echo), { name: i.candidates[0] })
        : withText(v, 'orders:question.ambiguous', quoted(i.text, i.echo), { names: v.or(i.candidates) });
    case 'sold_out':
    case 'quantity_invalid':
    case 'gone':
      return v.t(`orders:question.${i.kind}`, { product: i.product });
    case 'low_stock':
      return v.t('orders:question.low_stock', { product: i.product, count: i.left });
    case 'option_missing': {
      const values = i.values.map((o) =>
        o.priceDeltaMinor
          ? v.t(o.priceDeltaMinor > 0 ? 'orders:question.optionSurcharge' : 'orders:question.optionDiscount', {
              value: o.value,
              price: v.money(Math.abs(o.priceDeltaMinor), shop.currency),
            })
          : o.value,
      );
      return v.t('orders:question.option_missing', { product: i.product, group: i.group, values: v.or(values) });
    }
    case 'option_unknown': {
      const choices = i.groups.map((g) => v.t('orders:question.optionGroup', { group: g.group, values: v.or(g.values) })).join('; ');
      return withText(v, 'orders:question.option_unknown', quoted(i.text, i.echo), { product: i.product, choices });
    }
    case 'quantity_too_large':
      return v.t('orders:question.quantity_too_large', { product: i.product, quantity: v.number(i.quantity), max: v.number(i.max) });
    case 'fulfilment':
    case 'no_delivery':
      return i.pickupAddress ? v.t(`orders:question.${i.kind}At`, { address: i.pickupAddress }) : v.t(`orders:question.${i.kind}`);
  }
}

/** One clarifying question per issue, in one message. */
export function questionsText(issues: OrderIssue[], shop: ShopInfo, v: Voice): string {
  const lines = issues.map((i) => question(i, shop, v));
  if (lines.length === 1) return lines[0];
  return [v.t('orders:question.head'), ...lines.map((l) => v.t('orders:question.bullet', { question: l }))].join('\n');
}

export function placedText(order: Order, v: Voice): string {
  return v.t('orders:placed', { number: String(order.number ?? ''), total: v.money(order.totalMinor, order.currency) });
}

export function cancelledText(v: Voice): string {
  return v.t('orders:cancelled');
}

export function whatToChangeText(v: Voice): string {
  return v.t('orders:whatToChange');
}

/** The built-in (or the owner's per-language) text for a status change, placeholders left in. */
export function defaultStatusTemplate(status: NotifyStatus, v: Voice): string {
  return v.template(`orders:status.${status}`);
}

/**
 * Fills a status template. Placeholders: {number} {total} {name} {shop} {address} {time} {pickup}; unknown ones stay
 * as typed so the owner sees the mistake in the preview.
 */
export function fillStatusTemplate(template: string, order: Order, shop: ShopInfo, v: Voice): string {
  const values: Record<string, string> = {
    number: String(order.number ?? ''),
    total: v.money(order.totalMinor, order.currency),
    name: order.customerName,
    shop: shop.name,
    address: order.fulfilment === 'delivery' ? order.address : shop.address,
    time: order.wantedTime,
    pickup:
      order.fulfilment === 'pickup'
        ? shop.address
          ? v.t('orders:summary.pickup', { address: shop.address })
          : v.t('orders:summary.pickupNoAddress')
        : '',
  };
  return template
    .replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? values[k] : m))
    .replace(/[ \t]+$/gm, '')
    .trim();
}
