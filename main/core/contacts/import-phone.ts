// How the import reads a phone cell: the number as Lavka will store it (E.164) with its country, or a flag when a
// number written the local way does not clearly belong to the shop's country. "0912 345 678" in a German shop parses
// as a German landline (+49 912 345678), but those digits are also a Vietnamese mobile — and customers write from
// their mobiles. Such a number is not silently rewritten: the owner is told, and it is kept in the notes as written.
import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import { toE164 } from './phone';

export interface PhoneReading {
  /** As written in the file. */
  written: string;
  /** What Lavka stores (null: not stored as a phone — invalid, or flagged). */
  e164: string | null;
  /** "+49 151 12345678": the stored number, readable. */
  display: string | null;
  /** ISO country of the stored (or, when flagged, the shop-country) reading. */
  country: string | null;
  /** Set when the number may belong to another country: the other reading, for the owner to choose. */
  otherCountry: { e164: string; display: string; country: string } | null;
}

/**
 * Countries whose mobiles are written locally with a leading 0 (the trunk prefix most shops' countries share), so a
 * local-format mobile from one of them can pass for a landline elsewhere. Checked only for numbers that are not a
 * mobile in the shop's country, so a list of ordinary mobile numbers costs nothing extra.
 */
const ZERO_TRUNK_MOBILE_COUNTRIES: readonly CountryCode[] = [
  'VN',
  'UA',
  'TR',
  'ID',
  'IN',
  'PK',
  'PH',
  'TH',
  'MY',
  'GB',
  'FR',
  'DE',
  'AT',
  'CH',
  'NL',
  'BE',
  'EG',
  'MA',
  'DZ',
  'SA',
  'AE',
  'NG',
  'ZA',
  'AU',
];
const MOBILE_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

function parse(text: string, region: string): PhoneNumber | undefined {
  try {
    return parsePhoneNumberFromString(text, region as CountryCode);
  } catch {
    return undefined;
  }
}

export class ImportPhoneReader {
  /** Local digits → the other country's mobile reading (or null); files repeat the same numbers often. */
  private readonly memo = new Map<string, PhoneReading['otherCountry']>();

  constructor(private readonly region: string) {}

  read(written: string): PhoneReading {
    const e164 = toE164(written, this.region);
    if (!e164) return { written, e164: null, display: null, country: null, otherCountry: null };
    const p = parse(e164, this.region)!;
    const reading: PhoneReading = { written, e164, display: p.formatInternational(), country: p.country ?? null, otherCountry: null };
    // Written with a country code (+…, 00…), or not in local trunk form: nothing to guess.
    const local = written.trim();
    if (/^(\+|00)/.test(local) || !/^0[1-9]/.test(local.replace(/[\s().-]/g, ''))) return reading;
    if (MOBILE_TYPES.has(p.getType() ?? '')) return reading;
    const other = this.otherMobile(local);
    if (!other) return reading;
    // Flagged: not stored as a phone until the owner writes it with its country code.
    return { ...reading, e164: null, otherCountry: other };
  }

  private otherMobile(local: string): PhoneReading['otherCountry'] {
    const key = local.replace(/\D/g, '');
    if (this.memo.has(key)) return this.memo.get(key)!;
    let found: PhoneReading['otherCountry'] = null;
    for (const c of ZERO_TRUNK_MOBILE_COUNTRIES) {
      if (c === this.region) continue;
      const p = parse(local, c);
      if (p?.isValid() && MOBILE_TYPES.has(p.getType() ?? '')) {
        found = { e164: p.number, display: p.formatInternational(), country: p.country ?? c };
        break;
      }
    }
    if (this.memo.size > 10_000) this.memo.clear();
    this.memo.set(key, found);
    return found;
  }
}
