// The owner's own wording for any customer text, per language (Settings → Customer messages), on top of the
// built-in texts in main/shared/locales. Hands out Voices that apply it. An override may use only the placeholders
// the built-in English text has, so a typo never reaches a customer as "{nmae}".
import { z } from 'zod';
import { localeResources, rawCustomerText } from '../../shared/i18n/customer-texts';
import { createVoice, type Voice } from '../../shared/i18n/voice';
import { CUSTOMER_LANGUAGE_CODES, isCustomerLanguage, type CustomerLanguage } from '../../shared/languages';
import { AppError } from '../errors';
import type { SettingsService } from '../settings/service';

export const CUSTOMER_TEXTS_KEY = 'customerTexts';

/**
 * Namespaces whose texts the owner may reword here. Order status texts (Orders settings) and holding messages
 * (Assistant settings) keep the per-language editors they already had.
 */
export const OVERRIDABLE_NAMESPACES = ['orders', 'reminders', 'optout'] as const;

const overridesSchema = z.record(z.string(), z.record(z.string(), z.string().max(2000)));
export type CustomerTextOverrides = z.output<typeof overridesSchema>;

export interface CustomerTextEntry {
  /** `namespace:key`, e.g. `orders:placed`. */
  key: string;
  /** Lavka's text in this language, placeholders written `{name}`. */
  builtIn: string;
  /** The owner's text, or null. */
  override: string | null;
  /** Placeholders the text may use. */
  placeholders: string[];
  /** Lavka's English text, so the owner knows what a text is for in any language. */
  reference: string;
}

/** Every overridable key: plain keys only (plural families and status texts have their own rules). */
function overridableKeys(): string[] {
  const en = localeResources().en ?? {};
  const out: string[] = [];
  const walk = (ns: string, obj: unknown, prefix: string) => {
    if (typeof obj === 'string') {
      if (!/_(zero|one|two|few|many|other)$/.test(prefix) && !(ns === 'orders' && prefix.startsWith('status.')))
        out.push(`${ns}:${prefix}`);
      return;
    }
    if (obj && typeof obj === 'object') for (const [k, v] of Object.entries(obj)) walk(ns, v, prefix ? `${prefix}.${k}` : k);
  };
  for (const ns of OVERRIDABLE_NAMESPACES) walk(ns, en[ns], '');
  return out;
}

export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

export class CustomerTextsService {
  constructor(private readonly settings: Pick<SettingsService, 'section' | 'setSection'>) {}

  private overrides(): CustomerTextOverrides {
    return this.settings.section(CUSTOMER_TEXTS_KEY, overridesSchema, {});
  }

  /** How Lavka writes to a customer in `lang` (an unknown language: English), with the owner's wording. */
  voice(lang: string | null | undefined): Voice {
    const code = isCustomerLanguage(lang) ? lang : 'en';
    return createVoice(code, this.overrides()[code] ?? {});
  }

  /** The texts of one language for the Settings editor. */
  list(lang: CustomerLanguage): CustomerTextEntry[] {
    const own = this.overrides()[lang] ?? {};
    return overridableKeys().map((key) => ({
      key,
      builtIn: rawCustomerText(lang, key),
      override: own[key] ?? null,
      placeholders: placeholdersOf(rawCustomerText('en', key)),
      reference: rawCustomerText('en', key),
    }));
  }

  /** Sets (or with an empty text, removes) the owner's wording of one text in one language. */
  set(lang: string, key: string, text: string): CustomerTextEntry {
    if (!isCustomerLanguage(lang))
      throw new AppError('invalid_input', `Lavka has no customer texts in "${lang}". Use one of ${CUSTOMER_LANGUAGE_CODES.join(', ')}.`);
    if (!overridableKeys().includes(key)) throw new AppError('invalid_input', `"${key}" is not a customer text that can be changed here.`);
    const allowed = placeholdersOf(rawCustomerText('en', key));
    const unknown = placeholdersOf(text).filter((p) => !allowed.includes(p));
    if (unknown.length) {
      throw new AppError(
        'invalid_input',
        `Unknown placeholder ${unknown.map((p) => `{${p}}`).join(', ')}. This text can use ${allowed.map((p) => `{${p}}`).join(', ') || 'no placeholders'}.`,
      );
    }
    const all = this.overrides();
    const mine = { ...(all[lang] ?? {}) };
    if (text.trim()) mine[key] = text.trim();
    else delete mine[key];
    this.settings.setSection(CUSTOMER_TEXTS_KEY, overridesSchema, { ...all, [lang]: mine });
    return this.list(lang).find((e) => e.key === key)!;
  }
}
