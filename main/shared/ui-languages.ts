// The languages the owner's UI is written in (folders of renderer/src/locales/). Pure data shared by the core (the
// settings schema accepts exactly these) and the renderer (the language pickers, Intl locales).
// Adding a UI language = a folder renderer/src/locales/<code>/ plus one line here.

export const UI_LANGUAGES = [
  { code: 'en', nativeName: 'English', locale: 'en' },
  { code: 'ru', nativeName: 'Русский', locale: 'ru' },
  { code: 'uk', nativeName: 'Українська', locale: 'uk' },
  { code: 'es', nativeName: 'Español', locale: 'es' },
  { code: 'pt-BR', nativeName: 'Português (Brasil)', locale: 'pt-BR' },
  { code: 'vi', nativeName: 'Tiếng Việt', locale: 'vi' },
] as const;

export type UiLanguage = (typeof UI_LANGUAGES)[number]['code'];

export const UI_LANGUAGE_CODES = UI_LANGUAGES.map((l) => l.code) as [UiLanguage, ...UiLanguage[]];

export function isUiLanguage(code: string | null | undefined): code is UiLanguage {
  return !!code && (UI_LANGUAGE_CODES as readonly string[]).includes(code);
}
