// Guesses the language of a short chat message without a model: script first, then tell-tale letters and common
// words. Returns null when unsure — callers must treat null as "don't know", never as a mismatch.
import { clipCustomerText } from './limits';

export interface LanguageGuess {
  lang: string;
  /** true when the text clearly is this language (distinct script or several distinctive signals). */
  confident: boolean;
}

const WORDS: Record<string, string[]> = {
  en: ['the', 'and', 'you', 'your', 'is', 'are', 'do', 'does', 'have', 'what', 'when', 'hi', 'hello', 'thanks', 'thank', 'please', 'can', 'we', 'our', 'will', 'with', 'for', 'of', 'to', 'open', 'it', 'not', 'be', 'this', 'at', 'on', 'yes', 'no', 'would', 'how', 'much', 'i', "i'm", 'my'],
  de: ['und', 'ich', 'nicht', 'sie', 'wir', 'der', 'die', 'das', 'ist', 'haben', 'bitte', 'danke', 'hallo', 'guten', 'ein', 'eine', 'mit', 'für', 'auf', 'auch', 'wann', 'heute', 'gibt', 'es', 'zu', 'ja', 'nein', 'wie', 'ihr', 'ihre', 'uns'],
  fr: ['le', 'la', 'les', 'et', 'est', 'vous', 'nous', 'je', 'pas', 'merci', 'bonjour', 'une', 'un', 'des', 'pour', 'avec', 'que', 'qui', 'oui', 'non', 'votre', 'au', 'du', 'sur', 'ce'],
  es: ['el', 'la', 'los', 'las', 'y', 'es', 'usted', 'hola', 'gracias', 'por', 'favor', 'una', 'un', 'que', 'para', 'con', 'sí', 'no', 'tienen', 'su', 'del', 'como', 'muy'],
  it: ['il', 'lo', 'la', 'gli', 'e', 'è', 'non', 'grazie', 'ciao', 'sono', 'per', 'che', 'una', 'un', 'con', 'buongiorno', 'avete', 'si', 'del', 'della'],
  pt: ['o', 'a', 'os', 'as', 'e', 'é', 'você', 'obrigado', 'obrigada', 'não', 'olá', 'uma', 'um', 'para', 'com', 'que', 'vocês', 'tem', 'sim', 'do', 'da'],
  nl: ['het', 'een', 'en', 'niet', 'dank', 'bedankt', 'jij', 'u', 'wij', 'is', 'van', 'op', 'met', 'voor', 'hallo', 'ik', 'ja', 'nee', 'hebben', 'jullie'],
  pl: ['nie', 'jest', 'dziękuję', 'dzień', 'dobry', 'czy', 'się', 'na', 'w', 'z', 'i', 'to', 'mam', 'macie', 'proszę', 'tak', 'jak'],
  tr: ['ve', 'bir', 'bu', 'teşekkür', 'merhaba', 'evet', 'hayır', 'için', 'ile', 'var', 'mı', 'mi', 'ne', 'çok'],
  vi: ['có', 'không', 'là', 'và', 'của', 'cho', 'với', 'em', 'anh', 'chị', 'ạ', 'ơi', 'nhé', 'được', 'bạn', 'mình', 'tôi', 'chào', 'cảm', 'ơn', 'tiệm', 'bánh'],
  ru: ['и', 'в', 'не', 'что', 'это', 'как', 'вы', 'мы', 'у', 'вас', 'нас', 'есть', 'спасибо', 'пожалуйста', 'здравствуйте', 'привет', 'да', 'нет', 'можно', 'когда', 'сегодня', 'хлеб', 'работаете', 'только', 'если', 'ещё', 'еще', 'будет', 'уже', 'очень', 'где'],
  uk: ['і', 'й', 'та', 'що', 'це', 'як', 'ви', 'ми', 'у', 'вас', 'нас', 'є', 'дякую', 'будь', 'ласка', 'вітаю', 'привіт', 'так', 'ні', 'можна', 'коли', 'сьогодні', 'хліб', 'працюєте', 'тільки', 'якщо', 'ще', 'буде', 'вже', 'дуже', 'де', 'добрий', 'день'],
};

const LETTERS: [string, RegExp][] = [
  ['uk', /[іїєґ]/u],
  ['ru', /[ыэъё]/u],
  ['vi', /[ơưđăạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/u],
  ['de', /[ßäöü]/u],
  ['pl', /[ąęłńśźż]/u],
  ['tr', /[şğı]/u],
  ['es', /[ñ¿¡]/u],
  ['pt', /[ãõ]/u],
  ['fr', /[çœèêë]/u],
];

const SCRIPTS: [string, RegExp][] = [
  ['el', /\p{Script=Greek}/u],
  ['ar', /\p{Script=Arabic}/u],
  ['he', /\p{Script=Hebrew}/u],
  ['ja', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['zh', /\p{Script=Han}/u],
  ['ko', /\p{Script=Hangul}/u],
  ['th', /\p{Script=Thai}/u],
  ['hi', /\p{Script=Devanagari}/u],
  ['ka', /\p{Script=Georgian}/u],
  ['hy', /\p{Script=Armenian}/u],
];

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
  const clean = clipCustomerText(text).replace(/https?:\/\/\S+|\S+@\S+/g, ' ').toLowerCase();
  const script = scriptOf(clean);
  if (script === null) return null;
  if (script === 'other') {
    for (const [lang, re] of SCRIPTS) {
      // Japanese mixes kana into Han text; kana decides.
      if (re.test(clean)) return { lang, confident: true };
    }
    return null;
  }
  const words = clean.match(/[\p{L}'’]+/gu) ?? [];
  const candidates = Object.keys(WORDS).filter((l) => (script === 'cyrillic' ? CYRILLIC_LANGS.has(l) : !CYRILLIC_LANGS.has(l)));
  const scores = new Map<string, number>(candidates.map((l) => [l, 0]));
  for (const w of words) {
    for (const l of candidates) if (WORDS[l].includes(w)) scores.set(l, scores.get(l)! + 1);
  }
  for (const [l, re] of LETTERS) {
    if (scores.has(l) && re.test(clean)) scores.set(l, scores.get(l)! + (l === 'uk' || l === 'ru' || l === 'vi' ? 3 : 2));
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] === 0) {
    // Cyrillic without any hint is most likely Russian, but not sure enough to hold a reply over it.
    return script === 'cyrillic' ? { lang: 'ru', confident: false } : null;
  }
  const margin = best[1] - (second?.[1] ?? 0);
  return { lang: best[0], confident: best[1] >= 2 && margin >= 2 };
}

/** English names of common languages, for the prompt ("Reply in Russian"). */
const NAMES: Record<string, string> = {
  en: 'English', ru: 'Russian', uk: 'Ukrainian', de: 'German', fr: 'French', es: 'Spanish', it: 'Italian', pt: 'Portuguese',
  nl: 'Dutch', pl: 'Polish', tr: 'Turkish', vi: 'Vietnamese', el: 'Greek', ar: 'Arabic', he: 'Hebrew', ja: 'Japanese',
  zh: 'Chinese', ko: 'Korean', th: 'Thai', hi: 'Hindi', ka: 'Georgian', hy: 'Armenian', be: 'Belarusian', bg: 'Bulgarian',
  sr: 'Serbian', kk: 'Kazakh', cs: 'Czech', ro: 'Romanian', hu: 'Hungarian', sv: 'Swedish', da: 'Danish', fi: 'Finnish', no: 'Norwegian',
};

export function languageName(code: string): string {
  return NAMES[code] ?? code;
}
