// The language of one message for the assistant (which language to answer in, and whether a draft answers in the
// customer's language). A thin view of the customer-language detector (main/core/language/detect.ts, tinyld), so the
// assistant, orders and the contact's stored language all read text the same way. null = "don't know", never a mismatch.
import { detectMessageLanguage } from '../language/detect';
import { languageInfo } from '../../shared/languages';
import { clipCustomerText } from './limits';

export interface LanguageGuess {
  lang: string;
  /** true when the text clearly is this language (distinct script or a strong score on enough text). */
  confident: boolean;
}

export const CYRILLIC_LANGS = new Set(['ru', 'uk', 'be', 'bg', 'sr', 'mk', 'kk']);

export function scriptOf(text: string): 'latin' | 'cyrillic' | 'other' | null {
  let latin = 0;
  let cyr = 0;
  let other = 0;
  for (const ch of text) {
    if (/\p{Script=Latin}/u.test(ch)) latin++;
    else if (/\p{Script=Cyrillic}/u.test(ch)) cyr++;
    else if (/\p{L}/u.test(ch)) other++;
  }
  const total = latin + cyr + other;
  if (total < 3) return null;
  if (cyr / total > 0.6) return 'cyrillic';
  if (latin / total > 0.6) return 'latin';
  if (other / total > 0.6) return 'other';
  return null;
}

export function detectLanguage(text: string): LanguageGuess | null {
  const g = detectMessageLanguage(clipCustomerText(text));
  return g ? { lang: g.lang, confident: g.confident } : null;
}

/** English names of common languages, for the prompt ("Reply in Russian"). */
const NAMES: Record<string, string> = {
  en: 'English',
  ru: 'Russian',
  uk: 'Ukrainian',
  de: 'German',
  fr: 'French',
  es: 'Spanish',
  it: 'Italian',
  pt: 'Portuguese',
  nl: 'Dutch',
  pl: 'Polish',
  tr: 'Turkish',
  vi: 'Vietnamese',
  el: 'Greek',
  ar: 'Arabic',
  he: 'Hebrew',
  ja: 'Japanese',
  zh: 'Chinese',
  ko: 'Korean',
  th: 'Thai',
  hi: 'Hindi',
  ka: 'Georgian',
  hy: 'Armenian',
  be: 'Belarusian',
  bg: 'Bulgarian',
  sr: 'Serbian',
  kk: 'Kazakh',
  cs: 'Czech',
  ro: 'Romanian',
  hu: 'Hungarian',
  sv: 'Swedish',
  da: 'Danish',
  fi: 'Finnish',
  no: 'Norwegian',
};

export function languageName(code: string): string {
  return languageInfo(code)?.englishName ?? NAMES[code] ?? code;
}
