// Choices offered in setup and settings. Time zones come from the platform; the lists below are the common ones.
import { CUSTOMER_LANGUAGES } from '../../../../main/shared/languages';

const COMMON_CURRENCIES = [
  'EUR',
  'USD',
  'GBP',
  'RUB',
  'UAH',
  'KZT',
  'BYN',
  'GEL',
  'AMD',
  'PLN',
  'CZK',
  'TRY',
  'VND',
  'RSD',
  'CHF',
  'SEK',
  'BRL',
  'MXN',
  'IDR',
  'INR',
];
/** Every currency the platform formats (ISO 4217), or a common list on an older one. */
export const CURRENCIES: string[] = (() => {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  return intl.supportedValuesOf?.('currency') ?? COMMON_CURRENCIES;
})();
/** Languages customers get texts in (main/shared/languages.ts), by their own names. */
export const REPLY_LANGUAGES: Record<string, string> = Object.fromEntries(CUSTOMER_LANGUAGES.map((l) => [l.code, l.nativeName]));
export function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  const list = intl.supportedValuesOf?.('timeZone') ?? ['UTC', 'Europe/Berlin', 'Europe/Moscow', 'Europe/Kyiv', 'Asia/Ho_Chi_Minh'];
  return list.includes('UTC') ? list : ['UTC', ...list];
}

export function guessTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Time zones for a select, with `current` included even when the platform spells it differently (Kyiv / Kiev). */
export function timeZoneOptions(current: string): [string, string][] {
  const list = timeZones();
  return (list.includes(current) ? list : [current, ...list]).map((z) => [z, z.replace(/_/g, ' ')]);
}

/** Currencies for a select: "RUB — Russian ruble", named in the UI language. */
export function currencyOptions(locale: string): [string, string][] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale, 'en'], { type: 'currency' });
  } catch {
    names = null;
  }
  return CURRENCIES.map((c) => [c, names ? `${c} — ${names.of(c) ?? c}` : c]);
}
