// The owner's UI loads only the texts of the language it shows (English follows as the fallback); switching loads
// the new language before showing it, and the last choice wins when the owner switches quickly.
import { describe, expect, it } from 'vitest';
import i18next, { loadUiTexts, switchUiLanguage, uiLanguageChosen, uiTextsLoaded } from '../../renderer/src/i18n';

describe('UI texts per language', () => {
  it('loads a language only when it is shown, and English as the fallback after it', async () => {
    expect(uiLanguageChosen()).toBe(false);
    expect(['en', 'ru', 'uk', 'es', 'pt-BR', 'vi'].filter((l) => uiTextsLoaded(l))).toEqual([]);
    await switchUiLanguage('ru');
    expect(i18next.language).toBe('ru');
    expect(uiLanguageChosen()).toBe(true);
    expect(i18next.t('common.loading')).toBe('Загрузка…');
    expect(uiTextsLoaded('vi')).toBe(false);
    await loadUiTexts('en'); // already on its way: the fallback for a text a language might miss
    expect(uiTextsLoaded('en')).toBe(true);
    expect(uiTextsLoaded('uk')).toBe(false);
  });

  it('ends in the last language chosen when switching quickly', async () => {
    await Promise.all([switchUiLanguage('vi'), switchUiLanguage('uk'), switchUiLanguage('es')]);
    expect(i18next.language).toBe('es');
    expect(i18next.t('common.crash.reload')).toBe('Recargar');
  });

  it('shows an unknown language code in English', async () => {
    await switchUiLanguage('xx');
    expect(i18next.language).toBe('en');
  });
});
