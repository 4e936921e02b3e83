// A "voice" is how Lavka writes to one customer: their language's texts (with the owner's overrides for that
// language), and numbers, money and lists written the way that language writes them (Intl in the customer's locale).
// Modules that compose customer messages receive a Voice and never glue sentences themselves.
import { languageInfo, type CustomerLanguage } from '../languages';
import { formatMoney } from '../money';
import { customerText, rawCustomerText, textLanguage } from './customer-texts';

/** The owner's own wording: `{ 'orders:placed': 'Thanks {name}! …' }` for one language, single-brace placeholders. */
export type TextOverrides = Readonly<Record<string, string>>;

export interface Voice {
  lang: CustomerLanguage;
  /** BCP 47 locale for Intl (pt-BR for pt). */
  locale: string;
  /** Renders `namespace:key` with values; `count` picks the plural form. The owner's override wins. */
  t(key: string, values?: Record<string, string | number>): string;
  /** The text with `{placeholder}`s left in, for texts the owner edits (status texts, reminders). */
  template(key: string): string;
  /** "€3.50" / "3,50 €" / "R$ 3,50" — in the customer's locale. */
  money(minor: number, currency: string): string;
  number(n: number): string;
  /** "a, b or c" in the customer's language. */
  or(items: readonly string[]): string;
  and(items: readonly string[]): string;
}

/** Fills `{name}` placeholders of an owner's text; unknown ones stay as typed so the owner sees the mistake. */
export function fillPlaceholders(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, k: string) => (k in values ? String(values[k]) : whole));
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const listFormats = new Map<string, Intl.ListFormat>();

function cached<T>(map: Map<string, T>, key: string, make: () => T): T {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

export function createVoice(lang: string | null | undefined, overrides: TextOverrides = {}): Voice {
  const code = textLanguage(lang);
  const locale = languageInfo(code)?.locale ?? 'en';
  const list = (type: 'conjunction' | 'disjunction') =>
    cached(listFormats, `${locale}|${type}`, () => new Intl.ListFormat(locale, { style: 'long', type }));
  return {
    lang: code,
    locale,
    t(key, values = {}) {
      const own = overrides[key]?.trim();
      return own ? fillPlaceholders(own, values) : customerText(code, key, values);
    },
    template(key) {
      return overrides[key]?.trim() || rawCustomerText(code, key);
    },
    money: (minor, currency) => formatMoney(minor, currency, locale),
    number(n) {
      return cached(numberFormats, `${locale}|n`, () => new Intl.NumberFormat(locale)).format(n);
    },
    or: (items) => list('disjunction').format(items),
    and: (items) => list('conjunction').format(items),
  };
}
