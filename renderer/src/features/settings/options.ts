// Choices offered in setup and settings. Time zones come from the platform; the lists below are the common ones.
export const CURRENCIES = ['EUR', 'USD', 'GBP', 'RUB', 'UAH', 'KZT', 'BYN', 'GEL', 'AMD', 'PLN', 'CZK', 'TRY', 'VND', 'RSD', 'CHF', 'SEK'];
export const REPLY_LANGUAGES: Record<string, string> = {
  en: 'English',
  ru: 'Русский',
  uk: 'Українська',
  vi: 'Tiếng Việt',
  de: 'Deutsch',
  es: 'Español',
  fr: 'Français',
  pl: 'Polski',
  tr: 'Türkçe',
  kk: 'Қазақша',
};
export const REGIONS = ['DE', 'RU', 'UA', 'KZ', 'BY', 'GE', 'AM', 'PL', 'CZ', 'TR', 'VN', 'RS', 'GB', 'US', 'FR', 'ES', 'IT', 'NL', 'AT', 'CH'];

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
