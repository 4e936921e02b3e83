// The few texts the shell shows itself (tray menu, notifications, the start-up failure dialog), in the owner's UI
// language, from the same locale files the window uses (renderer/src/locales/<lang>/desktop.json).
import i18next, { type TFunction } from 'i18next';
import { UI_LANGUAGE_CODES } from '../shared/ui-languages';

// Vite inlines the desktop namespace of every UI language; the shell needs no other UI text.
const files = import.meta.glob<Record<string, unknown>>('../../renderer/src/locales/*/desktop.json', { eager: true, import: 'default' });
const resources = Object.fromEntries(
  Object.entries(files).map(([path, json]) => [
    /locales\/([^/]+)\/desktop\.json$/.exec(path)?.[1] ?? 'en',
    { translation: { desktop: json } },
  ]),
);
export type Translate = (key: string, values?: Record<string, unknown>) => string;

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  lng: 'en',
  fallbackLng: 'en',
  resources,
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});

/** A translator for one language; keys are relative to the desktop bundle ("tray.open"). */
export type ShellLang = string;

export function shellTexts(lang: string): Translate {
  const t: TFunction = instance.getFixedT((UI_LANGUAGE_CODES as readonly string[]).includes(lang) ? lang : 'en');
  return (key, values) => {
    const text: string = t(`desktop.${key}`, values ?? {});
    return text;
  };
}
