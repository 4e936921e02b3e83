// Facts in a reply: every price, discount, date, time, phone, email, link and number must be found in what the shop
// vouches for (the Grounding). Pure functions, fed adversarial strings in tests; guardrails.ts runs them with the rest.
import { asciiDigits } from '../../shared/number-words';
import type { Finding } from './types';

export interface Grounding {
  /** Everything Lavka vouches for: profile, policies, knowledge given to the model, trusted catalog blocks, the
   * owner's own earlier messages, the current date. Never customer text, never earlier assistant output. */
  trusted: string;
  /** Where commitments must be backed: profile, policies, knowledge, trusted catalog blocks. */
  policies: string;
  /** The customer's recent words: small quantities they asked for may be repeated back, nothing else. */
  customer: string;
  /** The language the reply must be in, or null when unknown. */
  language: string | null;
}

type FactKind = 'link' | 'email' | 'phone' | 'date' | 'time' | 'money' | 'percent' | 'number';
interface Fact {
  kind: FactKind;
  text: string;
  /** Normalised keys; a fact is grounded when any key is in the trusted set of its kind. */
  keys: string[];
}

const CUR = `R\\$|[€$£₽₴₫¥₹₺]|eur|euro|euros|евро|tl|lira|rp|rupiah|rs\\.?|rupees?|reais|يورو|ليرة|روبية|रुपये|रुपया|usd|dollars?|gbp|rub|руб\\p{L}*|р\\.|uah|грн|гривень|гривні|гривня|vnd|đồng|chf|pln|zł|k(?![\\p{L}])`;
const NUM = `(?:\\d{1,3}(?:[\\u00a0\\u202f ]\\d{3})+|\\d+)(?:[.,]\\d{1,2})?`;
const MONTHS: [RegExp, number][] = [
  [/^(jan|январ|січ|janu|jän)/u, 1],
  [/^(feb|феврал|лют)/u, 2],
  [/^(mar|мар|берез|märz|maerz)/u, 3],
  [/^(apr|апрел|квіт)/u, 4],
  [/^(may|mai|ма[яй]|трав)/u, 5],
  [/^(jun|июн|черв)/u, 6],
  [/^(jul|июл|лип)/u, 7],
  [/^(aug|авг|серп)/u, 8],
  [/^(sep|сентябр|верес)/u, 9],
  [/^(oct|okt|октябр|жовт)/u, 10],
  [/^(nov|ноябр|листоп)/u, 11],
  [/^(dec|dez|декабр|груд)/u, 12],
];
const MONTH_WORD = `(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember|январ\\p{L}*|феврал\\p{L}*|март\\p{L}*|апрел\\p{L}*|ма[яй]|июн\\p{L}*|июл\\p{L}*|август\\p{L}*|сентябр\\p{L}*|октябр\\p{L}*|ноябр\\p{L}*|декабр\\p{L}*|січ\\p{L}*|лют\\p{L}*|берез\\p{L}*|квіт\\p{L}*|трав\\p{L}*|черв\\p{L}*|лип\\p{L}*|серп\\p{L}*|верес\\p{L}*|жовт\\p{L}*|листопад\\p{L}*|груд\\p{L}*)`;

function monthOf(word: string): number | null {
  const w = word.toLowerCase();
  for (const [re, n] of MONTHS) if (re.test(w)) return n;
  return null;
}

/** Numeric readings of "3,50" / "3.50" / "1 200" / "1.500" (ambiguous thousands: both readings). */
function numberKeys(raw: string): string[] {
  const s = raw.replace(/[\u00a0\u202f ]/g, '');
  const keys = new Set<string>();
  const asNum = (x: string) => {
    const n = Number(x);
    if (Number.isFinite(n)) keys.add(String(n));
  };
  if (/^\d+[.,]\d{3}$/.test(s)) {
    asNum(s.replace(/[.,]/, ''));
    asNum(s.replace(',', '.'));
  } else {
    asNum(s.replace(',', '.'));
  }
  return [...keys];
}

function normLink(u: string): string {
  return u
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[).,;:!?'"»]+$/, '')
    .replace(/\/+$/, '');
}

function timeKey(h: number, m: number): string {
  return `${h}:${String(m).padStart(2, '0')}`;
}

/** Finds the checkable facts in a text. Each match is blanked so one span is never counted twice. */
export function extractFacts(input: string): Fact[] {
  // Full-width and other-script digits ("１２", "١٢", "१२") are the same numbers as ASCII ones.
  let text = asciiDigits(input).normalize('NFC');
  const facts: Fact[] = [];
  /** m[0] is the match, m[1…] the groups (undefined when a group did not take part). */
  const take = (re: RegExp, fn: (m: string[]) => Fact | null) => {
    text = text.replace(re, (...args: unknown[]) => {
      const m = args.slice(0, -2) as string[];
      const fact = fn(m);
      if (!fact) return m[0];
      facts.push(fact);
      return ' '.repeat(m[0].length);
    });
  };
  take(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, (m) => ({ kind: 'email', text: m[0], keys: [m[0].toLowerCase()] }));
  take(
    /(?:https?:\/\/|www\.)[^\s<>"'«»]+|(?<![\p{L}\p{N}@.-])(?:[a-z0-9-]+\.)+(?:com|net|org|de|ru|ua|vn|io|shop|store|info|biz|me|app|co|uk|eu|рф|ly|gl|link|site|online)(?:\/[^\s<>"'«»]*)?(?![\p{L}\p{N}])/giu,
    (m) => ({
      kind: 'link',
      text: m[0],
      keys: [normLink(m[0])],
    }),
  );
  // ISO and d.m.y dates before phones (their digits would look like a phone number).
  take(/(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g, (m) => ({ kind: 'date', text: m[0], keys: [`${Number(m[3])}-${Number(m[2])}`] }));
  take(new RegExp(`(?<![\\p{L}\\d.,])(?:${CUR})\\s?(${NUM})|(${NUM})\\s?(?:${CUR})(?![\\p{L}])`, 'giu'), (m) => ({
    kind: 'money',
    text: m[0],
    keys: numberKeys(m[1] ?? m[2]),
  }));
  take(
    new RegExp(
      `(?:price|prices|cost|costs|total|sum|итого|всего|сумма|стоит|стоимость|цена|ціна|коштує|вартість|разом|giá|tổng|preis|kostet|gesamt|summe)[^\\d\\n]{0,12}?(${NUM})`,
      'giu',
    ),
    (m) => ({
      kind: 'money',
      text: m[0],
      keys: numberKeys(m[1]),
    }),
  );
  take(new RegExp(`(${NUM})\\s?(?:%|percent|per cent|процент\\p{L}*|відсот\\p{L}*|phần trăm|prozent)`, 'giu'), (m) => ({
    kind: 'percent',
    text: m[0],
    keys: numberKeys(m[1]),
  }));
  take(/(?<![\d.,])(\d{1,2})[./](\d{1,2})(?:[./](\d{2,4}))?(?![\d])/g, (m) => {
    const d = Number(m[1]);
    const mo = Number(m[2]);
    if (d < 1 || d > 31 || mo < 1 || mo > 12) return null;
    // "2.5" is a number; "02.03", "12.10", "5/3" or "5.3.2026" are dates. (A number is checked as strictly anyway.)
    if (!m[3] && !m[0].includes('/') && (m[1].length < 2 || m[2].length < 2)) return null;
    return { kind: 'date', text: m[0], keys: [`${d}-${mo}`] };
  });
  take(
    new RegExp(
      `(?<!\\d)(\\d{1,2})(?:st|nd|rd|th|\\.)?\\s(?:of\\s)?(${MONTH_WORD})(?!\\p{L})|(${MONTH_WORD})\\s(?:the\\s)?(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)`,
      'giu',
    ),
    (m) => {
      const day = Number(m[1] ?? m[4]);
      const month = monthOf(m[2] ?? m[3]);
      if (!month || day < 1 || day > 31) return null;
      return { kind: 'date', text: m[0], keys: [`${day}-${month}`] };
    },
  );
  take(/ngày\s(\d{1,2})(?:\s?\/\s?|\stháng\s)(\d{1,2})/giu, (m) => ({
    kind: 'date',
    text: m[0],
    keys: [`${Number(m[1])}-${Number(m[2])}`],
  }));
  take(/(?<![\d:])([01]?\d|2[0-3])[:h]([0-5]\d)(?![\d])/g, (m) => ({
    kind: 'time',
    text: m[0],
    keys: [timeKey(Number(m[1]), Number(m[2]))],
  }));
  take(/(?<![\d:])(1[0-2]|0?[1-9])(?::([0-5]\d))?\s?([ap])\.?m\.?(?![\p{L}])/giu, (m) => {
    let h = Number(m[1]) % 12;
    if (m[3].toLowerCase() === 'p') h += 12;
    return { kind: 'time', text: m[0], keys: [timeKey(h, Number(m[2] ?? 0))] };
  });
  take(/(?<![\p{L}\p{N}])\+?\d[\d\s().\-/]{5,}\d(?!\d)/gu, (m) => {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 7) return null;
    return { kind: 'phone', text: m[0].trim(), keys: [digits] };
  });
  take(/\d+(?:[.,]\d+)?/g, (m) => ({ kind: 'number', text: m[0], keys: numberKeys(m[0]) }));
  return facts;
}

interface TrustedSets {
  /** Amounts written as prices (with a currency or after "price"/"costs"): a price is compared only with these. */
  money: Set<string>;
  percent: Set<string>;
  link: Set<string>;
  email: Set<string>;
  phone: string[];
  date: Set<string>;
  time: Set<string>;
  numbers: Set<string>;
}

function trustedSets(text: string): TrustedSets {
  const sets: TrustedSets = {
    money: new Set(),
    percent: new Set(),
    link: new Set(),
    email: new Set(),
    phone: [],
    date: new Set(),
    time: new Set(),
    numbers: new Set(),
  };
  for (const f of extractFacts(text)) {
    if (f.kind === 'link') f.keys.forEach((k) => sets.link.add(k));
    else if (f.kind === 'email') f.keys.forEach((k) => sets.email.add(k));
    else if (f.kind === 'phone') sets.phone.push(...f.keys);
    else if (f.kind === 'date') f.keys.forEach((k) => sets.date.add(k));
    else if (f.kind === 'time') {
      for (const k of f.keys) {
        sets.time.add(k);
        const h = Number(k.split(':')[0]);
        // "we close at 6" is the same fact as 18:00.
        sets.numbers.add(String(h));
        sets.numbers.add(String(h % 12 === 0 ? 12 : h % 12));
      }
    } else {
      if (f.kind === 'money') f.keys.forEach((k) => sets.money.add(k));
      if (f.kind === 'percent') f.keys.forEach((k) => sets.percent.add(k));
      f.keys.forEach((k) => sets.numbers.add(k));
    }
  }
  return sets;
}

/** Phone numbers match on their last 7+ digits, so "030 1234567" equals "+49 30 1234567". */
function phoneGrounded(digits: string, trusted: string[]): boolean {
  return trusted.some((t) => {
    const n = Math.min(t.length, digits.length);
    return n >= 7 && t.slice(-n) === digits.slice(-n) && Math.abs(t.length - digits.length) <= 3;
  });
}

const FACT_REASON: Record<FactKind, Finding['reason']> = {
  link: 'unverified_link',
  email: 'unverified_email',
  phone: 'unverified_phone',
  date: 'unverified_date',
  time: 'unverified_date',
  money: 'unverified_price',
  percent: 'unverified_discount',
  number: 'unverified_number',
};

const FACT_LABEL: Record<FactKind, string> = {
  link: 'The link',
  email: 'The email address',
  phone: 'The phone number',
  date: 'The date',
  time: 'The time',
  money: 'The price',
  percent: 'The percentage',
  number: 'The number',
};

export function checkFacts(reply: string, g: Grounding): Finding[] {
  const trusted = trustedSets(g.trusted);
  const customerNumbers = new Set(extractFacts(g.customer).flatMap((f) => (f.kind === 'number' ? f.keys : [])));
  const findings: Finding[] = [];
  for (const f of extractFacts(reply)) {
    let ok: boolean;
    switch (f.kind) {
      case 'link':
        ok = f.keys.some((k) => trusted.link.has(k));
        break;
      case 'email':
        ok = f.keys.some((k) => trusted.email.has(k));
        break;
      case 'phone':
        ok = f.keys.some((k) => phoneGrounded(k, trusted.phone));
        break;
      case 'date':
        ok = f.keys.some((k) => trusted.date.has(k));
        break;
      case 'time':
        ok = f.keys.some((k) => trusted.time.has(k));
        break;
      // Typed: a price only matches a price, a percentage only a percentage — never a house number or "48 hours".
      case 'money':
        ok = f.keys.some((k) => trusted.money.has(k));
        break;
      case 'percent':
        ok = f.keys.some((k) => trusted.percent.has(k));
        break;
      case 'number':
        // A small quantity the customer asked for ("2 loaves") may be repeated back.
        ok = f.keys.some((k) => trusted.numbers.has(k) || (customerNumbers.has(k) && Number(k) <= 100 && Number.isInteger(Number(k))));
        break;
    }
    if (!ok)
      findings.push({
        reason: FACT_REASON[f.kind],
        detail: `${FACT_LABEL[f.kind]} “${f.text}” is not in your shop profile, policies or knowledge`,
      });
  }
  return findings;
}
