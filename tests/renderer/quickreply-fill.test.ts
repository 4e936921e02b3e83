import { describe, expect, it } from 'vitest';
import { describeHours, fillQuickReply, firstName } from '../../renderer/src/features/quickreplies/fill';

const hours = {
  mon: { open: '09:00', close: '18:00' },
  tue: { open: '09:00', close: '18:00' },
  wed: { open: '09:00', close: '18:00' },
  thu: { open: '09:00', close: '18:00' },
  fri: { open: '09:00', close: '18:00' },
  sat: { open: '10:00', close: '16:00' },
  sun: null,
};

describe('quick reply placeholders', () => {
  it('fill the customer’s first name, the business and the hours', () => {
    const text = fillQuickReply('Hi {name}, {business} is open {hours}. {unknown}', {
      name: firstName('Анна Петрова'),
      business: 'Lavka',
      hours: describeHours(hours, 'en'),
    });
    expect(text).toBe('Hi Анна, Lavka is open Mon–Fri 09:00–18:00, Sat 10:00–16:00. {unknown}');
  });

  it('group days with the same hours, in the UI language', () => {
    expect(describeHours({ ...hours, wed: null }, 'ru')).toBe('пн–вт 09:00–18:00, чт–пт 09:00–18:00, сб 10:00–16:00');
  });
});
