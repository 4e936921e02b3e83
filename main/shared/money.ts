// Money as integer minor units (cents, kopecks), the one implementation the core, the renderer and the shell share:
// currency digits, parsing what owners type or import, formatting. Parsing works on the digits, never on floats.

// Building an Intl.NumberFormat costs far more than using one, and prices are formatted many times per reply:
// formatters and digit counts are kept per currency and language (a shop uses one or two of each).
const digitsOf = new Map<string, number>();
const formatters = new Map<string, Intl.NumberFormat | null>();

/** How many decimals a currency has (EUR 2, JPY 0, BHD 3), from the platform's currency data. */
export function currencyDigits(currency: string): number {
  let digits = digitsOf.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    if (digitsOf.size < 100) digitsOf.set(currency, digits);
  }
  return digits;
}

export type MoneyParse = { ok: true; minor: number } | { ok: false; error: string };

/** Largest price Lavka accepts: far above any bakery item, far below Number.MAX_SAFE_INTEGER. */
export const MAX_PRICE_MINOR = 1_000_000_000;

/**
 * Reads a price as people write it: "3.50", "3,50", "€ 3.50", "1 200,00", "1,200.00", "1.200,00", "12".
 * A lone separator followed by exactly three digits ("1,200") is read as a thousands separator only when the
 * currency has no decimals; otherwise it is ambiguous and refused, never guessed.
 */
export function parseMoney(raw: string, currency: string): MoneyParse {
  const digits = currencyDigits(currency);
  let s = raw.trim();
  if (!s) return { ok: false, error: 'price is empty' };
  let negative = false;
  // Strip currency codes and symbols around the number.
  s = s.replace(new RegExp(`^${currency}|${currency}$`, 'i'), '').trim();
  s = s.replace(/[^\d.,\-'\s\u00a0\u202f]/gu, '').trim();
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1).trim();
  }
  if (negative) return { ok: false, error: 'price cannot be negative' };
  s = s.replace(/[\s\u00a0\u202f']/gu, '');
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return { ok: false, error: `"${raw.trim()}" is not a price` };
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let intPart = s;
  let frac = '';
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = Math.max(lastDot, lastComma);
    const thousands = dec === lastDot ? ',' : '.';
    intPart = s.slice(0, dec).split(thousands).join('');
    frac = s.slice(dec + 1);
    if (/[.,]/.test(intPart) || /[.,]/.test(frac)) return { ok: false, error: `"${raw.trim()}" is not a price` };
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const parts = s.split(sep);
    if (parts.length > 2) {
      // "1.200.000" — only thousands separators.
      if (parts.slice(1).every((p) => p.length === 3)) intPart = parts.join('');
      else return { ok: false, error: `"${raw.trim()}" is not a price` };
    } else {
      const [a, b] = parts;
      if (b.length === 3 && digits !== 3) {
        if (digits === 0) intPart = a + b;
        else
          return {
            ok: false,
            error: `"${raw.trim()}" is ambiguous: write ${a}${sep === '.' ? ',' : '.'}${b} or ${a}${sep}${b.slice(0, 2)}`,
          };
      } else {
        intPart = a;
        frac = b;
      }
    }
  }
  if (intPart === '') intPart = '0';
  if (frac.length > digits) {
    return {
      ok: false,
      error: digits === 0 ? `${currency} has no cents: "${raw.trim()}"` : `"${raw.trim()}" has more than ${digits} decimals`,
    };
  }
  const minor = Number(intPart) * 10 ** digits + Number((frac + '0'.repeat(digits)).slice(0, digits) || '0');
  if (!Number.isSafeInteger(minor) || minor > MAX_PRICE_MINOR) return { ok: false, error: `"${raw.trim()}" is too large` };
  return { ok: true, minor };
}

/**
 * Reads an amount typed into a form ("3,50", "12", "-1.5" where `allowNegative`): the same reading as `parseMoney`,
 * null when it is not an amount (the form shows why; the core checks every amount again).
 */
export function parseAmount(text: string, currency: string, allowNegative = false): number | null {
  const s = text.trim();
  const negative = s.startsWith('-');
  if (negative && !allowNegative) return null;
  const r = parseMoney(negative || s.startsWith('+') ? s.slice(1) : s, currency);
  if (!r.ok) return null;
  return negative ? -r.minor : r.minor;
}

/** "€3.50" / "3,50 €" in the reader's language (an Intl locale; the platform's own when undefined). */
export function formatMoney(minor: number, currency: string, lang: string | undefined = 'en'): string {
  const digits = currencyDigits(currency);
  const value = minor / 10 ** digits;
  const key = `${lang ?? ''}\u0000${currency}`;
  let f = formatters.get(key);
  if (f === undefined) {
    try {
      f = new Intl.NumberFormat(lang, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    } catch {
      f = null;
    }
    if (formatters.size < 100) formatters.set(key, f);
  }
  return f ? f.format(value) : `${value.toFixed(digits)} ${currency}`;
}

/** Plain decimal for CSV export and form fields ("3.50"), so a re-import reads the same amount in any locale. */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 10 ** digits);
  const frac = String(abs % 10 ** digits).padStart(digits, '0');
  return `${sign}${whole}.${frac}`;
}
