// Countries for setup and settings (every country libphonenumber-js knows, named in the reader's language through
// Intl.DisplayNames, with a flag), and the country a stored phone number belongs to, so the contact card shows
// "🇷🇺 Russia" next to +7… and a number read with the wrong country is visible at a glance.
import { getCountries, getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

export interface CountryOption {
  /** ISO 3166-1 alpha-2, e.g. "RU". */
  code: string;
  /** Name in the reader's language ("Россия", "Russia"). */
  name: string;
  /** Flag emoji built from the code's regional indicator letters. */
  flag: string;
  /** "+7". */
  callingCode: string;
}

/** 🇷🇺 for "RU": each letter shifted to its regional indicator symbol. */
export function flagOf(code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return '';
  return String.fromCodePoint(...[...code].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}

const names = new Map<string, Intl.DisplayNames | null>();

/** The country's name in `locale` ("de" → "Russland"); the code itself when the platform has no name for it. */
export function countryName(code: string, locale: string): string {
  let dn = names.get(locale);
  if (dn === undefined) {
    try {
      dn = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
    } catch {
      dn = null;
    }
    names.set(locale, dn);
  }
  try {
    return dn?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Every country with a phone numbering plan, sorted by its name in `locale`. */
export function countryOptions(locale: string): CountryOption[] {
  const collator = new Intl.Collator(locale);
  return getCountries()
    .map((code) => ({ code, name: countryName(code, locale), flag: flagOf(code), callingCode: `+${getCountryCallingCode(code)}` }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

export function isKnownCountry(code: string): boolean {
  return (getCountries() as string[]).includes(code);
}

/** The country of an E.164 number (+7 916… → RU; +1 → US or CA by its area code), or null. */
export function phoneCountry(e164: string): CountryCode | null {
  try {
    return parsePhoneNumberFromString(e164)?.country ?? null;
  } catch {
    return null;
  }
}

/** Matches a typed search against a country: its name, its code or its calling code ("рос", "ru", "+7"). */
export function countryMatches(c: CountryOption, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return true;
  if (/^\+?\d+$/.test(q)) return c.callingCode === (q.startsWith('+') ? q : `+${q}`);
  return c.name.toLocaleLowerCase().includes(q) || c.code.toLowerCase() === q;
}
