// Dates on the Orders screens, in the shop's time zone and the UI language.
import i18next from 'i18next';

export function formatDateTime(ms: number, timeZone?: string): string {
  return new Date(ms).toLocaleString(i18next.language || 'en', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  });
}

/** "Mon 2" for a YYYY-MM-DD local date (already in the shop's zone, so read as UTC noon). */
export function formatDate(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString(i18next.language || 'en', { weekday: 'short', day: 'numeric', timeZone: 'UTC' });
}

export function formatShortDate(ms: number, timeZone?: string): string {
  return new Date(ms).toLocaleDateString(i18next.language || 'en', { day: 'numeric', month: 'short', timeZone });
}
