// The languages Lavka speaks to customers and the ones its own UI is written in. Pure data: imported by the core and
// the renderer alike (main/shared has no Node and no DOM). Adding a language = a folder in main/shared/locales/ (customer
// texts) and/or renderer/src/locales/ (UI), plus one line here.

export interface LanguageInfo {
  /** Lavka's code for the language (the locale folder's name). */
  code: string;
  /** The language's own name, as a customer or owner would read it in a list. */
  nativeName: string;
  /** English name, for prompts to the model ("Reply in Portuguese"). */
  englishName: string;
  /** BCP 47 locale for Intl (numbers, dates, plural rules). */
  locale: string;
  /** Written right to left. */
  rtl?: boolean;
}

/** Languages in which customers get every text Lavka sends (customer.json, lexicon.json…). */
export const CUSTOMER_LANGUAGES = [
  { code: 'en', nativeName: 'English', englishName: 'English', locale: 'en' },
  { code: 'ru', nativeName: 'Русский', englishName: 'Russian', locale: 'ru' },
  { code: 'uk', nativeName: 'Українська', englishName: 'Ukrainian', locale: 'uk' },
  { code: 'vi', nativeName: 'Tiếng Việt', englishName: 'Vietnamese', locale: 'vi' },
  { code: 'de', nativeName: 'Deutsch', englishName: 'German', locale: 'de' },
  { code: 'es', nativeName: 'Español', englishName: 'Spanish', locale: 'es' },
  { code: 'pt', nativeName: 'Português (Brasil)', englishName: 'Portuguese', locale: 'pt-BR' },
  { code: 'id', nativeName: 'Bahasa Indonesia', englishName: 'Indonesian', locale: 'id' },
  { code: 'hi', nativeName: 'हिन्दी', englishName: 'Hindi', locale: 'hi' },
  { code: 'tr', nativeName: 'Türkçe', englishName: 'Turkish', locale: 'tr' },
  { code: 'fr', nativeName: 'Français', englishName: 'French', locale: 'fr' },
  { code: 'ar', nativeName: 'العربية', englishName: 'Arabic', locale: 'ar', rtl: true },
] as const satisfies readonly LanguageInfo[];

export type CustomerLanguage = (typeof CUSTOMER_LANGUAGES)[number]['code'];

export const CUSTOMER_LANGUAGE_CODES: readonly CustomerLanguage[] = CUSTOMER_LANGUAGES.map((l) => l.code);

export function isCustomerLanguage(code: string | null | undefined): code is CustomerLanguage {
  return !!code && (CUSTOMER_LANGUAGE_CODES as readonly string[]).includes(code);
}

export function languageInfo(code: string): LanguageInfo | undefined {
  return (CUSTOMER_LANGUAGES as readonly LanguageInfo[]).find((l) => l.code === code);
}
