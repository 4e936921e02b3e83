// Locale-aware time formatting for lists and bubbles. Uses the business time zone when given.
// Formatters are built once per (locale, options): constructing an Intl.DateTimeFormat (which every toLocale*String
// call does) costs ~0.1 ms, and the inbox list formats every visible row on every scroll frame.
import i18next from 'i18next';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/** The calendar day in the given zone as YYYY-MM-DD, for "is it today / yesterday" checks. */
function dayKey(ms: number, timeZone?: string): string {
  return formatter('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(ms);
}

export function formatListTime(ms: number, timeZone?: string, now = Date.now()): string {
  const lang = i18next.language || 'en';
  const day = dayKey(ms, timeZone);
  if (day === dayKey(now, timeZone)) return formatTime(ms, timeZone);
  if (day === dayKey(now - 86_400_000, timeZone)) return i18next.t('common.time.yesterday');
  if (now - ms < 6 * 86_400_000) return formatter(lang, { weekday: 'short', timeZone }).format(ms);
  return formatter(lang, { day: 'numeric', month: 'short', timeZone }).format(ms);
}

export function formatTime(ms: number, timeZone?: string): string {
  return formatter(i18next.language || 'en', { hour: '2-digit', minute: '2-digit', timeZone }).format(ms);
}

export function formatDay(ms: number, timeZone?: string): string {
  return formatter(i18next.language || 'en', { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(ms);
}
