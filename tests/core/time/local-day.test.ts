import { describe, expect, it } from 'vitest';
import { localDate, localDayStart } from '../../../main/core/orders/service';

describe('local days in the business time zone (daily totals)', () => {
  it('start at local midnight, also on DST change days', () => {
    expect(new Date(localDayStart('2026-03-29', 'Europe/Berlin')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(localDayStart('2026-03-30', 'Europe/Berlin')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(new Date(localDayStart('2026-10-25', 'Europe/Berlin')).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(new Date(localDayStart('2026-01-10', 'Asia/Ho_Chi_Minh')).toISOString()).toBe('2026-01-09T17:00:00.000Z');
  });

  it('a midnight that does not exist (Santiago springs forward at 00:00) starts at the first real minute of the day', () => {
    const start = localDayStart('2026-09-06', 'America/Santiago');
    expect(localDate(start, 'America/Santiago')).toBe('2026-09-06');
    expect(localDate(start - 1, 'America/Santiago')).toBe('2026-09-05');
  });

  it('refuses something that is not a date', () => {
    expect(() => localDayStart('2026-13-45', 'UTC')).toThrow(/not a date/);
    expect(() => localDayStart('yesterday', 'UTC')).toThrow(/not a date/);
  });
});
