// Fills {name}, {business} and {hours} in a quick reply. Unknown placeholders stay as typed.
import type { Settings } from '../../stores/app';
import { describeWeek } from '../../../../main/shared/opening-hours';

export function firstName(full: string): string {
  return full.trim().split(/\s+/)[0] ?? '';
}

/** "Mon–Fri 09:00–18:00, Sat 10:00–16:00" in the UI language's short weekday names (closed days left out). */
export function describeHours(hours: Settings['business']['openingHours'], lang: string): string {
  return describeWeek(hours, lang, null);
}

export function fillQuickReply(text: string, vars: { name: string; business: string; hours: string }): string {
  return text.replace(/\{(name|business|hours)\}/g, (_m, k: 'name' | 'business' | 'hours') => vars[k]);
}
