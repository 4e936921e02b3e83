// Report periods in the shop's time zone: today / last 7 days / last 30 days / custom days, the period before it
// for comparison, its local days, and the local hour of an instant (for "by hour of day"). Pure; the caller passes now.
import { z } from 'zod';
import { AppError } from '../errors';
import { daysBetween, isLocalDate, localDate, localDayStart, offsetChanges, shiftDate } from '../../shared/zoned-time';

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-29');
export const periodInputSchema = z.discriminatedUnion('preset', [
  z.object({ preset: z.enum(['today', '7d', '30d']) }),
  z.object({ preset: z.literal('custom'), from: DATE, to: DATE }),
]);
export type PeriodInput = z.infer<typeof periodInputSchema>;

/** Longest custom period: a year and a day, so "the same day last year" still fits. */
export const MAX_DAYS = 366;

export interface LocalDay {
  date: string;
  start: number;
  end: number;
}

export interface Period {
  /** First and last local date (inclusive), as the owner picked them. */
  fromDate: string;
  toDate: string;
  /** Instants: [from, to). `to` is now when the period runs up to now. */
  from: number;
  to: number;
  days: LocalDay[];
}

export interface PeriodPair {
  current: Period;
  /** The same number of days just before, cut at the same time of day when the current one stops at now. */
  previous: Period;
  timeZone: string;
}

const DAY_MS = 86_400_000;

/** Local days from..to (inclusive) with their instants; a DST day is 23 or 25 hours long. */
export function localDays(fromDate: string, toDate: string, timeZone: string): LocalDay[] {
  const out: LocalDay[] = [];
  let start = localDayStart(fromDate, timeZone);
  for (let date = fromDate; date <= toDate;) {
    const next = shiftDate(date, 1);
    const end = localDayStart(next, timeZone);
    out.push({ date, start, end });
    date = next;
    start = end;
  }
  return out;
}

function periodOf(fromDate: string, toDate: string, timeZone: string, cutAfterLastDayStart: number | null): Period {
  const days = localDays(fromDate, toDate, timeZone);
  const last = days[days.length - 1];
  const to = cutAfterLastDayStart === null ? last.end : Math.min(last.end, last.start + cutAfterLastDayStart);
  return { fromDate, toDate, from: days[0].start, to, days };
}

/** Resolves the owner's choice to instants. Throws invalid_input for a reversed, impossible or too long range. */
export function resolvePeriod(input: PeriodInput, now: number, timeZone: string): PeriodPair {
  const today = localDate(now, timeZone);
  let fromDate: string;
  let toDate: string;
  if (input.preset === 'custom') {
    if (!isLocalDate(input.from) || !isLocalDate(input.to)) throw new AppError('invalid_input', 'Pick real dates (YYYY-MM-DD)');
    if (input.from > input.to) throw new AppError('invalid_input', 'The period starts after it ends');
    if (input.from > today) throw new AppError('invalid_input', 'The period starts in the future');
    fromDate = input.from;
    toDate = input.to > today ? today : input.to;
    if (daysBetween(fromDate, toDate) > MAX_DAYS) throw new AppError('invalid_input', `A report covers at most ${MAX_DAYS} days`);
  } else {
    const n = input.preset === 'today' ? 1 : input.preset === '7d' ? 7 : 30;
    fromDate = shiftDate(today, -(n - 1));
    toDate = today;
  }
  const n = daysBetween(fromDate, toDate);
  // A period that includes today stops at now (inclusive); the previous one at the same time of its last day.
  const cut = toDate === today ? now + 1 - localDayStart(today, timeZone) : null;
  const current = periodOf(fromDate, toDate, timeZone, cut);
  const previous = periodOf(shiftDate(fromDate, -n), shiftDate(fromDate, -1), timeZone, cut);
  return { current, previous, timeZone };
}

/**
 * Local hour of day (0–23) of many instants, fast: the zone's offset changes over the range are read once from the
 * zone rules, the rest is a lookup. Instants outside the range are still answered.
 */
export class HourOfDay {
  private readonly changes: { at: number; offset: number }[];

  constructor(
    from: number,
    to: number,
    private readonly timeZone: string,
  ) {
    this.changes = offsetChanges(from, to, timeZone);
  }

  offset(ms: number): number {
    let lo = 0;
    let hi = this.changes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.changes[mid].at <= ms) lo = mid;
      else hi = mid - 1;
    }
    return this.changes[lo].offset;
  }

  hour(ms: number): number {
    const local = ms + this.offset(ms);
    return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000);
  }

  get zone(): string {
    return this.timeZone;
  }
}
