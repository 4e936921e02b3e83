// Orders by local day in the business time zone: the list filter's dates as instants, and orders and money per day.
// Days start at local midnight by the zone rules (main/shared/zoned-time.ts), so a DST day counts 23 or 25 hours.
import { isLocalDate, localDate, localDayStart, shiftDate } from '../../shared/zoned-time';
import { AppError } from '../errors';
import type { OrdersRepo } from './orders-repo';
import type { DailyTotal } from './types';

/** Ten years of days is the most a daily-totals query may span. */
const MAX_RANGE_DAYS = 3660;

export interface DailyTotals {
  days: DailyTotal[];
  totalMinor: number;
  orders: number;
  currency: string;
}

/** The instant a local day starts; invalid_input for something that is not a date. */
function dayStart(date: string, timeZone: string): number {
  if (!isLocalDate(date)) throw new AppError('invalid_input', `"${date}" is not a date (use YYYY-MM-DD)`);
  return localDayStart(date, timeZone);
}

/** A from–to filter of local dates (both inclusive, either open) as instants [fromMs, toMs). */
export function placedRange(filter: { from?: string; to?: string }, timeZone: string): { fromMs?: number; toMs?: number } {
  return {
    fromMs: filter.from ? dayStart(filter.from, timeZone) : undefined,
    toMs: filter.to ? dayStart(shiftDate(filter.to, 1), timeZone) : undefined,
  };
}

/** Orders and money per local day, cancelled orders excluded, every day in range listed. */
export function dailyTotals(
  repo: Pick<OrdersRepo, 'placedBetween'>,
  from: string,
  to: string,
  timeZone: string,
  currency: string,
): DailyTotals {
  if (from > to) throw new AppError('invalid_input', 'The start date is after the end date', undefined, { reason: 'dates_reversed' });
  const range = placedRange({ from, to }, timeZone);
  const days: DailyTotal[] = [];
  for (let d = from, n = 0; d <= to; d = shiftDate(d, 1), n++) {
    if (n >= MAX_RANGE_DAYS) throw new AppError('invalid_input', 'Choose a shorter period (at most ten years)');
    days.push({ date: d, orders: 0, totalMinor: 0 });
  }
  const byDate = new Map(days.map((d) => [d.date, d]));
  for (const o of repo.placedBetween(range.fromMs!, range.toMs!)) {
    // An order in another currency (the owner changed it later) is counted, not summed into this one.
    const day = byDate.get(localDate(o.placedAt, timeZone));
    if (!day) continue;
    day.orders++;
    if (o.currency === currency) day.totalMinor += o.totalMinor;
  }
  return { days, totalMinor: days.reduce((s, d) => s + d.totalMinor, 0), orders: days.reduce((s, d) => s + d.orders, 0), currency };
}
