// One answer to "is the shop open now": overnight hours belong to the day they start, closed dates override the week,
// and the assistant and reminders use the same function.
import { describe, expect, it } from 'vitest';
import { describeWeek, isShopOpen, shopOpenAt, type WeekHours } from '../../main/shared/opening-hours';
import { isOpenAt } from '../../main/core/assistant/context';
import { nextAllowed } from '../../main/core/time/zoned';

const night: WeekHours = {
  mon: { open: '18:00', close: '02:00' },
  tue: { open: '18:00', close: '02:00' },
  wed: null,
  thu: null,
  fri: null,
  sat: null,
  sun: null,
};
const cal = { hours: night, timeZone: 'Europe/Berlin' };
// 2026-03-02 is a Monday; Berlin is UTC+1 in March.
const at = (local: string) => Date.parse(`${local}+01:00`);

describe('is the shop open now', () => {
  it('handles hours past midnight (18:00–02:00)', () => {
    expect(isShopOpen(cal, at('2026-03-02T17:59'))).toBe(false);
    expect(shopOpenAt(cal, at('2026-03-02T20:00'))).toEqual({ open: true, closes: '02:00' });
    expect(isShopOpen(cal, at('2026-03-03T01:30'))).toBe(true);
    expect(isShopOpen(cal, at('2026-03-03T02:00'))).toBe(false);
    // Tuesday night runs into Wednesday, a closed day.
    expect(isShopOpen(cal, at('2026-03-04T01:00'))).toBe(true);
    expect(isShopOpen(cal, at('2026-03-04T20:00'))).toBe(false);
  });

  it('closes on a holiday, including the night that would start on it', () => {
    const holiday = { ...cal, closedDates: ['2026-03-02'] };
    expect(isShopOpen(holiday, at('2026-03-02T20:00'))).toBe(false);
    expect(isShopOpen(holiday, at('2026-03-03T01:00'))).toBe(false);
    expect(isShopOpen(holiday, at('2026-03-03T20:00'))).toBe(true);
  });

  it('is the answer the assistant and reminders both give', () => {
    const b = {
      name: 'Night bakery',
      description: '',
      currency: 'EUR',
      timeZone: 'Europe/Berlin',
      region: 'DE',
      openingHours: night,
      address: '',
      phone: '',
    };
    for (const t of ['2026-03-02T20:00', '2026-03-03T01:00', '2026-03-03T03:00', '2026-03-02T12:00']) {
      const open = isShopOpen(cal, at(t));
      expect(isOpenAt(b, at(t))).toBe(open);
      expect(nextAllowed(at(t), 'Europe/Berlin', { mode: 'opening_hours', hours: night }) === at(t)).toBe(open);
    }
  });

  it('describes the week in the customer’s language', () => {
    const week: WeekHours = {
      mon: { open: '09:00', close: '18:00' },
      tue: { open: '09:00', close: '18:00' },
      wed: { open: '09:00', close: '18:00' },
      thu: { open: '09:00', close: '18:00' },
      fri: { open: '09:00', close: '18:00' },
      sat: { open: '10:00', close: '16:00' },
      sun: null,
    };
    expect(describeWeek(week, 'en', 'closed')).toBe('Mon–Fri 09:00–18:00, Sat 10:00–16:00, Sun closed');
    expect(describeWeek(week, 'de', 'geschlossen')).toMatch(/^Mo\.?–Fr\.? 09:00–18:00, Sa\.? 10:00–16:00, So\.? geschlossen$/);
  });
});
