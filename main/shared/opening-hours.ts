// "Is the shop open now?" — the one answer the assistant, reminders and greeting/away messages share. Hours may run
// past midnight (18:00–02:00 belongs to the day it opens), and closed days (holidays) override the week. The wall
// clock comes from Intl in the shop's time zone; nothing here does offset arithmetic by hand.

export interface DayHours {
  open: string; // HH:MM
  close: string; // HH:MM; at or before `open` means the next day
}

export type WeekHours = Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', DayHours | null>;

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof DAYS)[number];

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

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The shop's wall clock at `ms`. */
export function wallClock(ms: number, timeZone: string): WallClock {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(ms)) p[part.type] = part.value;
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    weekday: p.weekday.slice(0, 3).toLowerCase() as Weekday,
    minutes: (Number(p.hour) % 24) * 60 + Number(p.minute),
  };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The calendar date before `date` ('YYYY-MM-DD'), by the proleptic Gregorian calendar (no zone involved). */
function previousDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function previousDay(day: Weekday): Weekday {
  return DAYS[(DAYS.indexOf(day) + 6) % 7];
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
    const open = toMinutes(today.open);
    const close = toMinutes(today.close);
    const overnight = close <= open;
    if (now.minutes >= open && (overnight || now.minutes < close)) return { open: true, closes: today.close };
  }
  const yesterdayDate = previousDate(now.date);
  const yesterday = closed.has(yesterdayDate) ? null : cal.hours[previousDay(now.weekday)];
  if (yesterday) {
    const open = toMinutes(yesterday.open);
    const close = toMinutes(yesterday.close);
    if (close <= open && now.minutes < close) return { open: true, closes: yesterday.close };
  }
  return { open: false, closes: null };
}

export function isShopOpen(cal: ShopCalendar, ms: number): boolean {
  return shopOpenAt(cal, ms).open;
}

/**
 * "Mon–Fri 09:00–18:00, Sat 10:00–16:00, Sun closed" in the customer's locale: weekday names come from Intl, equal
 * consecutive days are grouped, `closedWord` is the locale's own word.
 */
export function describeWeek(hours: WeekHours, locale: string, closedWord: string): string {
  const names = DAYS.map((_, i) => new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + i)));
  const parts: string[] = [];
  for (let i = 0; i < DAYS.length;) {
    const d = hours[DAYS[i]];
    let j = i;
    while (j + 1 < DAYS.length && JSON.stringify(hours[DAYS[j + 1]]) === JSON.stringify(d)) j++;
    const days = i === j ? names[i] : `${names[i]}–${names[j]}`;
    parts.push(`${days} ${d ? `${d.open}–${d.close}` : closedWord}`);
    i = j + 1;
  }
  return parts.join(', ');
}
