// Guesses the language of ONE short customer message. tinyld does the work (n-gram profiles for ~60 languages,
// 95.8% on tests/shared/language/messages-table.ts, see README "Dependencies"); on top sit two things it cannot
// know: Russian typed in Latin letters ("privet, mozhno zakazat?") and Vietnamese typed without tone marks ("shop oi
// con banh ko"), both common in chats. A message with almost no letters ("ok", "👍", "12:30") gives null.
import { detectAll } from 'tinyld';
import { isCustomerLanguage } from '../../shared/languages';

export interface MessageLanguage {
  /** ISO 639-1 code; may be a language Lavka has no customer texts for (it, pl…): the assistant can still use it. */
  lang: string;
  /** tinyld's score for it, 0..1 (1 when a script or a romanised hint decides). */
  score: number;
  /** Letters in the message (without links, emails and digits): how much the guess is worth. */
  letters: number;
  /** Clearly this language: a script only it uses here, or a strong score on enough text. */
  confident: boolean;
}

/** Languages tinyld confuses with one of our customer languages on short text, and which one they stand for. */
const NEIGHBOURS: Record<string, string> = { nl: 'de', af: 'de', lb: 'de', gl: 'es', ast: 'es', ms: 'id', jv: 'id', su: 'id', be: 'ru' };

/** Enough of a message to tell its language; the rest is not read (bounded cost for pasted blobs). */
const MAX_CHARS = 600;
/** Fewer letters than this ("ok", "да", "k") say nothing about a language. */
const MIN_LETTERS = 3;
/** Below this score on fewer than WEAK_LETTERS letters, tinyld is guessing. */
const WEAK_SCORE = 0.1;
const WEAK_LETTERS = 8;

/** Words only romanised Russian uses (after lower-casing); two of them, or one of the greetings, decide. */
const RU_LATIN = new Set([
  'privet',
  'spasibo',
  'spasiba',
  'pozhaluysta',
  'pozhalujsta',
  'pojaluysta',
  'pojalujsta',
  'pozhalusta',
  'zdravstvuyte',
  'zdravstvujte',
  'zdravstvuite',
  'zdrastvuyte',
  'zdrasti',
  'dobryy',
  'dobriy',
  'dobryj',
  'mozhno',
  'mojno',
  'hochu',
  'khochu',
  'skolko',
  'stoit',
  'zakaz',
  'zakazat',
  'zakazhu',
  'zavtra',
  'segodnya',
  'segodnia',
  'hleb',
  'khleb',
  'bolshoe',
  'bolshoye',
  'horosho',
  'khorosho',
  'ochen',
  'nuzhno',
  'davayte',
  'davay',
  'rabotaete',
  'dostavka',
  'kogda',
  'gde',
  'est',
  'mne',
  'vas',
  'nas',
  'eshe',
  'eshche',
  'tolko',
  'seychas',
  'sejchas',
]);
const RU_LATIN_STRONG = new Set([
  'privet',
  'spasibo',
  'spasiba',
  'pozhaluysta',
  'pozhalujsta',
  'zdravstvuyte',
  'zdravstvujte',
  'zdravstvuite',
  'zdrastvuyte',
  'horosho',
  'khorosho',
]);

/** Vietnamese words as typed without marks; "oi" alone is also Portuguese "hi", so two are needed. */
const VI_PLAIN = new Set([
  'oi',
  'banh',
  'khong',
  'ko',
  'duoc',
  'dc',
  'nhe',
  'nha',
  'minh',
  'cam',
  'on',
  'nhieu',
  'bao',
  'tien',
  'giao',
  'hang',
  'dat',
  'muon',
  'chi',
  'anh',
  'em',
  'ban',
  'cua',
  'tiem',
  'lay',
  'mai',
  'hom',
  'nay',
  'qua',
  'ak',
  'vay',
  'roi',
]);

function romanisedHint(words: string[]): { lang: string; hits: number; strong: boolean } | null {
  let ru = 0;
  let ruStrong = false;
  let vi = 0;
  for (const w of words) {
    if (RU_LATIN.has(w)) ru++;
    if (RU_LATIN_STRONG.has(w)) ruStrong = true;
    if (VI_PLAIN.has(w)) vi++;
  }
  if (ru >= 2 || ruStrong) return { lang: 'ru', hits: ru, strong: ruStrong };
  // Half the words (and at least three) must be Vietnamese syllables: "em" or "on" alone are English too.
  if (vi >= 3 && vi * 2 >= words.length) return { lang: 'vi', hits: vi, strong: false };
  return null;
}

/** Everyday words only Ukrainian (resp. Russian) uses, for short messages tinyld cannot split. */
const UK_WORDS = new Set([
  'будь',
  'ласка',
  'дякую',
  'дякуємо',
  'добрий',
  'добре',
  'вітаю',
  'привіт',
  'що',
  'це',
  'як',
  'мені',
  'або',
  'чи',
  'можна',
  'треба',
  'коли',
  'скільки',
  'замовлення',
  'хочемо',
  'щось',
  'тут',
  'зараз',
  'гаразд',
]);
const RU_WORDS = new Set([
  'пожалуйста',
  'спасибо',
  'здравствуйте',
  'привет',
  'что',
  'это',
  'как',
  'мне',
  'или',
  'можно',
  'надо',
  'когда',
  'сколько',
  'заказ',
  'добрый',
  'хорошо',
  'сейчас',
  'хлеба',
  'тоже',
  'только',
  'где',
]);

/** 'uk' or 'ru' when the text has letters only that language uses (і ї є ґ / ы э ъ ё), and not the other's. */
function cyrillicLetters(lower: string): 'ru' | 'uk' | null {
  const uk = /[іїєґ]/u.test(lower);
  const ru = /[ыэъё]/u.test(lower);
  return uk === ru ? null : uk ? 'uk' : 'ru';
}

/** Text a language can be read from: no links, emails, @handles or digits. */
function readable(text: string): string {
  return (text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text).replace(/https?:\/\/\S+|\S+@\S+|@\w+|\d+/g, ' ');
}

export function detectMessageLanguage(text: string): MessageLanguage | null {
  const clean = readable(text);
  const letters = (clean.match(/\p{L}/gu) ?? []).length;
  if (letters < MIN_LETTERS) return null;

  if (/\p{Script=Arabic}/u.test(clean) && !/\p{Script=Latin}{4}/u.test(clean)) {
    return { lang: 'ar', score: 1, letters, confident: true };
  }
  const lower = clean.toLowerCase();
  // Romanised Russian / plain Vietnamese first: tinyld reads them as Czech, Turkish or Portuguese, sometimes sure of it.
  if (!/[^\p{Script=Latin}\P{L}]/u.test(lower)) {
    const hint = romanisedHint(lower.match(/\p{L}+/gu) ?? []);
    if (hint) return { lang: hint.lang, score: 1, letters, confident: hint.hits >= 2 || hint.strong };
  }
  // Russian and Ukrainian share most of their alphabet; letters only one of them has settle it.
  const cyrillic = cyrillicLetters(lower);
  if (cyrillic) return { lang: cyrillic, score: 1, letters, confident: letters >= 5 };
  const all = detectAll(lower);
  // On short text tinyld often cannot tell Russian from Ukrainian: everyday words only one of them uses decide,
  // and a remaining near tie is Russian (Ukrainian text nearly always has і/ї/є, caught above).
  const pair = all.slice(0, 2).map((r) => r.lang);
  if (pair.includes('ru') && pair.includes('uk') && !(all[0].accuracy >= 0.5 && all[0].accuracy - all[1].accuracy >= 0.2)) {
    const words = lower.match(/\p{L}+/gu) ?? [];
    const uk = words.filter((w) => UK_WORDS.has(w)).length;
    const ru = words.filter((w) => RU_WORDS.has(w)).length;
    if (uk !== ru) return { lang: uk > ru ? 'uk' : 'ru', score: all[0].accuracy, letters, confident: words.length >= 2 };
    if (all[0].accuracy - all[1].accuracy < 0.05) return { lang: 'ru', score: all[0].accuracy, letters, confident: false };
  }
  // A weak guess between a language of our customers and one of its close neighbours (de/nl, es/gl, id/ms) goes to
  // ours. Only those pairs: an Italian or Polish message must stay Italian or Polish, because Auto sends nothing in a
  // language it has no texts and lexicons for, and remapping it to Spanish would let it through.
  const neighbour = all[0] && all[0].accuracy < 0.5 ? NEIGHBOURS[all[0].lang] : undefined;
  const ranked = neighbour && all.some((r) => r.lang === neighbour) ? all.filter((r) => r.lang === neighbour) : all;
  const top = ranked[0];
  // A faint guess on a word or two ("hello?" scores 0.05 as Spanish) is no guess.
  if (!top || (top.accuracy < WEAK_SCORE && letters < WEAK_LETTERS)) return null;
  // Nor is a weak guess of a language we have no texts for on a word or two ("hello?" scores 0.1 as Italian).
  if (!isCustomerLanguage(top.lang) && top.accuracy < 0.5 && letters < WEAK_LETTERS) return null;
  const margin = top.accuracy - (ranked[1]?.accuracy ?? 0);
  // Devanagari is Hindi for our customers (Marathi and Nepali aside), whatever the score says.
  const distinctScript = /\p{Script=Devanagari}/u.test(lower);
  const confident = distinctScript || (letters >= 8 && top.accuracy >= 0.5 && margin >= 0.2);
  return { lang: top.lang, score: Math.min(1, top.accuracy), letters, confident };
}
