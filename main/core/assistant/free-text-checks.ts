// Typed checks for the opt-in "Auto with free text" mode, on top of guardrails.ts: amounts written in words next to a
// currency ("three euros", "двести рублей"), links however they are disguised ("pay-me[.]example", "shop。top",
// "site dot com", "@handle"), emails and phone numbers in words, and claims from the lexicons of every customer
// language (being a person, free things, refunds, promises, delivery times, health or allergen safety, an order's
// state, unusual payment methods). Pure functions over untrusted text.
import { findClaims, lexiconWords, type ClaimKind } from '../../shared/lexicon';
import { asciiDigits, spelledNumbers } from '../../shared/number-words';
import type { Finding } from './types';

/** Currency words as lexiconWords leaves them (lower case, no accents), in every customer language. */
const CURRENCY_WORDS =
  /^(euro|euros|eur|евро|руб\p{L}*|грив\p{L}*|грн|dollar\p{L}*|usd|dong|vnd|lira|tl|rupee\p{L}*|रपय|रपए|रपय|ر?وبيه|يورو|دولار|ليره|reais|real|rupiah|rp|франк\p{L}*|franc\p{L}*|pound\p{L}*|gbp|долар\p{L}*|доллар\p{L}*)$/u;

/** Amounts spelled out next to a currency word: "three euros", "двести рублей", "cien euros". */
export function spelledAmounts(text: string): { value: number; text: string }[] {
  const words = lexiconWords(text.slice(0, 4000));
  const out: { value: number; text: string }[] = [];
  words.forEach((w, i) => {
    if (!CURRENCY_WORDS.test(w)) return;
    const before = spelledNumbers(words.slice(Math.max(0, i - 3), i).join(' '));
    const after = spelledNumbers(words.slice(i + 1, i + 3).join(' '));
    const n = before.at(-1) ?? after[0];
    if (n && !n.weak) out.push({ value: n.value, text: `${n.text} ${w}` });
  });
  return out;
}

/** Domain-like tokens, including disguised dots: any TLD, "[.]", "(.)", "。", " dot ", " точка ". */
const DISGUISED_DOT = String.raw`(?:\s*\[\s*\.\s*\]\s*|\s*\(\s*\.\s*\)\s*|\s*[。．｡]\s*|\s+(?:dot|chấm)\s+|\.)`;
const DOMAIN = new RegExp(
  String.raw`(?<![\p{L}\p{N}@_-])((?:[\p{L}\p{N}][\p{L}\p{N}-]{1,62}${DISGUISED_DOT})+[\p{L}]{2,24})(?:\/[^\s<>"'«»]*)?(?![\p{L}\p{N}])`,
  'giu',
);

export function domainsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFKC').matchAll(DOMAIN)) {
    const host = m[1].toLowerCase().replace(new RegExp(DISGUISED_DOT, 'giu'), '.');
    const labels = host.split('.');
    const tld = labels.at(-1)!;
    // "e.g", "3.50", "Mr.Smith" are not domains: two real labels and a TLD that is letters.
    if (labels.length < 2 || labels.some((l) => l.length === 0) || /\d/.test(tld)) continue;
    if (labels.length === 2 && labels[0].length < 2) continue;
    out.push(host.replace(/^www\./, ''));
  }
  return out;
}

/** "@bakery_owner" style handles (Telegram, Instagram): a contact outside the shop's profile. */
export function handlesIn(text: string): string[] {
  return [...text.matchAll(/(?<![\p{L}\p{N}._%+-])@([a-z][a-z0-9_]{3,31})(?![\p{L}\p{N}@.])/giu)].map((m) => `@${m[1].toLowerCase()}`);
}

const AT_WORDS = String.raw`(?:\s*[[(]\s*at\s*[\])]\s*|\s+(?:at|arroba|собака|sobaka|kukac)\s+)`;
/** "owner at gmail dot com", "owner [at] gmail [dot] com". */
export function emailsInWords(text: string): string[] {
  const re = new RegExp(String.raw`([\p{L}\p{N}._%+-]+)${AT_WORDS}([\p{L}\p{N}-]+(?:${DISGUISED_DOT}[\p{L}\p{N}-]+)+)`, 'giu');
  return (
    [...text.normalize('NFKC').matchAll(re)]
      // "Order at lavkabakery.com" is a preposition and a link (checked as a link); "owner at gmail dot com",
      // "owner [at] gmail.com" or "owner собака gmail.com" are addresses in disguise.
      .filter((m) => !/^\s+at\s+$/i.test(m[0].slice(m[1].length, m[0].length - m[2].length)) || /[^.\p{L}\p{N}-]/u.test(m[2]))
      .map((m) => `${m[1]}@${m[2].replace(new RegExp(DISGUISED_DOT, 'giu'), '.')}`.toLowerCase())
  );
}

/** Seven or more digits spelled as words in a row ("plus four nine one five one …"): a phone number. */
export function phonesInWords(text: string): string[] {
  const words = lexiconWords(text.slice(0, 4000));
  const out: string[] = [];
  let run = '';
  for (let i = 0; i < words.length; i++) {
    const n = spelledNumbers(words[i])[0];
    if (n && n.value <= 9 && spelledNumbers(words[i]).length === 1) run += String(n.value);
    else if (/^\d{1,4}$/.test(words[i])) run += words[i];
    else if (words[i] === 'plus' || words[i] === 'плюс') continue;
    else {
      if (run.length >= 7) out.push(run);
      run = '';
    }
  }
  if (run.length >= 7) out.push(run);
  return out;
}

const CLAIM_REASON: Record<ClaimKind, Finding['reason']> = {
  human: 'claims_human',
  free: 'unsupported_commitment',
  compensation: 'unsupported_commitment',
  promise: 'unsupported_commitment',
  delivery_time: 'unsupported_commitment',
  health: 'unsupported_commitment',
  order_state: 'unsupported_commitment',
  payment_method: 'unsupported_commitment',
};

const CLAIM_LABEL: Record<ClaimKind, string> = {
  human: 'claims to be a person',
  free: 'gives something for free',
  compensation: 'promises a refund or compensation',
  promise: 'makes a promise',
  delivery_time: 'promises a time',
  health: 'makes a health or allergen claim',
  order_state: 'states an order’s status',
  payment_method: 'names a payment method',
};

/**
 * Claims nothing can back in free text: the assistant is not a person, and health or allergen safety is the owner's
 * to state in their own words. An order's state is backed only by Lavka's own text for it (a reminder's template).
 */
const NEVER_BACKED: ReadonlySet<ClaimKind> = new Set(['human', 'health']);

export interface TypedGrounding {
  /** Profile, policies, knowledge and trusted catalog/order blocks. */
  trusted: string;
  /** Where commitments must be backed. */
  policies: string;
}

/** Findings the typed checks add for a free-text reply; empty = nothing found. */
export function typedFindings(reply: string, g: TypedGrounding): Finding[] {
  const findings: Finding[] = [];
  const trustedText = asciiDigits(g.trusted);
  const trustedAmounts = new Set(spelledAmounts(g.trusted).map((a) => a.value));
  for (const a of spelledAmounts(reply)) {
    if (!trustedAmounts.has(a.value))
      findings.push({ reason: 'unverified_price', detail: `The price “${a.text}” is not in your catalog or policies` });
  }
  const trustedDomains = new Set(domainsIn(g.trusted));
  for (const d of domainsIn(reply)) {
    if (!trustedDomains.has(d))
      findings.push({ reason: 'unverified_link', detail: `The link “${d}” is not in your shop profile, policies or knowledge` });
  }
  const trustedLower = g.trusted.toLowerCase();
  for (const h of handlesIn(reply)) {
    if (!trustedLower.includes(h)) findings.push({ reason: 'unverified_link', detail: `The account “${h}” is not in your shop profile` });
  }
  for (const e of emailsInWords(reply))
    findings.push({ reason: 'unverified_email', detail: `The email address “${e}” is written out in words` });
  const trustedDigits = trustedText.replace(/\D/g, '');
  for (const p of phonesInWords(reply)) {
    if (!trustedDigits.includes(p.slice(-7)))
      findings.push({ reason: 'unverified_phone', detail: `The phone number “${p}” is written out in words` });
  }
  const backed = new Set(findClaims(g.policies).map((c) => `${c.kind}:${c.phrase}`));
  const seen = new Set<string>();
  for (const c of findClaims(reply)) {
    if (!NEVER_BACKED.has(c.kind) && backed.has(`${c.kind}:${c.phrase}`)) continue;
    if (seen.has(c.kind)) continue;
    seen.add(c.kind);
    findings.push({
      reason: CLAIM_REASON[c.kind],
      detail: `The reply ${CLAIM_LABEL[c.kind]} (“${c.phrase}”), which your policies do not back`,
    });
  }
  return findings;
}
