// Wall-clock math in the business time zone: DST gaps and overlaps (Europe/Berlin), quiet hours, recurrence steps.
import { describe, expect, it } from 'vitest';
import { addMonths, fromLocal, nextLocal, parseLocal, toLocal, formatLocal } from '../../main/shared/zoned-time';
import { DEFAULT_HOURS, nextAllowed } from '../../main/shared/opening-hours';

const BER = 'Europe/Berlin';
const local = (s: string) => parseLocal(s)!;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');

describe('local ⇄ UTC in Europe/Berlin', () => {
  it('converts ordinary winter and summer times', () => {
    expect(iso(fromLocal(local('2026-01-15T10:00'), BER))).toBe('2026-01-15T09:00:00Z');
    expect(iso(fromLocal(local('2026-07-15T10:00'), BER))).toBe('2026-07-15T08:00:00Z');
    expect(formatLocal(toLocal(Date.parse('2026-07-15T08:00:00Z'), BER))).toBe('2026-07-15T10:00');
  });

  it('moves a time inside the spring-forward gap forward by an hour (02:30 → 03:30)', () => {
    // 29 March 2026: clocks jump from 02:00 CET to 03:00 CEST.
    const t = fromLocal(local('2026-03-29T02:30'), BER);
    expect(iso(t)).toBe('2026-03-29T01:30:00Z');
    expect(formatLocal(toLocal(t, BER))).toBe('2026-03-29T03:30');
    expect(iso(fromLocal(local('2026-03-29T01:59'), BER))).toBe('2026-03-29T00:59:00Z');
    expect(iso(fromLocal(local('2026-03-29T03:00'), BER))).toBe('2026-03-29T01:00:00Z');
  });

  it('takes the first of the two 02:30s on the fall-back night', () => {
    // 25 October 2026: clocks go back from 03:00 CEST to 02:00 CET, so 02:30 happens twice.
    expect(iso(fromLocal(local('2026-10-25T02:30'), BER))).toBe('2026-10-25T00:30:00Z');
    expect(iso(fromLocal(local('2026-10-25T03:30'), BER))).toBe('2026-10-25T02:30:00Z');
  });

  it('rejects impossible local dates', () => {
    expect(parseLocal('2026-02-30T10:00')).toBeUndefined();
    expect(parseLocal('2026-02-28T24:00')).toBeUndefined();
    expect(parseLocal('tomorrow')).toBeUndefined();
  });
});

describe('recurrence in local days', () => {
  it('keeps 10:00 at 10:00 across spring forward and fall back (23 h and 25 h days)', () => {
    const before = local('2026-03-28T10:00');
    const next = nextLocal(before, { repeat: 'daily', every: 1 })!;
    expect(formatLocal(next)).toBe('2026-03-29T10:00');
    expect(fromLocal(next, BER) - fromLocal(before, BER)).toBe(23 * 3600_000);
    const autumn = nextLocal(local('2026-10-24T10:00'), { repeat: 'daily', every: 1 })!;
    expect(fromLocal(autumn, BER) - fromLocal(local('2026-10-24T10:00'), BER)).toBe(25 * 3600_000);
    expect(iso(fromLocal(autumn, BER))).toBe('2026-10-25T09:00:00Z');
  });

  it('steps weekly, every N days and monthly (31st → end of shorter months)', () => {
    expect(formatLocal(nextLocal(local('2026-03-25T09:30'), { repeat: 'weekly', every: 1 })!)).toBe('2026-04-01T09:30');
    expect(formatLocal(nextLocal(local('2026-12-30T09:30'), { repeat: 'every_n_days', every: 3 })!)).toBe('2027-01-02T09:30');
    const jan31 = local('2026-01-31T12:00');
    const feb = nextLocal(jan31, { repeat: 'monthly', every: 1, day: 31 })!;
    expect(formatLocal(feb)).toBe('2026-02-28T12:00');
    expect(formatLocal(nextLocal(feb, { repeat: 'monthly', every: 1, day: 31 })!)).toBe('2026-03-31T12:00');
    expect(formatLocal(addMonths(local('2026-11-15T08:00'), 3, 15))).toBe('2027-02-15T08:00');
    expect(nextLocal(jan31, { repeat: 'none', every: 1 })).toBeUndefined();
  });
});

describe('quiet hours', () => {
  const fixed = { mode: 'fixed' as const, start: '21:00', end: '09:00' };
  const at = (s: string) => fromLocal(local(s), BER);

  it('holds a 23:00 reminder until 09:00 the next morning, and an early one until 09:00 the same day', () => {
    expect(nextAllowed(at('2026-03-10T23:00'), BER, fixed)).toBe(at('2026-03-11T09:00'));
    expect(nextAllowed(at('2026-03-11T06:15'), BER, fixed)).toBe(at('2026-03-11T09:00'));
    expect(nextAllowed(at('2026-03-11T21:00'), BER, fixed)).toBe(at('2026-03-12T09:00'));
    expect(nextAllowed(at('2026-03-11T09:00'), BER, fixed)).toBe(at('2026-03-11T09:00'));
    expect(nextAllowed(at('2026-03-11T20:59'), BER, fixed)).toBe(at('2026-03-11T20:59'));
  });

  it('ends at 09:00 local on the night the clocks change', () => {
    expect(iso(nextAllowed(at('2026-03-28T23:00'), BER, fixed))).toBe('2026-03-29T07:00:00Z'); // 09:00 CEST
    expect(iso(nextAllowed(at('2026-10-24T23:00'), BER, fixed))).toBe('2026-10-25T08:00:00Z'); // 09:00 CET
  });

  it('handles a daytime quiet period and "off"', () => {
    const lunch = { mode: 'fixed' as const, start: '13:00', end: '14:00' };
    expect(nextAllowed(at('2026-03-11T13:30'), BER, lunch)).toBe(at('2026-03-11T14:00'));
    expect(nextAllowed(at('2026-03-11T23:30'), BER, lunch)).toBe(at('2026-03-11T23:30'));
    expect(nextAllowed(at('2026-03-11T23:30'), BER, { mode: 'off' })).toBe(at('2026-03-11T23:30'));
  });

  it('follows opening hours: closed Sunday waits for Monday 09:00, Saturday opens at 10:00', () => {
    const shop = { mode: 'opening_hours' as const, hours: DEFAULT_HOURS };
    expect(nextAllowed(at('2026-03-15T12:00'), BER, shop)).toBe(at('2026-03-16T09:00')); // Sunday
    expect(nextAllowed(at('2026-03-14T09:30'), BER, shop)).toBe(at('2026-03-14T10:00')); // Saturday
    expect(nextAllowed(at('2026-03-13T17:59'), BER, shop)).toBe(at('2026-03-13T17:59')); // Friday, open
    expect(nextAllowed(at('2026-03-13T18:00'), BER, shop)).toBe(at('2026-03-14T10:00')); // Friday after closing
    const bar = { mode: 'opening_hours' as const, hours: { ...DEFAULT_HOURS, mon: { open: '18:00', close: '02:00' } } };
    expect(nextAllowed(at('2026-03-17T01:00'), BER, bar)).toBe(at('2026-03-17T01:00')); // still Monday night
  });
});
