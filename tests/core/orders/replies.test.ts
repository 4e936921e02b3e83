import { describe, expect, it } from 'vitest';
import { asksForRepeat, classifyReply, onlyAsksForRepeat, pickLanguage } from '../../../main/core/orders/replies';

describe('reading a reply to an order summary without a model', () => {
  it.each([
    'yes',
    'Yes!',
    'yes please',
    'ok',
    'OK 👍',
    'okay, thanks',
    'sure',
    'correct',
    'sounds good',
    '👍',
    '✅',
    'да',
    'Да!',
    'да, всё верно',
    'Ок, спасибо',
    'подтверждаю',
    'хорошо',
    'Давайте',
    'так',
    'Так, дякую',
    'добре',
    'підтверджую',
    'có',
    'Có ạ',
    'ok chốt',
    'đồng ý',
    'vâng',
    'ja',
    'passt',
  ])('"%s" confirms', (text) => {
    expect(classifyReply(text)).toBe('yes');
  });

  it.each([
    'yes but 3 croissants',
    'да, и ещё багет',
    'ok 2 more',
    'not ok',
    'no',
    'нет',
    'what is the total?',
    'yes? how much is delivery',
    'да нет наверное',
    '',
  ])('"%s" does not confirm', (text) => {
    expect(classifyReply(text)).not.toBe('yes');
  });

  it('tells cancel from a bare "no" (which asks what to change) from a change', () => {
    expect(classifyReply('cancel')).toBe('cancel');
    expect(classifyReply('Отмена')).toBe('cancel');
    expect(classifyReply('не надо, спасибо')).toBe('cancel');
    expect(classifyReply('скасувати')).toBe('cancel');
    expect(classifyReply('hủy đơn')).toBe('cancel');
    expect(classifyReply('no')).toBe('no');
    expect(classifyReply('нет, спасибо')).toBe('no');
    expect(classifyReply('no, 3 croissants')).toBe('other');
  });

  it('recognises "the usual" in four languages', () => {
    for (const t of [
      'The usual please',
      'same as last time',
      'Как обычно!',
      'как в прошлый раз, пожалуйста',
      'як завжди',
      'như mọi khi nhé',
    ]) {
      expect(asksForRepeat(t)).toBe(true);
    }
    expect(onlyAsksForRepeat('Hi! The usual please')).toBe(true);
    expect(onlyAsksForRepeat('The usual but with 3 rye breads')).toBe(false);
    expect(asksForRepeat('I usually buy rye bread')).toBe(false);
  });

  it('picks the customer language from letters, keeping the known one for short Latin or plain Cyrillic replies', () => {
    expect(pickLanguage('Хочу два хлеба', [])).toBe('ru');
    expect(pickLanguage('Хочу дві хлібини', [])).toBe('uk');
    expect(pickLanguage('Привет', ['uk'])).toBe('uk');
    expect(pickLanguage('Cho mình 2 bánh mì', [])).toBe('vi');
    expect(pickLanguage('ok', ['vi'])).toBe('vi');
    expect(pickLanguage('ok', ['ru'])).toBe('ru');
    expect(pickLanguage('да', ['en'])).toBe('en');
    expect(pickLanguage('Sorry, can I change my order please?', ['ru'])).toBe('en');
    expect(pickLanguage('Багет, будь ласка', [])).toBe('uk');
    expect(pickLanguage('Багет, пожалуйста', ['uk'])).toBe('ru');
    expect(pickLanguage('👍', ['ru'])).toBe('ru');
    expect(pickLanguage('👍', [null, 'de'])).toBe('de');
    expect(pickLanguage('👍', [null, 'it'])).toBe('en');
  });
});
