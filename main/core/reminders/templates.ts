// Reminder texts: the built-in text per kind (from the locale files), placeholder checks and rendering.
// Rendered text goes to a customer as plain text; values (names, order numbers) are never interpreted.
import { AppError } from '../errors';
import type { Voice } from '../../shared/i18n/voice';

export const REMINDER_KINDS = ['payment_due', 'pickup_ready', 'appointment', 'reorder', 'follow_up', 'custom'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const PLACEHOLDERS = ['name', 'order', 'total', 'date', 'business'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateVars = Partial<Record<Placeholder, string>>;

/**
 * The built-in text of a kind in the voice's language (main/shared/locales/<lang>/reminders.json, or the owner's
 * wording for that language), placeholders left in for the owner to edit. Payment and pickup reminders that are not
 * about one order (the owner picked a contact, not an order) have their own texts.
 */
export function defaultTemplate(kind: ReminderKind, v: Voice, hasOrder = true): string {
  const withoutOrder = !hasOrder && (kind === 'payment_due' || kind === 'pickup_ready');
  return v.template(withoutOrder ? `reminders:withoutOrder.${kind}` : `reminders:${kind}`);
}

const PLACEHOLDER_RE = /\{([^{}\s]{1,30})\}/g;

/** Placeholders used in a text, in order of first use. */
export function placeholdersIn(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER_RE)) out.add(m[1]);
  return [...out];
}

/**
 * Throws a clear error when the text uses a placeholder Lavka does not know, or one it cannot fill for this
 * reminder (e.g. {order} on a reminder that is not about an order).
 */
export function checkTemplate(text: string, available: readonly Placeholder[]): void {
  if (!text.trim()) throw new AppError('invalid_input', 'The reminder text is empty', undefined, { reason: 'text_empty' });
  for (const p of placeholdersIn(text)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(p)) {
      throw new AppError('invalid_input', `Unknown placeholder {${p}}. Use ${PLACEHOLDERS.map((x) => `{${x}}`).join(', ')}.`, undefined, {
        reason: 'unknown_placeholder',
        params: { placeholder: `{${p}}`, list: PLACEHOLDERS.map((x) => `{${x}}`).join(' ') },
      });
    }
    if (!available.includes(p as Placeholder)) {
      throw new AppError(
        'invalid_input',
        `{${p}} cannot be filled in for this reminder${p === 'order' || p === 'total' ? ' (it is not linked to an order)' : ''}.`,
        undefined,
        {
          reason: 'placeholder_not_available',
          params: { placeholder: `{${p}}` },
        },
      );
    }
  }
}

/** Fills known placeholders; text outside placeholders is kept exactly. */
export function render(text: string, vars: TemplateVars): string {
  return text.replace(PLACEHOLDER_RE, (whole, key: string) => {
    const v = vars[key as Placeholder];
    return v === undefined ? whole : v;
  });
}

/**
 * "Mon, 2 March at 15:00": the customer's language as written in the shop's country (en-DE gives a 24-hour clock
 * and day-month order, en-US does not), in the business time zone.
 */
const whenFormats = new Map<string, Intl.DateTimeFormat>();

export function formatWhen(ms: number, lang: string, timeZone: string, region?: string): string {
  const key = `${lang}|${region ?? ''}|${timeZone}`;
  let f = whenFormats.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions = {
      weekday: 'short',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    };
    for (const locale of [region ? `${lang}-${region}` : lang, lang, 'en']) {
      try {
        f = new Intl.DateTimeFormat(locale, opts);
        break;
      } catch {
        // not a locale this platform knows; try the next
      }
    }
    if (!f) return new Date(ms).toISOString();
    whenFormats.set(key, f);
  }
  return f.format(ms);
}
