// Opt-out words match whole messages only, in any case and with or without accents; templates check placeholders.
import { describe, expect, it } from 'vitest';
import { DEFAULT_KEYWORDS, matchOptOut, normalise } from '../../../main/core/optout/keywords';
import { confirmationLanguage } from '../../../main/core/optout/confirmation';
import { checkTemplate, defaultTemplate, placeholdersIn, render, REMINDER_KINDS } from '../../../main/core/reminders/templates';
import { createVoice } from '../../../main/shared/i18n/voice';
import { CUSTOMER_LANGUAGE_CODES } from '../../../main/shared/languages';

describe('opt-out words', () => {
  const m = (s: string) => matchOptOut(s, DEFAULT_KEYWORDS);

  it.each([
    ['STOP', 'STOP'],
    ['stop', 'STOP'],
    [' Stop! ', 'STOP'],
    ['стоп', 'стоп'],
    ['СТОП.', 'стоп'],
    ['Відписатися', 'відписатися'],
    ['отписаться 🙏', 'отписаться'],
    ['hủy', 'hủy'],
    ['HUY', 'hủy'],
    ['Hủy đăng ký', 'hủy đăng ký'],
    ['opt-out', 'Opt out'],
    ['Abmelden', 'abmelden'],
  ])('recognises %j', (text, word) => {
    expect(m(text)?.word).toBe(word);
  });

  it.each([
    'Please stop by tomorrow',
    "don't stop",
    'стоп, а хлеб ещё есть?',
    'Stopover in Berlin',
    'hủy đơn hàng #12 giúp mình',
    '',
    '   ',
    'stop '.repeat(30),
  ])('leaves an ordinary message alone: %j', (text) => {
    expect(m(text)).toBeNull();
  });

  it('normalises accents and punctuation but keeps the script', () => {
    expect(normalise('Hủy!!')).toBe('huy');
    expect(normalise('Đừng')).toBe('dung');
    expect(normalise('  СТОП  ')).toBe('стоп');
  });

  it('answers a Ukrainian customer writing "стоп" in Ukrainian, a stranger in Russian', () => {
    const match = m('стоп')!;
    expect(match.langs.slice(0, 2)).toEqual(['ru', 'uk']);
    expect(confirmationLanguage(match, 'uk', 'en')).toBe('uk');
    expect(confirmationLanguage(match, null, 'en')).toBe('ru');
    expect(confirmationLanguage(m('STOP')!, 'vi', 'de')).toBe('en');
    expect(confirmationLanguage({ word: 'stopp', langs: ['xx'] }, 'pl', 'de')).toBe('de');
  });

  it('uses the owner’s own list', () => {
    expect(matchOptOut('genug', [{ word: 'Genug!', lang: 'de' }])).toEqual({ word: 'Genug!', langs: ['de'] });
    // The built-in phrases of every customer language always work: a customer can always opt out.
    expect(matchOptOut('stop', [{ word: 'Genug!', lang: 'de' }])?.word).toBe('stop');
  });
});

describe('templates', () => {
  it('fills placeholders and keeps everything else as typed', () => {
    expect(render('Hi {name}, #{order} = {total}. {unknown} {}', { name: 'Anna <b>', order: '12', total: '€3.50' })).toBe(
      'Hi Anna <b>, #12 = €3.50. {unknown} {}',
    );
  });

  it('refuses unknown placeholders and ones this reminder cannot fill', () => {
    expect(() => checkTemplate('Hi {nmae}', ['name'])).toThrow(/Unknown placeholder \{nmae\}/);
    expect(() => checkTemplate('Order {order}', ['name', 'date', 'business'])).toThrow(/not linked to an order/);
    expect(() => checkTemplate('   ', ['name'])).toThrow(/empty/);
    expect(() => checkTemplate('Hi {name}', ['name'])).not.toThrow();
  });

  it('has a built-in text for every kind in every language, using only known placeholders', () => {
    for (const lang of CUSTOMER_LANGUAGE_CODES) {
      const v = createVoice(lang);
      for (const kind of REMINDER_KINDS) {
        expect(() => checkTemplate(defaultTemplate(kind, v) + 'x', ['name', 'order', 'total', 'date', 'business'])).not.toThrow();
        // Without an order, no text needs {order} or {total}.
        expect(placeholdersIn(defaultTemplate(kind, v, false))).not.toContain('order');
      }
    }
    expect(defaultTemplate('reorder', createVoice('xx'))).toBe(defaultTemplate('reorder', createVoice('en')));
  });
});
