// The owner's UI text goes through i18next. Texts live in renderer/src/locales/<lang>/<namespace>.json, one namespace
// per feature, mounted under the namespace's name so a call reads t('inbox.title'). English types the keys
// (i18next.d.ts). Switching language re-renders in place; plural rules come from Intl.PluralRules.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { UI_LANGUAGES, isUiLanguage, type UiLanguage } from '../../../main/shared/ui-languages';
import { uiResources } from './resources';

export { UI_LANGUAGES, type UiLanguage };

/** Language code → its own name, for the pickers in setup and Settings. */
export const UI_LANGUAGE_NAMES: Record<UiLanguage, string> = Object.fromEntries(UI_LANGUAGES.map((l) => [l.code, l.nativeName])) as Record<
  UiLanguage,
  string
>;

void i18next.use(initReactI18next).init({
  resources: uiResources(),
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: UI_LANGUAGES.map((l) => l.code),
  // 'pt-BR' stays 'pt-BR' (its own folder) instead of being reduced to 'pt'.
  load: 'currentOnly',
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes; customer text is never rendered as HTML.
  returnNull: false,
  showSupportNotice: false,
  // A value a text expects but a caller did not pass shows as nothing, never as a raw {{placeholder}}.
  missingInterpolationHandler: () => '',
});

export function setUiLanguage(lang: string): void {
  const l = isUiLanguage(lang) ? lang : 'en';
  if (i18next.language !== l) void i18next.changeLanguage(l);
  if (typeof document !== 'undefined') document.documentElement.lang = l;
}

export default i18next;

/** i18next.t typed by the UI keys, for code outside components (formatters, stores). */
// eslint-disable-next-line @typescript-eslint/no-base-to-string -- UI keys never ask for returnObjects: t gives text
export const tr = ((key: string, options?: object) => String(i18next.t(key, options as never))) as import('./keys').UiT;
