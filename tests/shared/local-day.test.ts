// Local days in the business time zone (daily order totals, report periods): midnight by the zone rules.
import { describe, expect, it } from 'vitest';
import { isLocalDate, localDate, localDayStart } from '../../main/shared/zoned-time';
import { localDays } from '../../main/core/reports/period';

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

  it('a DST day in Kyiv or New York is 23 or 25 hours long', () => {
    const hours = (d: { start: number; end: number }) => (d.end - d.start) / 3_600_000;
    expect(localDays('2026-03-29', '2026-03-29', 'Europe/Kyiv').map(hours)).toEqual([23]);
    expect(localDays('2026-10-25', '2026-10-25', 'Europe/Kyiv').map(hours)).toEqual([25]);
    expect(localDays('2026-03-08', '2026-03-09', 'America/New_York').map(hours)).toEqual([23, 24]);
    expect(localDays('2026-11-01', '2026-11-01', 'America/New_York').map(hours)).toEqual([25]);
  });

  it('tells a date from something that is not one', () => {
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-13-45')).toBe(false);
    expect(isLocalDate('yesterday')).toBe(false);
    expect(() => localDayStart('2026-13-45', 'UTC')).toThrow();
  });
});
