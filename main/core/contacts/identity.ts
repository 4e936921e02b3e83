// How a customer's address on a channel is written down: phones in E.164 (+4915112345678), WhatsApp chat ids
// mapped to and from phones, Telegram users as their numeric id with a readable name. Pure functions, no I/O.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * A phone number in E.164 ("+4915112345678"), or null when the text is not a plausible number.
 * Local numbers ("0151 1234 5678", "8 912 345-67-89") are read in the business's region (settings.business.region).
 */
export function normalizePhone(raw: string, region?: string): string | null {
  const text = raw.trim();
  if (!text || text.length > 40) return null;
  // "00" is the international prefix almost everywhere; libphonenumber only reads it for some regions.
  const cleaned = text.startsWith('00') ? `+${text.slice(2)}` : text;
  const parsed = parsePhoneNumberFromString(cleaned, asRegion(region));
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number;
}

/** "+49 1511 2345678": how Lavka shows a stored E.164 number. Falls back to the input when it does not parse. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? parsed.formatInternational() : e164;
}

export function isE164(s: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(s);
}

/**
 * WhatsApp's id for a person ("4915112345678@c.us", or the older "@s.whatsapp.net") as an E.164 phone.
 * Other ids — groups (@g.us), linked ids (@lid, which hide the number), broadcasts — are not phones: null.
 */
export function whatsappIdToPhone(jid: string): string | null {
  const m = /^(\d{6,15})(?::\d+)?@(c\.us|s\.whatsapp\.net)$/.exec(jid.trim());
  if (!m) return null;
  // The digits already carry the country code; reading them without "+" would prepend the local one.
  return normalizePhone(`+${m[1]}`);
}

/** The WhatsApp chat id to send to for an address Lavka stored: an E.164 phone, or a WhatsApp id kept as is. */
export function whatsappChatId(address: string): string | null {
  if (isE164(address)) return `${address.slice(1)}@c.us`;
  if (/^[\w.:-]+@(c\.us|g\.us|lid)$/.test(address)) return address;
  return null;
}

export interface TelegramUserLike {
  id: number;
  first_name?: string;
  last_name?: string;
  username?: string;
}

/** "Anna Petrova (@anna_p)": the name a Telegram user shows, with the username when they have one. */
export function telegramDisplay(u: TelegramUserLike): string {
  const name = [u.first_name, u.last_name]
    .filter((x) => typeof x === 'string' && x.trim())
    .join(' ')
    .trim();
  const handle = typeof u.username === 'string' && u.username ? `@${u.username}` : '';
  if (name && handle) return `${name} (${handle})`;
  return name || handle || `Telegram ${u.id}`;
}

function asRegion(region: string | undefined): CountryCode | undefined {
  return region && /^[A-Z]{2}$/.test(region) ? (region as CountryCode) : undefined;
}
