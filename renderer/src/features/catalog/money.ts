// Money in the UI: integer minor units from the core, shown and typed in the business currency. The core checks
// every amount again; this only turns what the owner types ("3,50") into cents.
import i18next from 'i18next';

export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function formatMoney(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  try {
    return new Intl.NumberFormat(i18next.language || 'en', {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(minor / 10 ** digits);
  } catch {
    return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}

/** Minor units as an editable amount: 350 → "3.50". */
export function toAmount(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 10 ** digits)}.${String(abs % 10 ** digits).padStart(digits, '0')}`;
}

/** "3.50", "3,5", "12" → minor units; null when it is not an amount (the form shows why). */
export function parseAmount(text: string, currency: string, allowNegative = false): number | null {
  const digits = currencyDigits(currency);
  const s = text.trim().replace(/[\s\u00a0']/g, '');
  const m = /^([+-]?)(\d*)(?:[.,](\d*))?$/.exec(s);
  if (!m || (m[2] === '' && !m[3])) return null;
  if (m[1] === '-' && !allowNegative) return null;
  const frac = m[3] ?? '';
  if (frac.length > digits) return null;
  const minor = Number(m[2] || '0') * 10 ** digits + Number((frac + '0'.repeat(digits)).slice(0, digits) || '0');
  if (!Number.isSafeInteger(minor)) return null;
  return m[1] === '-' ? -minor : minor;
}
