// Dates for reminder forms and lists, always in the shop's time zone (not the browser's): the owner plans
// "tomorrow 10:00" in the shop's local time even when the laptop travels.
import i18next from 'i18next';

export interface LocalParts {
  date: string; // YYYY-MM-DD
  time: string; // HH:MM
}

export function localParts(ms: number, timeZone: string): LocalParts {
  const p: Record<string, string> = {};
  for (const part of new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms)) {
    p[part.type] = part.value;
  }
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour === '24' ? '00' : p.hour}:${p.minute}` };
}

export function addDaysToDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** "Mon 2 March, 15:00" in the UI language and the shop's time zone. */
export function formatWhen(ms: number, timeZone?: string): string {
  return new Date(ms).toLocaleString(i18next.language || 'en', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  });
}

/** Quick choices for "when", computed from the core's clock (which a test may have moved) in the shop's zone. */
export function quickTimes(now: number, timeZone: string): Record<'in1h' | 'tomorrow' | 'in3d' | 'week', LocalParts> {
  const inHour = localParts(Math.ceil((now + 3_600_000) / 300_000) * 300_000, timeZone);
  const today = localParts(now, timeZone);
  return {
    in1h: inHour,
    tomorrow: { date: addDaysToDate(today.date, 1), time: '10:00' },
    in3d: { date: addDaysToDate(today.date, 3), time: today.time },
    week: { date: addDaysToDate(today.date, 7), time: today.time },
  };
}
