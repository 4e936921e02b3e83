// One answer to "is the shop open now": overnight hours belong to the day they start, closed dates override the week,
// and the assistant and reminders use the same function.
import { describe, expect, it } from 'vitest';
import { isOpenAt, nowLine } from '../../main/core/assistant/context';
import { fromLocal, parseLocal } from '../../main/shared/zoned-time';
import { describeWeek, isShopOpen, nextAllowed, shopOpenAt, type WeekHours } from '../../main/shared/opening-hours';

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

  it('keeps 20:00–02:00 hours right across DST in Kyiv and New York', () => {
    const late: WeekHours = { mon: null, tue: null, wed: null, thu: null, fri: null, sat: { open: '20:00', close: '02:00' }, sun: null };
    // Saturday nights that end in the spring-forward (Sunday 2026-03-29 in Kyiv, 2026-03-08 in New York) and
    // fall-back (2026-10-25 Kyiv, 2026-11-01 New York) Sundays.
    const cases: [string, string[], string[]][] = [
      [
        'Europe/Kyiv',
        ['2026-03-28T20:00', '2026-03-29T01:59', '2026-10-24T23:30', '2026-10-25T01:30'],
        ['2026-03-28T19:59', '2026-03-29T02:00', '2026-10-25T02:00', '2026-03-29T20:30'],
      ],
      [
        'America/New_York',
        ['2026-03-07T21:00', '2026-03-08T01:59', '2026-10-31T20:00', '2026-11-01T01:30'],
        ['2026-03-08T03:00', '2026-11-01T02:00', '2026-11-01T20:00'],
      ],
    ];
    for (const [timeZone, open, closed] of cases) {
      const c = { hours: late, timeZone };
      for (const t of open) expect([timeZone, t, isShopOpen(c, fromLocal(parseLocal(t)!, timeZone))]).toEqual([timeZone, t, true]);
      for (const t of closed) expect([timeZone, t, isShopOpen(c, fromLocal(parseLocal(t)!, timeZone))]).toEqual([timeZone, t, false]);
    }
    // 01:30 on the New York fall-back night happens twice; the shop is open both times, and closes at the second 02:00.
    const firstOneThirty = fromLocal(parseLocal('2026-11-01T01:30')!, 'America/New_York');
    expect(isShopOpen({ hours: late, timeZone: 'America/New_York' }, firstOneThirty + 3_600_000)).toBe(true);
  });

  it('quiet hours "opening hours" send at the next opening, over midnight and across a DST change', () => {
    const late: WeekHours = { mon: null, tue: null, wed: null, thu: null, fri: null, sat: { open: '20:00', close: '02:00' }, sun: null };
    const ny = 'America/New_York';
    const ms = (t: string) => fromLocal(parseLocal(t)!, ny);
    const q = { mode: 'opening_hours' as const, hours: late };
    expect(nextAllowed(ms('2026-03-07T12:00'), ny, q)).toBe(ms('2026-03-07T20:00'));
    expect(nextAllowed(ms('2026-03-08T01:00'), ny, q)).toBe(ms('2026-03-08T01:00'));
    // After closing on the spring-forward Sunday the next opening is Saturday 20:00, now on daylight time.
    expect(new Date(nextAllowed(ms('2026-03-08T04:00'), ny, q)).toISOString()).toBe('2026-03-15T00:00:00.000Z');
  });

  it('the assistant, its prompt, reminders and greetings give one answer for a night shop', () => {
    const b = {
      name: 'Night bakery',
      description: '',
      currency: 'EUR',
      timeZone: 'Europe/Kyiv',
      region: 'UA',
      openingHours: { ...night, mon: { open: '20:00', close: '02:00' } },
      address: '',
      phone: '',
    };
    const c = { hours: b.openingHours, timeZone: b.timeZone };
    for (let h = 0; h < 48; h++) {
      const t = Date.parse('2026-03-01T22:00:00Z') + h * 3_600_000; // Monday 00:00 in Kyiv, for two days
      const open = isShopOpen(c, t);
      expect(isOpenAt(b, t)).toBe(open);
      expect(nextAllowed(t, b.timeZone, { mode: 'opening_hours', hours: b.openingHours }) === t).toBe(open);
      expect(nowLine(b, t).includes(', open until ')).toBe(open);
    }
  });
});
