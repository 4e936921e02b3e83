// Phone numbers in E.164 (+4915112345678) read with the business's region, so "0151 1234 5678" in Germany and
// "8 912 345-67-89" in Russia become the same key a WhatsApp identity has. Uses libphonenumber-js's full metadata.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** Channels whose external id is a phone number. */
export const PHONE_CHANNELS = new Set(['whatsapp', 'phone']);

/** E.164 for a valid number, or null. International prefixes "00" and "+" are both understood. */
export function toE164(raw: string, region: string): string | null {
  const text = raw.trim();
  if (!text || !/\d/.test(text)) return null;
  // Letters (other than an extension marker) mean it is not a phone number, whatever the parser makes of it.
  if (/[\p{L}]/u.test(text.replace(/\b(ext|доб)\.?/giu, ''))) return null;
  const normalised = text.startsWith('00') ? '+' + text.slice(2) : text;
  try {
    const p = parsePhoneNumberFromString(normalised, region as CountryCode);
    return p && p.isValid() ? p.number : null;
  } catch {
    return null;
  }
}

/** A comparison key for duplicate detection: E.164 when the number parses, else its digits (8+ of them). */
export function phoneKey(raw: string, region: string): string | null {
  const e164 = toE164(raw, region);
  if (e164) return e164;
  const digits = raw.replace(/\D/g, '');
  return digits.length >= 8 ? '+' + digits : null;
}

/** Splits a cell that holds several values ("+49 151 1, +49 30 2" or Google's " ::: "). Not on "/": "030/123456" is one number. */
export function splitMulti(cell: string): string[] {
  return cell
    .split(/\s*(?::::|[,;|\n])\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]{2,}$/u;

export function normaliseEmail(raw: string): string | null {
  const e = raw
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  return EMAIL.test(e) ? e : null;
}

/** Tags as stored: trimmed, lower-case, at most 40 characters, no repeats, sorted. */
export function normaliseTags(tags: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of tags) {
    const tag = t.trim().toLowerCase().slice(0, 40);
    if (tag) out.add(tag);
  }
  return [...out].sort();
}
