// Fills {name}, {business} and {hours} in a quick reply. Unknown placeholders stay as typed.
import type { Settings } from '../../stores/app';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export function firstName(full: string): string {
  return full.trim().split(/\s+/)[0] ?? '';
}

/** "Mon–Fri 09:00–18:00, Sat 10:00–16:00" in the UI language's short weekday names. */
export function describeHours(hours: Settings['business']['openingHours'], lang: string): string {
  const dayName = (i: number) => new Date(Date.UTC(2024, 0, 1 + i)).toLocaleDateString(lang, { weekday: 'short', timeZone: 'UTC' });
  const parts: string[] = [];
  let i = 0;
  while (i < 7) {
    const h = hours[DAYS[i]];
    if (!h) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < 7 && hours[DAYS[j + 1]]?.open === h.open && hours[DAYS[j + 1]]?.close === h.close) j++;
    parts.push(`${j > i ? `${dayName(i)}–${dayName(j)}` : dayName(i)} ${h.open}–${h.close}`);
    i = j + 1;
  }
  return parts.join(', ');
}

export function fillQuickReply(text: string, vars: { name: string; business: string; hours: string }): string {
  return text.replace(/\{(name|business|hours)\}/g, (_m, k: 'name' | 'business' | 'hours') => vars[k]);
}
