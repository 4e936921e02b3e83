// The customer-language detector on short, real-looking chat messages in every customer language: mixed scripts,
// emoji, romanised Russian, Vietnamese without tone marks, Portuguese vs Spanish, Russian vs Ukrainian.
import { describe, expect, it } from 'vitest';
import { detectMessageLanguage } from '../../../main/core/language/detect';
import { detectLanguage } from '../../../main/core/assistant/language';
import { CUSTOMER_LANGUAGE_CODES } from '../../../main/shared/languages';
import { MESSAGE_TABLE } from './messages-table';

const guess = (t: string) => detectMessageLanguage(t)?.lang ?? null;

describe('one message', () => {
  it('covers every customer language with at least eight messages', () => {
    for (const lang of CUSTOMER_LANGUAGE_CODES) expect(MESSAGE_TABLE.filter(([, e]) => e === lang).length).toBeGreaterThanOrEqual(8);
  });

  it('reads the language of at least 97% of the table, and at least 7 of 8 messages in each language', () => {
    const rows = MESSAGE_TABLE.filter(([, e]) => e !== null);
    const wrong = rows.filter(([t, e]) => guess(t) !== e).map(([t, e]) => `${e}: ${t} → ${guess(t)}`);
    expect(wrong.length / rows.length, wrong.join('\n')).toBeLessThanOrEqual(0.03);
    for (const lang of CUSTOMER_LANGUAGE_CODES) {
      const mine = rows.filter(([, e]) => e === lang);
      expect(mine.filter(([t]) => guess(t) === lang).length / mine.length, lang).toBeGreaterThanOrEqual(7 / 8);
    }
  });

  it('says nothing about messages without a language: ok, emoji, a time, a link', () => {
    for (const [t] of MESSAGE_TABLE.filter(([, e]) => e === null)) expect(guess(t), t).toBeNull();
    expect(guess('https://maps.app.goo.gl/xyz 14:30')).toBeNull();
    expect(guess('hello?')).toBeNull();
  });

  it.each([
    ['privet, mozhno zakazat hleb na zavtra?', 'ru'],
    ['spasibo bolshoe', 'ru'],
    ['shop oi con banh kem ko', 'vi'],
    ['Oi, vocês têm pão de centeio hoje?', 'pt'],
    ['Hola, ¿tienen pan de centeno hoy?', 'es'],
    ['quanto custa a baguete', 'pt'],
    ['cuánto cuesta la baguette', 'es'],
    ['Багет, будь ласка', 'uk'],
    ['Багет, пожалуйста', 'ru'],
    ['chocolate cake कितने का है?', 'hi'],
    ['تمام، أشوفكم بكرة 👍', 'ar'],
    ['Danke schön!', 'de'],
  ])('%s → %s', (text, lang) => {
    expect(guess(text)).toBe(lang);
  });

  it('reads a 100 KB message without stalling (only its start is read)', () => {
    expect(guess('Здравствуйте, хлеб есть? '.repeat(4000))).toBe('ru');
  });

  it('keeps detectLanguage(text) for the assistant: same signature, other languages too, confident only when clear', () => {
    expect(detectLanguage('Ciao, avete il pane oggi?')).toEqual({ lang: 'it', confident: true });
    expect(detectLanguage('How much is a cake?')).toEqual({ lang: 'en', confident: true });
    expect(detectLanguage('ok')).toBeNull();
    expect(detectLanguage('привет')?.confident).toBe(false);
  });
});
