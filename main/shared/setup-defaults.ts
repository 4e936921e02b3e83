// What the first-start setup proposes, read from the computer: the owner's languages (browser/system locales) and
// time zone. Pure: the caller passes navigator.languages and Intl's time zone, so tests fake any machine. An owner in
// Moscow with a Russian system gets ru / RU / RUB / Europe/Moscow; one in Berlin with an English system gets German
// customers' language, DE and EUR, with the English UI they use.
import ct from 'countries-and-timezones';
import countryToCurrency from 'country-to-currency';
import { isKnownCountry } from './countries';
import { isCustomerLanguage, type CustomerLanguage } from './languages';

export interface MachineLocale {
  /** navigator.languages (or [navigator.language]), most preferred first: ["ru-RU", "en-US"]. */
  locales: readonly string[];
  /** Intl.DateTimeFormat().resolvedOptions().timeZone, e.g. "Europe/Moscow". */
  timeZone: string | undefined;
}

export interface SetupProposal {
  /** One of `uiLanguages` (Lavka's own screens). */
  uiLanguage: string;
  /** The language customers get when Lavka cannot tell theirs. */
  replyLanguage: CustomerLanguage;
  /** ISO 3166 country, used to read local phone numbers. */
  country: string;
  /** ISO 4217 currency of that country. */
  currency: string;
  timeZone: string;
}

function parse(tag: string): Intl.Locale | null {
  try {
    return new Intl.Locale(tag);
  } catch {
    return null;
  }
}

function validTimeZone(tz: string | undefined): string | null {
  if (!tz) return null;
  try {
    // Kept as the machine spells it ("Europe/Kyiv"); Intl would hand back an older alias ("Europe/Kiev").
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return null;
  }
}

/** The country a time zone lies in, when it is one country's zone (not UTC or Etc/…). */
function countryOfTimeZone(tz: string): string | null {
  const zone = ct.getTimezone(tz);
  const ids = zone?.countries ?? [];
  return ids.length ? ids[0] : null;
}

/** The usual language of a country ("BR" → "pt", "UA" → "uk"), from Unicode's likely-subtags data. */
function languageOfCountry(country: string): string | null {
  return parse(`und-${country}`)?.maximize().language ?? null;
}

export function proposeSetup(machine: MachineLocale, uiLanguages: readonly string[]): SetupProposal {
  const locales = machine.locales.map(parse).filter((l): l is Intl.Locale => l !== null);
  const timeZone = validTimeZone(machine.timeZone) ?? 'UTC';

  // Where the computer is beats what its UI language implies (an English system in Moscow is still in Russia);
  // without a country's time zone, the locale's region, then the region its language most likely means.
  const country =
    [countryOfTimeZone(timeZone), ...locales.map((l) => l.region), ...locales.map((l) => l.maximize().region)].find(
      (c): c is string => !!c && isKnownCountry(c),
    ) ?? 'US';
  const currency = (countryToCurrency as Record<string, string | undefined>)[country] ?? 'USD';

  const uiLanguage = locales.map((l) => l.language).find((l) => uiLanguages.includes(l)) ?? 'en';
  // Customers write in the country's language; if Lavka has no texts in it, the owner's own language, else English.
  const replyLanguage =
    [languageOfCountry(country), ...locales.map((l) => l.language)].find((l): l is CustomerLanguage => isCustomerLanguage(l)) ?? 'en';
  return { uiLanguage, replyLanguage, country, currency, timeZone };
}
