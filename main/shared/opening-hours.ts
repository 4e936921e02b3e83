// Business time, the one implementation the assistant, reminders, greetings and the UI share: "is the shop open
// now", when a message may go out (quiet hours), the default week and the week in words. Hours may run past midnight
// (18:00–02:00 belongs to the day it opens); closed dates (holidays) override the week. Zone rules: zoned-time.ts.
import { addDays, formatDate, fromLocal, shiftDate, toLocal, weekdayIndex } from './zoned-time';

export interface DayHours {
  open: string; // HH:MM
  close: string; // HH:MM; at or before `open` means the next day
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type WeekHours = Record<Weekday, DayHours | null>;

/** The week a new shop starts with (setup proposes it, demo data uses it). */
export const DEFAULT_HOURS: WeekHours = {
  mon: { open: '09:00', close: '18:00' },
  tue: { open: '09:00', close: '18:00' },
  wed: { open: '09:00', close: '18:00' },
  thu: { open: '09:00', close: '18:00' },
  fri: { open: '09:00', close: '18:00' },
  sat: { open: '10:00', close: '16:00' },
  sun: null,
};

export interface ShopCalendar {
  hours: WeekHours;
  timeZone: string;
  /** Local dates ('YYYY-MM-DD') the shop is closed whatever the week says. */
  closedDates?: readonly string[];
}

export interface WallClock {
  /** 'YYYY-MM-DD' in the shop's zone. */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

/** The shop's wall clock at `ms`. */
export function wallClock(ms: number, timeZone: string): WallClock {
  const l = toLocal(ms, timeZone);
  return { date: formatDate(l), weekday: WEEKDAYS[weekdayIndex(l)], minutes: l.hour * 60 + l.minute };
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of 'HH:MM'; throws on anything else (settings are validated before they get here). */
export function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new Error(`Not a time of day: ${hhmm}`);
  return +m[1] * 60 + +m[2];
}

function previousDay(day: Weekday): Weekday {
  return WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7];
}

export interface OpenState {
  open: boolean;
  /** While open: the closing time of the current opening ('HH:MM'). */
  closes: string | null;
}

/** Whether the shop is open at `ms`: today's hours, or yesterday's when they run past midnight. */
export function shopOpenAt(cal: ShopCalendar, ms: number): OpenState {
  const now = wallClock(ms, cal.timeZone);
  const closed = new Set(cal.closedDates ?? []);
  const today = closed.has(now.date) ? null : cal.hours[now.weekday];
  if (today) {
    const open = minutesOf(today.open);
    const close = minutesOf(today.close);
    const overnight = close <= open;
    if (now.minutes >= open && (overnight || now.minutes < close)) return { open: true, closes: today.close };
  }
  const yesterday = closed.has(shiftDate(now.date, -1)) ? null : cal.hours[previousDay(now.weekday)];
  if (yesterday) {
    const open = minutesOf(yesterday.open);
    const close = minutesOf(yesterday.close);
    if (close <= open && now.minutes < close) return { open: true, closes: yesterday.close };
  }
  return { open: false, closes: null };
}

export function isShopOpen(cal: ShopCalendar, ms: number): boolean {
  return shopOpenAt(cal, ms).open;
}

/** The first opening of the shop at or after `ms` (now, when open), or null when the week has no hours at all. */
export function nextOpening(cal: ShopCalendar, ms: number): number | null {
  if (isShopOpen(cal, ms)) return ms;
  const local = toLocal(ms, cal.timeZone);
  const closed = new Set(cal.closedDates ?? []);
  for (let i = 0; i <= 7 + closed.size; i++) {
    const day = addDays(local, i);
    const hours = closed.has(formatDate(day)) ? null : cal.hours[WEEKDAYS[weekdayIndex(day)]];
    if (!hours) continue;
    const open = minutesOf(hours.open);
    const openAt = fromLocal({ ...day, hour: Math.floor(open / 60), minute: open % 60 }, cal.timeZone);
    if (openAt > ms) return openAt;
  }
  return null;
}

export type QuietHours = { mode: 'off' } | { mode: 'fixed'; start: string; end: string } | { mode: 'opening_hours'; hours: WeekHours };

/**
 * The earliest instant at or after `ms` when a message may go out: `ms` itself outside quiet hours, otherwise the
 * end of the quiet period (in local wall-clock time, so "until 09:00" means 09:00 on DST days too).
 */
export function nextAllowed(ms: number, timeZone: string, quiet: QuietHours): number {
  if (quiet.mode === 'off') return ms;
  if (quiet.mode === 'opening_hours') {
    // Send while the shop is open (the same answer the assistant gives); otherwise at the next opening. A shop that
    // is never open does not hold reminders back forever.
    return nextOpening({ hours: quiet.hours, timeZone }, ms) ?? ms;
  }
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return ms;
  const local = toLocal(ms, timeZone);
  const now = local.hour * 60 + local.minute;
  const quietNow = start < end ? now >= start && now < end : now >= start || now < end;
  if (!quietNow) return ms;
  // Crossing midnight: a moment after the start ends tomorrow morning; one before the end ends today.
  const endDay = start > end && now >= start ? addDays(local, 1) : local;
  return Math.max(ms, fromLocal({ ...endDay, hour: Math.floor(end / 60), minute: end % 60 }, timeZone));
}

/** Whether `ms` falls inside quiet hours. */
export function isQuiet(ms: number, timeZone: string, quiet: QuietHours): boolean {
  return nextAllowed(ms, timeZone, quiet) > ms;
}

const sameHours = (a: DayHours | null, b: DayHours | null) => a === b || (!!a && !!b && a.open === b.open && a.close === b.close);

/**
 * "Mon–Fri 09:00–18:00, Sat 10:00–16:00, Sun closed" in `locale`: weekday names come from Intl, equal consecutive
 * days are grouped, `closedWord` is the locale's own word (null leaves closed days out).
 */
export function describeWeek(hours: WeekHours, locale: string, closedWord: string | null, separator = ', '): string {
  const names = WEEKDAYS.map((_, i) =>
    new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + i)),
  );
  const parts: string[] = [];
  for (let i = 0; i < WEEKDAYS.length;) {
    const d = hours[WEEKDAYS[i]];
    let j = i;
    while (j + 1 < WEEKDAYS.length && sameHours(hours[WEEKDAYS[j + 1]], d)) j++;
    const days = i === j ? names[i] : `${names[i]}–${names[j]}`;
    if (d) parts.push(`${days} ${d.open}–${d.close}`);
    else if (closedWord !== null) parts.push(`${days} ${closedWord}`);
    i = j + 1;
  }
  return parts.join(separator);
}
