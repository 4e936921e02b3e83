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

// Today's and yesterday's day keys, worked out once a minute rather than for every row of the list.
let around: { key: string; today: string; yesterday: string } | null = null;
function todayAndYesterday(now: number, timeZone?: string): { today: string; yesterday: string } {
  const key = `${timeZone ?? ''}|${Math.floor(now / 60_000)}`;
  if (around?.key !== key) around = { key, today: dayKey(now, timeZone), yesterday: dayKey(now - 86_400_000, timeZone) };
  return around;
}

export function formatListTime(ms: number, timeZone?: string, now = Date.now()): string {
  const lang = i18next.language || 'en';
  const day = dayKey(ms, timeZone);
  const { today, yesterday } = todayAndYesterday(now, timeZone);
  if (day === today) return formatTime(ms, timeZone);
  if (day === yesterday) return i18next.t('common.time.yesterday');
  if (now - ms < 6 * 86_400_000) return formatter(lang, { weekday: 'short', timeZone }).format(ms);
  return formatter(lang, { day: 'numeric', month: 'short', timeZone }).format(ms);
}

export function formatTime(ms: number, timeZone?: string): string {
  return formatter(i18next.language || 'en', { hour: '2-digit', minute: '2-digit', timeZone }).format(ms);
}

export function formatDay(ms: number, timeZone?: string): string {
  return formatter(i18next.language || 'en', { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(ms);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const locale = i18next.language || 'en';
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, f);
  }
  return f;
}

/** A plain number in the owner's locale: 1 234,5 in Russian, 1.234,5 in Spanish. */
export function formatNumber(n: number, maximumFractionDigits = 0): string {
  return numberFormat({ maximumFractionDigits }).format(n);
}

/** A file or model size with its unit written the owner's way ("1,2 ГБ", "350 MB"). */
export function formatBytes(bytes: number): string {
  const [unit, value] =
    bytes >= 1e9
      ? (['gigabyte', bytes / 1e9] as const)
      : bytes >= 1e6
        ? (['megabyte', bytes / 1e6] as const)
        : (['kilobyte', Math.max(1, bytes / 1e3)] as const);
  return numberFormat({ style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
}

/** A duration in seconds, e.g. "1,4 с" / "1.4 sec". */
export function formatSeconds(ms: number): string {
  return numberFormat({ style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 1 }).format(ms / 1000);
}

const languageNames = new Map<string, Intl.DisplayNames>();

/** A language's name in the owner's language ("русский", "vietnamita"), from Intl; the code when Intl does not know it. */
export function languageName(code: string): string {
  const locale = i18next.language || 'en';
  let names = languageNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'language' });
    languageNames.set(locale, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
