// Wall-clock time in the business time zone: UTC ⇄ local conversion (DST gaps and overlaps), quiet hours and
// recurrence steps. Pure functions over Intl; no Date.now() here, the caller passes every instant.
import type { OpeningHours } from '../settings/schema';
import { isShopOpen } from '../../shared/opening-hours';

export interface LocalDateTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at instant `ms` (seconds dropped). */
export function toLocal(ms: number, timeZone: string): LocalDateTime {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { year: p.year, month: p.month, day: p.day, hour: p.hour % 24, minute: p.minute };
}

/** How far the wall clock is ahead of UTC at `ms` (e.g. +1 h in Berlin in winter). */
export function offsetAt(ms: number, timeZone: string): number {
  const l = toLocal(ms, timeZone);
  const wallAsUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute);
  return wallAsUtc - (ms - (((ms % 60_000) + 60_000) % 60_000));
}

/**
 * The instant a wall-clock time happens in `timeZone`. Time that does not exist (spring forward, 02:30 in Berlin)
 * moves forward by the gap (03:30); time that happens twice (fall back) resolves to the first occurrence.
 * This is what calendars do ("compatible" disambiguation in Temporal).
 */
export function fromLocal(l: LocalDateTime, timeZone: string): number {
  const wallAsUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute);
  // Offsets a day either side bracket any one transition (no zone has two within 48 h).
  const before = offsetAt(wallAsUtc - DAY_MS, timeZone);
  const after = offsetAt(wallAsUtc + DAY_MS, timeZone);
  const candidates = [wallAsUtc - before, wallAsUtc - after].filter((t) => sameWall(toLocal(t, timeZone), l));
  if (candidates.length > 0) return Math.min(...candidates);
  return wallAsUtc - before;
}

function sameWall(a: LocalDateTime, b: LocalDateTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 'YYYY-MM-DDTHH:MM' — how a local due time is stored. */
export function formatLocal(l: LocalDateTime): string {
  return `${pad(l.year, 4)}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}`;
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

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Calendar arithmetic on the local date, keeping the time of day. */
export function addDays(l: LocalDateTime, days: number): LocalDateTime {
  const d = new Date(Date.UTC(l.year, l.month - 1, l.day + days));
  return { ...l, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Adds months; `wantedDay` 31 lands on the last day of shorter months (Jan 31 → Feb 28 → Mar 31). */
export function addMonths(l: LocalDateTime, months: number, wantedDay: number): LocalDateTime {
  const idx = l.year * 12 + (l.month - 1) + months;
  const year = Math.floor(idx / 12);
  const month = (idx % 12) + 1;
  return { ...l, year, month, day: Math.min(wantedDay, daysInMonth(year, month)) };
}

/** 0 = Monday … 6 = Sunday, for a local calendar date. */
export function weekdayIndex(l: Pick<LocalDateTime, 'year' | 'month' | 'day'>): number {
  return (new Date(Date.UTC(l.year, l.month - 1, l.day)).getUTCDay() + 6) % 7;
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

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new Error(`Not a time of day: ${hhmm}`);
  return +m[1] * 60 + +m[2];
}

export type QuietHours = { mode: 'off' } | { mode: 'fixed'; start: string; end: string } | { mode: 'opening_hours'; hours: OpeningHours };

const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * The earliest instant at or after `ms` when a message may go out: `ms` itself outside quiet hours, otherwise the
 * end of the quiet period (in local wall-clock time, so "until 09:00" means 09:00 on DST days too).
 */
export function nextAllowed(ms: number, timeZone: string, quiet: QuietHours): number {
  if (quiet.mode === 'off') return ms;
  const local = toLocal(ms, timeZone);
  if (quiet.mode === 'fixed') {
    const start = minutesOf(quiet.start);
    const end = minutesOf(quiet.end);
    if (start === end) return ms;
    const now = local.hour * 60 + local.minute;
    const quietNow = start < end ? now >= start && now < end : now >= start || now < end;
    if (!quietNow) return ms;
    // Crossing midnight: a moment after the start ends tomorrow morning; one before the end ends today.
    const endDay = start > end && now >= start ? addDays(local, 1) : local;
    return Math.max(ms, fromLocal({ ...endDay, hour: Math.floor(end / 60), minute: end % 60 }, timeZone));
  }
  // Opening hours: send while the shop is open (the same answer the assistant uses); otherwise at the next opening.
  // Yesterday first: its hours may run past midnight (18:00–02:00).
  if (isShopOpen({ hours: quiet.hours, timeZone }, ms)) return ms;
  for (let i = -1; i <= 7; i++) {
    const day = addDays(local, i);
    const hours = quiet.hours[DAY_KEYS[weekdayIndex(day)]];
    if (!hours) continue;
    const open = minutesOf(hours.open);
    const close = minutesOf(hours.close);
    const openAt = fromLocal({ ...day, hour: Math.floor(open / 60), minute: open % 60 }, timeZone);
    const closeDay = close <= open ? addDays(day, 1) : day;
    const closeAt = fromLocal({ ...closeDay, hour: Math.floor(close / 60), minute: close % 60 }, timeZone);
    if (ms < openAt) return openAt;
    if (ms < closeAt) return ms;
  }
  // The shop is never open: do not hold reminders back forever.
  return ms;
}

/** Whether `ms` falls inside quiet hours. */
export function isQuiet(ms: number, timeZone: string, quiet: QuietHours): boolean {
  return nextAllowed(ms, timeZone, quiet) > ms;
}
