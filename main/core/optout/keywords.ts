// Recognises an opt-out message ("STOP", "stop please 🙏", "не пишите мне больше", "pare", "berhenti") (the
// confirmation is in confirmation.ts). Phrases come from the lexicons of every customer language (main/shared/locales/<lang>/
// lexicon.json) plus the owner's own list; only a whole message (politeness aside) is a clear opt-out: "don't stop
// baking" or "стоп, а хлеб ещё есть?" are ordinary messages, "stop sending me so much" is for the owner to decide.
import { readOptOut, type OptOutReading } from '../../shared/lexicon';
export interface OptOutKeyword {
  word: string;
  /** Language of the word; the confirmation is written in it. */
  lang: string;
}

export const DEFAULT_KEYWORDS: OptOutKeyword[] = [
  { word: 'STOP', lang: 'en' },
  { word: 'Unsubscribe', lang: 'en' },
  { word: 'Opt out', lang: 'en' },
  { word: 'стоп', lang: 'ru' },
  { word: 'стоп', lang: 'uk' },
  { word: 'отписаться', lang: 'ru' },
  { word: 'отписка', lang: 'ru' },
  { word: 'отпишите меня', lang: 'ru' },
  { word: 'відписатися', lang: 'uk' },
  { word: 'відписка', lang: 'uk' },
  { word: 'відпишіть мене', lang: 'uk' },
  { word: 'hủy', lang: 'vi' },
  { word: 'hủy đăng ký', lang: 'vi' },
  { word: 'dừng', lang: 'vi' },
  { word: 'STOPP', lang: 'de' },
  { word: 'abmelden', lang: 'de' },
  { word: 'baja', lang: 'es' },
];

/** Longest message we even look at; an opt-out is a word or three. */
const MAX_LEN = 80;

/**
 * Case- and accent-insensitive form: "Hủy!" → "huy", "  STOP. " → "stop", "Opt-out" → "opt out".
 * Letters keep their script (Cyrillic stays Cyrillic); only marks, punctuation, symbols and spacing go.
 */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface OptOutMatch {
  /** The configured word that matched. */
  word: string;
  /** Every language that word is configured for (стоп is Russian and Ukrainian). */
  langs: string[];
}

export function matchOptOut(body: string, keywords: readonly OptOutKeyword[]): OptOutMatch | null {
  const r = readOptOutMessage(body, keywords);
  return r?.kind === 'clear' ? { word: r.phrase, langs: r.langs } : null;
}

/** Clear opt-out, an unclear one for the owner, or null. The owner's words count as clear phrases. */
export function readOptOutMessage(body: string, keywords: readonly OptOutKeyword[]): OptOutReading | null {
  if (body.length > MAX_LEN * 5) return null;
  return readOptOut(body, keywords);
}
