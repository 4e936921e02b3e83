// Every text a customer receives from Lavka itself (order summaries, reminders, opt-out confirmations, holding and
// greeting messages, Auto's composed answers) lives in main/shared/locales/<lang>/<namespace>.json and is rendered
// here, with plural rules from Intl.PluralRules (i18next's `_one/_few/_many/_other` suffixes). Code never glues
// customer-facing sentences together: it picks a key and passes values.
import i18next, { type i18n, type Resource } from 'i18next';
import { localeFiles, onLocaleFilesChanged } from '../locales/files';
import { CUSTOMER_LANGUAGE_CODES, isCustomerLanguage, type CustomerLanguage } from '../languages';

/** { lang: { namespace: {...} } } from main/shared/locales/<lang>/<namespace>.json. */
export function localeResources(): Resource {
  return localeFiles();
}

let instance: i18n | null = null;
onLocaleFilesChanged(() => (instance = null));

function texts(): i18n {
  if (instance) return instance;
  const inst = i18next.createInstance();
  void inst.init({
    resources: localeResources(),
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...CUSTOMER_LANGUAGE_CODES],
    initAsync: false,
    interpolation: { escapeValue: false }, // messenger text, never HTML
    returnNull: false,
    // The library's advert would be the first line `npm run serve` prints, before the link the owner needs.
    showSupportNotice: false,
  });
  instance = inst;
  return inst;
}

/** The language a text is rendered in: the asked one when Lavka speaks it, else English. */
export function textLanguage(lang: string | null | undefined): CustomerLanguage {
  return isCustomerLanguage(lang) ? lang : 'en';
}

/**
 * Renders `namespace:key` (e.g. `orders:summary.title`) in `lang` with values; `count` selects the plural form.
 * A key missing in `lang` falls back to English (the coverage test keeps that from happening in a release).
 */
export function customerText(lang: string | null | undefined, key: string, values: Record<string, unknown> = {}): string {
  return texts().t(key, { ...values, lng: textLanguage(lang) });
}

/** True when `namespace:key` exists in `lang` itself (no fallback) — for coverage tests and owner overrides. */
export function hasCustomerText(lang: string, key: string): boolean {
  return texts().exists(key, { lng: lang, fallbackLng: false });
}

/**
 * The text of `namespace:key` in `lang` (English when missing) with its placeholders written `{name}`, the way the
 * owner edits texts in Settings. For a plural key, its `_other` form.
 */
export function rawCustomerText(lang: string | null | undefined, key: string): string {
  const [ns, path] = key.includes(':') ? (key.split(':', 2) as [string, string]) : ['common', key];
  const get = (lng: string): unknown => texts().getResource(lng, ns, path) ?? texts().getResource(lng, ns, `${path}_other`);
  const value = get(textLanguage(lang)) ?? get('en');
  return typeof value === 'string' ? value.replace(/\{\{\s*(\w+)\s*\}\}/g, '{$1}') : key;
}
