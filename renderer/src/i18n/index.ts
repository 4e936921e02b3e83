// UI text goes through i18next. Each feature keeps its strings beside it (features/<screen>/strings.ts);
// bundles.ts merges them. The UI language follows the owner's setting.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from './bundles';

export const UI_LANGUAGES = { en: 'English', ru: 'Русский' } as const;
export type UiLanguage = keyof typeof UI_LANGUAGES;

void i18next.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes; customer text is never rendered as HTML.
  returnNull: false,
});

export function setUiLanguage(lang: string): void {
  const l = lang in UI_LANGUAGES ? lang : 'en';
  if (i18next.language !== l) void i18next.changeLanguage(l);
  document.documentElement.lang = l;
}

export default i18next;
