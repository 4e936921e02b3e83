import { describe, expect, it } from 'vitest';
import { HourOfDay, resolvePeriod } from '../../../main/core/reports/period';
import { percentile, stat } from '../../../main/core/reports/figures';
import { similarity } from '../../../main/core/reports/suggestions';

const iso = (ms: number) => new Date(ms).toISOString();

describe('report periods in the shop time zone', () => {
  it('"today" runs from local midnight to now; the previous period is yesterday up to the same time', () => {
    const now = Date.parse('2026-03-29T12:00:00Z'); // 14:00 in Berlin, the day clocks went forward
    const p = resolvePeriod({ preset: 'today' }, now, 'Europe/Berlin');
    expect(iso(p.current.from)).toBe('2026-03-28T23:00:00.000Z');
    expect(p.current.to).toBe(now + 1);
    expect(p.previous.fromDate).toBe('2026-03-28');
    expect(iso(p.previous.from)).toBe('2026-03-27T23:00:00.000Z');
    // Same time after local midnight (13 hours, as elapsed time).
    expect(p.previous.to - p.previous.from).toBe(p.current.to - p.current.from);
  });

  it('"7 days" ends today and has 7 local days, one of them 23 hours long', () => {
    const p = resolvePeriod({ preset: '7d' }, Date.parse('2026-03-30T08:00:00Z'), 'Europe/Berlin');
    expect(p.current.days.map((d) => d.date)).toEqual([
      '2026-03-24',
      '2026-03-25',
      '2026-03-26',
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
    ]);
    expect(p.current.days.map((d) => (d.end - d.start) / 3_600_000)).toEqual([24, 24, 24, 24, 24, 23, 24]);
    expect(p.previous.fromDate).toBe('2026-03-17');
    expect(p.previous.toDate).toBe('2026-03-23');
  });

  it('a custom period in the past covers whole days; one that reaches into the future stops today', () => {
    const now = Date.parse('2026-03-30T08:00:00Z');
    const past = resolvePeriod({ preset: 'custom', from: '2026-03-01', to: '2026-03-10' }, now, 'Asia/Ho_Chi_Minh');
    expect(iso(past.current.from)).toBe('2026-02-28T17:00:00.000Z');
    expect(iso(past.current.to)).toBe('2026-03-10T17:00:00.000Z');
    expect(past.previous).toMatchObject({ fromDate: '2026-02-19', toDate: '2026-02-28' });
    const ahead = resolvePeriod({ preset: 'custom', from: '2026-03-28', to: '2026-04-30' }, now, 'UTC');
    expect(ahead.current.toDate).toBe('2026-03-30');
    expect(ahead.current.to).toBe(now + 1);
  });

  it('tells the local hour of day on both sides of a DST change', () => {
    const h = new HourOfDay(Date.parse('2026-10-20T00:00:00Z'), Date.parse('2026-10-30T00:00:00Z'), 'Europe/Berlin');
    expect(h.hour(Date.parse('2026-10-25T00:30:00Z'))).toBe(2); // 02:30 summer time
    expect(h.hour(Date.parse('2026-10-25T01:30:00Z'))).toBe(2); // 02:30 again, winter time
    expect(h.hour(Date.parse('2026-10-25T02:30:00Z'))).toBe(3);
    expect(h.hour(Date.parse('2026-10-24T22:30:00Z'))).toBe(0);
    expect(h.hour(Date.parse('2026-10-25T22:59:00Z'))).toBe(23);
  });
});

describe('report arithmetic', () => {
  it('percentiles interpolate between neighbours (whole milliseconds); nothing to measure gives null', () => {
    expect(percentile([1000, 2000, 3000, 4000], 50)).toBe(2500);
    expect(stat([])).toEqual({ n: 0, median: null, p90: null });
    expect(stat([10, 1, 5])).toEqual({ n: 3, median: 5, p90: 9 });
  });

  it('scores how much of a suggestion survived in what the owner sent', () => {
    expect(similarity('We open at 9 tomorrow', 'We open at 9 tomorrow')).toBe(1);
    expect(similarity('We open at 9 tomorrow', 'we open at 10 tomorrow')).toBeCloseTo(0.8);
    expect(similarity('Sorry, sold out', 'Call me')).toBe(0);
    expect(similarity('', 'anything')).toBe(0);
  });
});
