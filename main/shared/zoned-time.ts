// Wall-clock time in the business time zone, the one implementation core and renderer share: UTC ⇄ local (DST gaps
// and overlaps), local dates and days, calendar steps for recurrences. Zone rules come from the Temporal polyfill
// (tz data from the platform's Intl); nothing here adds or subtracts offsets by hand. Pure: the caller passes every instant.
import { Temporal } from 'temporal-polyfill';

export interface LocalDateTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
}

function zoned(ms: number, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(Math.floor(ms)).toZonedDateTimeISO(timeZone);
}

/** The wall clock in `timeZone` at instant `ms` (seconds dropped). */
export function toLocal(ms: number, timeZone: string): LocalDateTime {
  const z = zoned(ms, timeZone);
  return { year: z.year, month: z.month, day: z.day, hour: z.hour, minute: z.minute };
}

/** How far the wall clock is ahead of UTC at `ms`, in ms (e.g. +1 h in Berlin in winter). */
export function offsetAt(ms: number, timeZone: string): number {
  return zoned(ms, timeZone).offsetNanoseconds / 1_000_000;
}

/** The offsets in force over [from, to): the one at `from`, then each change (DST) with the instant it starts. */
export function offsetChanges(from: number, to: number, timeZone: string): { at: number; offset: number }[] {
  let z = zoned(from, timeZone);
  const out = [{ at: Number.NEGATIVE_INFINITY, offset: z.offsetNanoseconds / 1_000_000 }];
  for (;;) {
    const next = z.getTimeZoneTransition('next');
    if (!next || next.epochMilliseconds >= to) return out;
    out.push({ at: next.epochMilliseconds, offset: next.offsetNanoseconds / 1_000_000 });
    z = next;
  }
}

/**
 * The instant a wall-clock time happens in `timeZone`. Time that does not exist (spring forward, 02:30 in Berlin)
 * moves forward by the gap (03:30); time that happens twice (fall back) resolves to the first occurrence. This is
 * what calendars do (Temporal's "compatible" disambiguation).
 */
export function fromLocal(l: LocalDateTime, timeZone: string): number {
  return Temporal.PlainDateTime.from({ year: l.year, month: l.month, day: l.day, hour: l.hour, minute: l.minute }).toZonedDateTime(
    timeZone,
    { disambiguation: 'compatible' },
  ).epochMilliseconds;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 'YYYY-MM-DD' of a local date. */
export function formatDate(l: Pick<LocalDateTime, 'year' | 'month' | 'day'>): string {
  return `${pad(l.year, 4)}-${pad(l.month)}-${pad(l.day)}`;
}

/** 'HH:MM' of a local time. */
export function formatTime(l: Pick<LocalDateTime, 'hour' | 'minute'>): string {
  return `${pad(l.hour)}:${pad(l.minute)}`;
}

/** 'YYYY-MM-DDTHH:MM' — how a local due time is stored. */
export function formatLocal(l: LocalDateTime): string {
  return `${formatDate(l)}T${formatTime(l)}`;
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Parses 'YYYY-MM-DDTHH:MM'; returns undefined for anything else or an impossible date (Feb 30). */
export function parseLocal(s: string): LocalDateTime | undefined {
  const m = LOCAL_RE.exec(s);
  if (!m) return undefined;
  const l = { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5] };
  if (l.month < 1 || l.month > 12 || l.day < 1 || l.day > daysInMonth(l.year, l.month) || l.hour > 23 || l.minute > 59) return undefined;
  return l;
}

/** Whether `date` is a real 'YYYY-MM-DD' date (not Feb 30, not 2026-13-45). */
export function isLocalDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return !!m && +m[2] >= 1 && +m[2] <= 12 && +m[3] >= 1 && +m[3] <= daysInMonth(+m[1], +m[2]);
}

function plainDate(date: string): Temporal.PlainDate {
  return Temporal.PlainDate.from(date, { overflow: 'reject' });
}

/** 'YYYY-MM-DD' of an instant in a time zone. */
export function localDate(ms: number, timeZone: string): string {
  return formatDate(toLocal(ms, timeZone));
}

/** The calendar date `days` after `date` ('YYYY-MM-DD'; negative goes back). */
export function shiftDate(date: string, days: number): string {
  return plainDate(date).add({ days }).toString();
}

/** Calendar days from `fromDate` to `toDate` (1 when equal). */
export function daysBetween(fromDate: string, toDate: string): number {
  return plainDate(fromDate).until(plainDate(toDate), { largestUnit: 'days' }).days + 1;
}

/** The instant local `date` starts: its midnight, or its first real minute where midnight does not exist (Santiago). */
export function localDayStart(date: string, timeZone: string): number {
  return plainDate(date).toZonedDateTime({ timeZone }).epochMilliseconds;
}

export function daysInMonth(year: number, month: number): number {
  return Temporal.PlainYearMonth.from({ year, month }).daysInMonth;
}

/** Calendar arithmetic on the local date, keeping the time of day. */
export function addDays(l: LocalDateTime, days: number): LocalDateTime {
  const d = Temporal.PlainDate.from({ year: l.year, month: l.month, day: l.day }).add({ days });
  return { ...l, year: d.year, month: d.month, day: d.day };
}

/** Adds months; `wantedDay` 31 lands on the last day of shorter months (Jan 31 → Feb 28 → Mar 31). */
export function addMonths(l: LocalDateTime, months: number, wantedDay: number): LocalDateTime {
  const ym = Temporal.PlainYearMonth.from({ year: l.year, month: l.month }).add({ months });
  return { ...l, year: ym.year, month: ym.month, day: Math.min(wantedDay, ym.daysInMonth) };
}

/** 0 = Monday … 6 = Sunday, for a local calendar date. */
export function weekdayIndex(l: Pick<LocalDateTime, 'year' | 'month' | 'day'>): number {
  return Temporal.PlainDate.from({ year: l.year, month: l.month, day: l.day }).dayOfWeek - 1;
}

export type Repeat = 'none' | 'daily' | 'weekly' | 'monthly' | 'every_n_days';

export interface Recurrence {
  repeat: Repeat;
  every: number;
  /** Monthly: the day of month asked for. */
  day?: number | null;
}

/** The next occurrence's local due time, stepping in local calendar days (so 10:00 stays 10:00 across DST). */
export function nextLocal(l: LocalDateTime, r: Recurrence): LocalDateTime | undefined {
  switch (r.repeat) {
    case 'none':
      return undefined;
    case 'daily':
    case 'every_n_days':
      return addDays(l, Math.max(1, r.every));
    case 'weekly':
      return addDays(l, 7 * Math.max(1, r.every));
    case 'monthly':
      return addMonths(l, Math.max(1, r.every), r.day ?? l.day);
  }
}
