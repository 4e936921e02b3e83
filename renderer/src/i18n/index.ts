// The owner's UI text goes through i18next. Texts live in renderer/src/locales/<lang>/<namespace>.json, one namespace
// per feature, mounted under the namespace's name so a call reads t('inbox.title'). English types the keys (keys.ts).
// Only the active language's texts are loaded (one chunk per language, see electron.vite.config.ts); English follows
// in the background as the fallback, other languages load when the owner switches. Plural rules come from Intl.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { UI_LANGUAGES, isUiLanguage, type UiLanguage } from '../../../main/shared/ui-languages';
import { retryAfterReconnect } from '../reconnect';
import { bundles } from './bundles';
import type { Strings } from './types';

export { UI_LANGUAGES, type UiLanguage };

/** Language code → its own name, for the pickers in setup and Settings. */
export const UI_LANGUAGE_NAMES: Record<UiLanguage, string> = Object.fromEntries(UI_LANGUAGES.map((l) => [l.code, l.nativeName])) as Record<
  UiLanguage,
  string
>;

// Not eager: each language is its own chunk, fetched only when that language is shown.
const files = import.meta.glob<Strings>('../locales/*/*.json', { import: 'default' });

void i18next.use(initReactI18next).init({
  resources: {},
  // Texts are added per language as they load; a language without texts yet is not an error.
  partialBundledLanguages: true,
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

const loading = new Map<UiLanguage, Promise<void>>();

/** Whether a language's texts are loaded (so nothing would show a raw key in it). */
export function uiTextsLoaded(lang: string = i18next.language): boolean {
  return i18next.hasResourceBundle(lang, 'translation');
}

/** Loads one language's texts (all its namespaces, one chunk); waits for the connection if Lavka is not reachable. */
export function loadUiTexts(lang: UiLanguage): Promise<void> {
  let p = loading.get(lang);
  if (!p) {
    const mine = Object.entries(files).filter(([path]) => path.startsWith(`../locales/${lang}/`));
    p = retryAfterReconnect(() =>
      Promise.all(mine.map(async ([path, load]) => [/([^/]+)\.json$/.exec(path)![1], await load()] as const)),
    ).then((entries) => {
      const texts: Record<string, Strings> = Object.fromEntries(entries);
      // Features not yet converted from a StringBundle keep their English and Russian texts in code.
      for (const b of bundles) if (lang === 'en' || lang === 'ru') texts[b.ns] ??= b[lang];
      i18next.addResourceBundle(lang, 'translation', texts, true, true);
    });
    p.catch(() => loading.delete(lang)); // a later switch tries again
    loading.set(lang, p);
  }
  return p;
}

const REMEMBERED = 'lavka.uiLanguage';

/** The language the owner's UI showed last time in this browser/window (so the first words come in it), if any. */
export function rememberedUiLanguage(): UiLanguage | null {
  try {
    const l = globalThis.localStorage?.getItem(REMEMBERED);
    return isUiLanguage(l) ? l : null;
  } catch {
    return null;
  }
}

function remember(lang: UiLanguage): void {
  try {
    globalThis.localStorage?.setItem(REMEMBERED, lang);
  } catch {
    // Private mode or storage full: the next start just guesses again.
  }
}

let latest = 0;
let chosen = false;

/** Whether the owner's language is known (remembered, from the settings, or picked in setup), not just assumed. */
export function uiLanguageChosen(): boolean {
  return chosen;
}

function apply(lang: UiLanguage): void {
  chosen = true;
  if (i18next.language !== lang) void i18next.changeLanguage(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  // The fallback for a text missing in this language: not needed for the first screen, so it comes afterwards.
  if (lang !== 'en') void loadUiTexts('en').catch(() => {});
}

/**
 * Shows the UI in `lang` once its texts are loaded (at once when they already are). The last call wins: switching
 * quickly never ends in an earlier choice. Resolves when the language is on screen.
 */
export async function switchUiLanguage(lang: string): Promise<void> {
  const l = isUiLanguage(lang) ? lang : 'en';
  const seq = ++latest;
  remember(l);
  if (!uiTextsLoaded(l)) await loadUiTexts(l);
  if (seq === latest) apply(l);
}

/** switchUiLanguage without waiting (for effects and event handlers). */
export function setUiLanguage(lang: string): void {
  void switchUiLanguage(lang).catch((err) => console.warn('[lavka] UI texts did not load', err));
}

export default i18next;

/** i18next.t typed by the UI keys, for code outside components (formatters, stores). */
export const tr = ((key: string, options?: object) => String(i18next.t(key, options as never))) as import('./keys').UiT;
