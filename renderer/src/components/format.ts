// Locale-aware time formatting for lists and bubbles. Uses the business time zone when given.
import i18next from 'i18next';

export function formatListTime(ms: number, timeZone?: string, now = Date.now()): string {
  const d = new Date(ms);
  const lang = i18next.language || 'en';
  const dayKey = (x: Date) => x.toLocaleDateString('en-CA', { timeZone });
  if (dayKey(d) === dayKey(new Date(now))) {
    return d.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', timeZone });
  }
  if (dayKey(d) === dayKey(new Date(now - 86_400_000))) return i18next.t('common.time.yesterday');
  if (now - ms < 6 * 86_400_000) return d.toLocaleDateString(lang, { weekday: 'short', timeZone });
  return d.toLocaleDateString(lang, { day: 'numeric', month: 'short', timeZone });
}

export function formatTime(ms: number, timeZone?: string): string {
  return new Date(ms).toLocaleTimeString(i18next.language || 'en', { hour: '2-digit', minute: '2-digit', timeZone });
}

export function formatDay(ms: number, timeZone?: string): string {
  return new Date(ms).toLocaleDateString(i18next.language || 'en', { weekday: 'long', day: 'numeric', month: 'long', timeZone });
}
