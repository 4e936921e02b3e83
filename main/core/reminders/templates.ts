// Reminder texts: built-in templates per kind and language, placeholder checks and rendering.
// Rendered text goes to a customer as plain text; values (names, order numbers) are never interpreted.
import { AppError } from '../errors';

export const REMINDER_KINDS = ['payment_due', 'pickup_ready', 'appointment', 'reorder', 'follow_up', 'custom'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const PLACEHOLDERS = ['name', 'order', 'total', 'date', 'business'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateVars = Partial<Record<Placeholder, string>>;

type KindTexts = Record<ReminderKind, string>;

/** Languages with built-in texts; other customers get English unless the owner writes the text. */
export const TEMPLATES: Record<string, KindTexts> = {
  en: {
    payment_due: 'Hi {name}, a friendly reminder that order #{order} ({total}) is still waiting for payment. Thank you! — {business}',
    pickup_ready: 'Hi {name}, your order #{order} is ready for pickup. See you soon! — {business}',
    appointment: 'Hi {name}, a reminder of your appointment on {date}. Reply if you need to change it. — {business}',
    reorder: 'Hi {name}, time for a refill? Reply and we will put your usual order together. — {business}',
    follow_up: 'Hi {name}, just checking in — is there anything else we can help you with? — {business}',
    custom: 'Hi {name}, ',
  },
  ru: {
    payment_due: 'Здравствуйте, {name}! Напоминаем, что заказ №{order} ({total}) ещё ждёт оплаты. Спасибо! — {business}',
    pickup_ready: 'Здравствуйте, {name}! Ваш заказ №{order} готов, можно забирать. Ждём вас! — {business}',
    appointment: 'Здравствуйте, {name}! Напоминаем о записи {date}. Если нужно перенести — напишите нам. — {business}',
    reorder: 'Здравствуйте, {name}! Пора пополнить запасы? Напишите — соберём ваш обычный заказ. — {business}',
    follow_up: 'Здравствуйте, {name}! Хотели уточнить — можем ли мы ещё чем-то помочь? — {business}',
    custom: 'Здравствуйте, {name}! ',
  },
  uk: {
    payment_due: 'Вітаємо, {name}! Нагадуємо, що замовлення №{order} ({total}) ще чекає на оплату. Дякуємо! — {business}',
    pickup_ready: 'Вітаємо, {name}! Ваше замовлення №{order} готове, можна забирати. Чекаємо на вас! — {business}',
    appointment: 'Вітаємо, {name}! Нагадуємо про запис {date}. Якщо треба перенести — напишіть нам. — {business}',
    reorder: 'Вітаємо, {name}! Час поповнити запаси? Напишіть — зберемо ваше звичне замовлення. — {business}',
    follow_up: 'Вітаємо, {name}! Хотіли уточнити — чи можемо ще чимось допомогти? — {business}',
    custom: 'Вітаємо, {name}! ',
  },
  de: {
    payment_due: 'Hallo {name}, eine kurze Erinnerung: Bestellung Nr. {order} ({total}) ist noch nicht bezahlt. Danke! — {business}',
    pickup_ready: 'Hallo {name}, Ihre Bestellung Nr. {order} liegt zur Abholung bereit. Bis bald! — {business}',
    appointment: 'Hallo {name}, eine Erinnerung an Ihren Termin am {date}. Melden Sie sich, falls Sie ihn verschieben möchten. — {business}',
    reorder: 'Hallo {name}, Zeit zum Nachfüllen? Antworten Sie einfach, dann stellen wir Ihre übliche Bestellung zusammen. — {business}',
    follow_up: 'Hallo {name}, wir wollten kurz nachfragen — können wir Ihnen noch irgendwie helfen? — {business}',
    custom: 'Hallo {name}, ',
  },
  vi: {
    payment_due: 'Chào {name}, đơn hàng #{order} ({total}) vẫn đang chờ thanh toán. Cảm ơn bạn! — {business}',
    pickup_ready: 'Chào {name}, đơn hàng #{order} đã sẵn sàng, bạn có thể đến lấy. Hẹn gặp bạn! — {business}',
    appointment: 'Chào {name}, nhắc bạn lịch hẹn vào {date}. Nếu cần đổi lịch, hãy nhắn cho chúng tôi. — {business}',
    reorder: 'Chào {name}, đến lúc mua thêm rồi chăng? Nhắn cho chúng tôi để chuẩn bị đơn quen thuộc nhé. — {business}',
    follow_up: 'Chào {name}, chúng tôi có thể giúp gì thêm cho bạn không? — {business}',
    custom: 'Chào {name}, ',
  },
};

export function templateLanguage(lang: string | null | undefined): string {
  return lang && TEMPLATES[lang] ? lang : 'en';
}

/** Payment and pickup reminders that are not about one order (the owner picked a contact, not an order). */
const WITHOUT_ORDER: Record<string, Pick<KindTexts, 'payment_due' | 'pickup_ready'>> = {
  en: {
    payment_due: 'Hi {name}, a friendly reminder that your payment is still open. Thank you! — {business}',
    pickup_ready: 'Hi {name}, your order is ready for pickup. See you soon! — {business}',
  },
  ru: {
    payment_due: 'Здравствуйте, {name}! Напоминаем, что оплата ещё не поступила. Спасибо! — {business}',
    pickup_ready: 'Здравствуйте, {name}! Ваш заказ готов, можно забирать. Ждём вас! — {business}',
  },
  uk: {
    payment_due: 'Вітаємо, {name}! Нагадуємо, що оплата ще не надійшла. Дякуємо! — {business}',
    pickup_ready: 'Вітаємо, {name}! Ваше замовлення готове, можна забирати. Чекаємо на вас! — {business}',
  },
  de: {
    payment_due: 'Hallo {name}, eine kurze Erinnerung: Ihre Zahlung steht noch aus. Danke! — {business}',
    pickup_ready: 'Hallo {name}, Ihre Bestellung liegt zur Abholung bereit. Bis bald! — {business}',
  },
  vi: {
    payment_due: 'Chào {name}, khoản thanh toán của bạn vẫn đang chờ. Cảm ơn bạn! — {business}',
    pickup_ready: 'Chào {name}, đơn hàng của bạn đã sẵn sàng, bạn có thể đến lấy. Hẹn gặp bạn! — {business}',
  },
};

export function defaultTemplate(kind: ReminderKind, lang: string | null | undefined, hasOrder = true): string {
  const l = templateLanguage(lang);
  if (!hasOrder && (kind === 'payment_due' || kind === 'pickup_ready')) return WITHOUT_ORDER[l][kind];
  return TEMPLATES[l][kind];
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
      throw new AppError('invalid_input', `{${p}} cannot be filled in for this reminder${p === 'order' || p === 'total' ? ' (it is not linked to an order)' : ''}.`, undefined, {
        reason: 'placeholder_not_available',
        params: { placeholder: `{${p}}` },
      });
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
    const opts: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone };
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
