// Dates for reminder forms and lists, always in the shop's time zone (not the browser's): the owner plans
// "tomorrow 10:00" in the shop's local time even when the laptop travels.
import i18next from 'i18next';
import { formatDate, formatTime, shiftDate, toLocal } from '../../../../main/shared/zoned-time';

export interface LocalParts {
  date: string; // YYYY-MM-DD
  time: string; // HH:MM
}

export function localParts(ms: number, timeZone: string): LocalParts {
  const l = toLocal(ms, timeZone);
  return { date: formatDate(l), time: formatTime(l) };
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
    tomorrow: { date: shiftDate(today.date, 1), time: '10:00' },
    in3d: { date: shiftDate(today.date, 3), time: today.time },
    week: { date: shiftDate(today.date, 7), time: today.time },
  };
}
