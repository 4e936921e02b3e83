// Phrase lexicons per customer language (main/shared/locales/<lang>/lexicon.json): escalation (asks for a person,
// complaint, refund, payment dispute, legal threat), opt-out phrasings and politeness words. Matching is on words, not
// characters: case, accents, punctuation, emoji and spacing never matter, and a phrase word ending in `*` matches any
// ending ("верн*" → "верните"). Pure data and functions: used by the core and testable without an app.
import { localeFiles, onLocaleFilesChanged } from './locales/files';
import { CUSTOMER_LANGUAGE_CODES, type CustomerLanguage } from './languages';

export const ESCALATION_KINDS = ['legal', 'payment_dispute', 'refund', 'complaint', 'asks_for_person'] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

export const CLAIM_KINDS = [
  'human',
  'free',
  'compensation',
  'promise',
  'delivery_time',
  'health',
  'order_state',
  'payment_method',
] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export interface LexiconFile {
  escalation: Record<EscalationKind, string[]>;
  optout: { clear: string[]; ambiguous: string[] };
  politeness: string[];
  /** Things a reply must not claim on its own: being a person, free things, refunds, promises, delivery times, health
   * or allergen safety, an order's state, unusual payment methods. */
  claims: Record<ClaimKind, string[]>;
}

/** A phrase as words; a word ending in `*` is a prefix. */
type Phrase = { text: string; words: string[] };

interface CompiledLexicon {
  lang: CustomerLanguage;
  escalation: [EscalationKind, Phrase[]][];
  clear: Phrase[];
  ambiguous: Phrase[];
  politeness: Phrase[];
  claims: [ClaimKind, Phrase[]][];
}

/**
 * Case-, accent- and punctuation-free words. Marks go after NFKD (so "Hủy" = "huy", "إلغاء" = "الغاء"), full-width
 * letters fold (NFKC first), Turkish dotless i and Arabic letter variants fold to one form.
 */
export function lexiconWords(text: string, pattern = false): string[] {
  const s = text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đ]/g, 'd')
    .replace(/ı/g, 'i')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ـ/g, '')
    // "don't" and "m'écrivez" split at the apostrophe on both sides of the comparison.
    .replace(pattern ? /[^\p{L}\p{N}*]+/gu : /[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return s ? s.split(' ') : [];
}

const phrase = (text: string): Phrase => ({ text, words: lexiconWords(text, true) });

let compiled: CompiledLexicon[] | null = null;
onLocaleFilesChanged(() => (compiled = null));

export function lexicons(): CompiledLexicon[] {
  if (compiled) return compiled;
  const out: CompiledLexicon[] = [];
  for (const lang of CUSTOMER_LANGUAGE_CODES) {
    const f = localeFiles()[lang]?.lexicon as unknown as LexiconFile | undefined;
    if (!f) continue;
    out.push({
      lang,
      escalation: ESCALATION_KINDS.map((k) => [k, (f.escalation[k] ?? []).map(phrase)]),
      clear: f.optout.clear.map(phrase),
      ambiguous: f.optout.ambiguous.map(phrase),
      politeness: f.politeness.map(phrase),
      claims: CLAIM_KINDS.map((k) => [k, (f.claims?.[k] ?? []).map(phrase)]),
    });
  }
  compiled = out;
  return out;
}

/** Languages that have a lexicon: Auto only speaks to customers in these. */
export function lexiconLanguages(): CustomerLanguage[] {
  return lexicons().map((l) => l.lang);
}

const wordMatches = (pattern: string, word: string) =>
  pattern.endsWith('*') ? word.startsWith(pattern.slice(0, -1)) && word.length >= pattern.length - 1 : pattern === word;

/** Where `p` occurs in `words` as consecutive words, or -1. */
function indexOf(words: readonly string[], p: readonly string[]): number {
  if (p.length === 0) return -1;
  outer: for (let i = 0; i + p.length <= words.length; i++) {
    for (let j = 0; j < p.length; j++) if (!wordMatches(p[j], words[i + j])) continue outer;
    return i;
  }
  return -1;
}

/** Removes every occurrence of the phrases (politeness words) from the word list. */
function without(words: string[], phrases: readonly Phrase[]): string[] {
  let out = words;
  for (const p of phrases) {
    for (let i = indexOf(out, p.words); i >= 0; i = indexOf(out, p.words)) out = [...out.slice(0, i), ...out.slice(i + p.words.length)];
  }
  return out;
}

/**
 * A clear opt-out phrase with every language's politeness words taken out. It depends only on the lexicons, so it is
 * worked out once per phrase: done per message, it was half of what the inbound pipeline spent on an ordinary message.
 */
const clearCores = new WeakMap<Phrase, string[]>();
function clearCore(p: Phrase, politeness: readonly Phrase[]): string[] {
  let core = clearCores.get(p);
  if (!core) {
    core = without(p.words, politeness);
    clearCores.set(p, core);
  }
  return core;
}

export interface EscalationHit {
  kind: EscalationKind;
  lang: CustomerLanguage;
  phrase: string;
}

/** The most serious escalation a customer's words call for (legal before a plain complaint), or null. */
export function findEscalation(text: string): EscalationHit | null {
  const words = lexiconWords(text.slice(0, 4000));
  if (words.length === 0) return null;
  for (const kind of ESCALATION_KINDS) {
    for (const lx of lexicons()) {
      const phrases = lx.escalation.find(([k]) => k === kind)?.[1] ?? [];
      for (const p of phrases) if (indexOf(words, p.words) >= 0) return { kind, lang: lx.lang, phrase: p.text };
    }
  }
  return null;
}

export type OptOutReading =
  /** The whole message (politeness aside) is an opt-out phrase: stop everything. */
  | { kind: 'clear'; langs: CustomerLanguage[]; phrase: string }
  /** An opt-out phrase inside a longer message, or "too many messages": the owner decides. */
  | { kind: 'ambiguous'; langs: CustomerLanguage[]; phrase: string };

/** Opt-outs are short; a long message is an ordinary one even when it contains "stop". */
const MAX_OPTOUT_WORDS = 16;
/** "Thanks so much! Stop by tomorrow?" is not about messages: an unclear opt-out is a short sentence. */
const MAX_AMBIGUOUS_WORDS = 10;

/**
 * Reads a message for an opt-out. Clear: "STOP", "stop please 🙏", "Не пишите мне больше!", "pare", "cancelar
 * suscripción". Ambiguous: "stop sending me so much", "too many messages". A lone "stop" inside a sentence ("don't
 * stop baking", "стоп, а хлеб ещё есть?") is neither.
 */
export function readOptOut(text: string, extraClear: readonly { word: string; lang: string }[] = []): OptOutReading | null {
  if (text.length > 400) return null;
  const all = lexicons();
  const words = lexiconWords(text);
  if (words.length === 0 || words.length > MAX_OPTOUT_WORDS) return null;
  const politeness = all.flatMap((l) => l.politeness);
  const core = without(words, politeness);
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((w, i) => wordMatches(b[i], w));

  const clearLangs: CustomerLanguage[] = [];
  let clearPhrase = '';
  if (core.length > 0) {
    // The owner's own words first: the opt-out record then names the word they know.
    for (const k of extraClear) {
      if (same(core, lexiconWords(k.word))) {
        const lang = (CUSTOMER_LANGUAGE_CODES as readonly string[]).includes(k.lang) ? (k.lang as CustomerLanguage) : 'en';
        if (!clearLangs.includes(lang)) clearLangs.push(lang);
        clearPhrase ||= k.word;
      }
    }
    for (const lx of all) {
      // Politeness words are dropped from both sides ("dạ" is Vietnamese politeness and Portuguese "da").
      const hit = lx.clear.find((p) => same(core, clearCore(p, politeness)));
      if (hit && !clearLangs.includes(lx.lang)) {
        clearLangs.push(lx.lang);
        clearPhrase ||= hit.text;
      }
    }
  }
  if (clearLangs.length) return { kind: 'clear', langs: clearLangs, phrase: clearPhrase };

  // Ambiguous: a multi-word opt-out phrase with more around it ("stop sending me so much"), or a complaint about how
  // many messages come ("too many messages") — the owner decides, and reminders wait until they have.
  if (words.length > MAX_AMBIGUOUS_WORDS) return null;
  const aboutMessages = MESSAGE_WORDS.test(words.join(' '));
  const langs: CustomerLanguage[] = [];
  let found = '';
  for (const lx of all) {
    const hit =
      lx.clear.find((p) => p.words.length >= 2 && indexOf(words, p.words) >= 0) ??
      (aboutMessages ? lx.ambiguous.find((p) => indexOf(words, p.words) >= 0) : undefined);
    if (hit) {
      langs.push(lx.lang);
      found ||= hit.text;
    }
  }
  return langs.length ? { kind: 'ambiguous', langs, phrase: found } : null;
}

/** Words for "messages"/"reminders" in every lexicon language, accent-free as lexiconWords leaves them. */
const MESSAGE_WORDS =
  /messag|remind|spam|сообщен|напомин|рассыл|повідомл|нагадув|розсил|tin nhan|nachricht|erinnerung|mensaj|mensag|pesan|mesaj|رسائل|رساله|मसज|rappel|often|sering|часто|so oft|seguido|frecuen|souvent|cok sik|nhieu/;

export interface ClaimHit {
  kind: ClaimKind;
  lang: CustomerLanguage;
  phrase: string;
}

/** Every claim phrase of every language found in a text (a reply the model wrote, or the owner's policies). */
export function findClaims(text: string): ClaimHit[] {
  const words = lexiconWords(text.slice(0, 4000));
  const out: ClaimHit[] = [];
  if (words.length === 0) return out;
  for (const lx of lexicons()) {
    for (const [kind, phrases] of lx.claims) {
      for (const p of phrases) if (indexOf(words, p.words) >= 0) out.push({ kind, lang: lx.lang, phrase: p.text });
    }
  }
  return out;
}

/** Letters only languages without a lexicon use (Kazakh әғқңөұүһ, Polish ąęłńśźż), so Auto never guesses in them. */
const UNCOVERED_LETTERS = /[әғқңөұүһąęłńśźż]/iu;
export function looksUncovered(text: string): boolean {
  return UNCOVERED_LETTERS.test(text);
}
