// Whether the shop is open at a moment, from its weekly opening hours in its own time zone. Pure (Intl only), so the
// core and the UI agree. Hours that close at or before they open run past midnight (18:00–02:00).
type Day = { open: string; close: string } | null;
export type WeeklyHours = Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', Day>;

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function localParts(at: number, timeZone: string): { day: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { day, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

export function isShopOpen(hours: WeeklyHours, timeZone: string, at: number): boolean {
  const { day, minute } = localParts(at, timeZone);
  const today = hours[DAYS[day]];
  if (today) {
    const open = minutes(today.open);
    const close = minutes(today.close);
    if (close > open ? minute >= open && minute < close : minute >= open) return true;
  }
  // Yesterday's hours that run past midnight.
  const yesterday = hours[DAYS[(day + 6) % 7]];
  if (yesterday) {
    const open = minutes(yesterday.open);
    const close = minutes(yesterday.close);
    if (close <= open && minute < close) return true;
  }
  return false;
}
