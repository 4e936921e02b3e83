// The few texts the shell shows itself (tray menu, notifications, the start-up failure dialog), in the owner's UI
// language, from the same string bundle the window uses (renderer/src/features/desktop/strings.ts).
import i18next, { type TFunction } from 'i18next';
import desktop from '../../renderer/src/features/desktop/strings';

export type ShellLang = 'en' | 'ru';
export type Translate = (key: string, values?: Record<string, unknown>) => string;

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  lng: 'en',
  fallbackLng: 'en',
  resources: { en: { translation: { desktop: desktop.en } }, ru: { translation: { desktop: desktop.ru } } },
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});

/** A translator for one language; keys are relative to the desktop bundle ("tray.open"). */
export function shellTexts(lang: string): Translate {
  const t: TFunction = instance.getFixedT(lang === 'ru' ? 'ru' : 'en');
  return (key, values) => t(`desktop.${key}`, values ?? {}) as string;
}
