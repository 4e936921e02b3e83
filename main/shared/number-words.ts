// Small numbers written as words in every customer language ("two", "два", "dos", "iki", "दो", "اثنان"), and digits
// of any script folded to ASCII ("١٢", "१२", "１２"). Quantities a customer writes and amounts a reply states are
// compared through these, so "three euros" is a price as much as "€3".
import { lexiconWords } from './lexicon';

const WORDS: Record<number, string[]> = {
  0: ['zero', 'ноль', 'нуль', 'không', 'null', 'cero', 'zero', 'nol', 'शून्य', 'sıfır', 'zéro', 'صفر'],
  1: [
    'one',
    'a',
    'an',
    'один',
    'одна',
    'одно',
    'одну',
    'одного',
    'один',
    'одна',
    'одну',
    'một',
    'eins',
    'ein',
    'eine',
    'einen',
    'uno',
    'una',
    'un',
    'um',
    'uma',
    'satu',
    'se',
    'एक',
    'bir',
    'une',
    'واحد',
    'واحدة',
  ],
  2: [
    'two',
    'два',
    'две',
    'двух',
    'дві',
    'двоє',
    'hai',
    'zwei',
    'dos',
    'dois',
    'duas',
    'dua',
    'दो',
    'iki',
    'deux',
    'اثنان',
    'اثنين',
    'إثنين',
  ],
  3: ['three', 'три', 'трёх', 'трех', 'трьох', 'ba', 'drei', 'tres', 'três', 'tiga', 'तीन', 'üç', 'trois', 'ثلاثة', 'ثلاث'],
  4: ['four', 'четыре', 'чотири', 'bốn', 'tư', 'vier', 'cuatro', 'quatro', 'empat', 'चार', 'dört', 'quatre', 'أربعة', 'أربع'],
  5: ['five', 'пять', "п'ять", 'năm', 'fünf', 'cinco', 'lima', 'पांच', 'पाँच', 'beş', 'cinq', 'خمسة', 'خمس'],
  6: ['six', 'шесть', 'шість', 'sáu', 'sechs', 'seis', 'enam', 'छह', 'altı', 'ستة', 'ست'],
  7: ['seven', 'семь', 'сім', 'bảy', 'sieben', 'siete', 'sete', 'tujuh', 'सात', 'yedi', 'sept', 'سبعة', 'سبع'],
  8: ['eight', 'восемь', 'вісім', 'tám', 'acht', 'ocho', 'oito', 'delapan', 'आठ', 'sekiz', 'huit', 'ثمانية', 'ثماني'],
  9: ['nine', 'девять', "дев'ять", 'chín', 'neun', 'nueve', 'nove', 'sembilan', 'नौ', 'dokuz', 'neuf', 'تسعة', 'تسع'],
  10: ['ten', 'десять', 'mười', 'zehn', 'diez', 'dez', 'sepuluh', 'दस', 'on', 'dix', 'عشرة', 'عشر'],
  11: ['eleven', 'одиннадцать', 'одинадцять', 'elf', 'once', 'onze', 'ग्यारह', 'onbir', 'أحد عشر'],
  12: ['twelve', 'dozen', 'двенадцать', 'дюжина', 'дванадцять', 'zwölf', 'doce', 'doze', 'lusin', 'बारह', 'oniki', 'douze', 'اثنا عشر'],
  20: ['twenty', 'двадцать', 'двадцять', 'hai mươi', 'zwanzig', 'veinte', 'vinte', 'dua puluh', 'बीस', 'yirmi', 'vingt', 'عشرون', 'عشرين'],
  50: [
    'fifty',
    'пятьдесят',
    "п'ятдесят",
    'năm mươi',
    'fünfzig',
    'cincuenta',
    'cinquenta',
    'lima puluh',
    'पचास',
    'elli',
    'cinquante',
    'خمسون',
    'خمسين',
  ],
  100: ['hundred', 'сто', 'một trăm', 'hundert', 'cien', 'cem', 'seratus', 'सौ', 'yüz', 'cent', 'مائة', 'مية'],
  200: [
    'two hundred',
    'двести',
    'двісті',
    'hai trăm',
    'zweihundert',
    'doscientos',
    'duzentos',
    'dua ratus',
    'दो सौ',
    'iki yüz',
    'deux cents',
    'مئتان',
    'مئتين',
  ],
};

/** Ambiguous little words that mean a number only next to a unit ("a loaf" is one, "ba" in Vietnamese is three). */
const WEAK = new Set([
  'a',
  'an',
  'un',
  'une',
  'se',
  'on',
  'ba',
  'hai',
  'năm',
  'tư',
  'ein',
  'eine',
  'einen',
  'um',
  'uma',
  'uno',
  'una',
  'bir',
  'cent',
]);

interface NumberWord {
  words: string[];
  value: number;
  weak: boolean;
}

let table: NumberWord[] | null = null;
function numberWords(): NumberWord[] {
  if (table) return table;
  table = Object.entries(WORDS)
    .flatMap(([v, list]) => list.map((w) => ({ words: lexiconWords(w), value: Number(v), weak: WEAK.has(w) })))
    // Longest first: "two hundred" before "two".
    .sort((a, b) => b.words.length - a.words.length);
  return table;
}

/** Digits of any script (Arabic-Indic, Devanagari, full-width…) as ASCII digits; everything else unchanged. */
export function asciiDigits(text: string): string {
  return text.normalize('NFKC').replace(/\p{Nd}/gu, (d) => {
    const cp = d.codePointAt(0)!;
    // Every Unicode decimal digit block is ten consecutive code points starting at a multiple of 16 ending in 0.
    for (let zero = cp; zero > cp - 10; zero--) {
      if (/\p{Nd}/u.test(String.fromCodePoint(zero)) && !/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) return String(cp - zero);
    }
    return d;
  });
}

export interface SpelledNumber {
  value: number;
  /** The words as they appear, normalised. */
  text: string;
  /** A word like "a" or "ba" that is a number only sometimes. */
  weak: boolean;
}

/** Numbers spelled out as words in a text, in order. */
export function spelledNumbers(text: string): SpelledNumber[] {
  const words = lexiconWords(text.slice(0, 4000));
  const out: SpelledNumber[] = [];
  for (let i = 0; i < words.length;) {
    const hit = numberWords().find((n) => n.words.every((w, j) => words[i + j] === w));
    if (hit) {
      out.push({ value: hit.value, text: hit.words.join(' '), weak: hit.weak });
      i += hit.words.length;
    } else i++;
  }
  return out;
}

/** Every number a text states: digits (any script) and spelled-out numbers. */
export function numbersIn(text: string, opts: { includeWeak?: boolean } = {}): number[] {
  const digits = (asciiDigits(text).match(/\d+(?:[.,]\d+)?/g) ?? []).map((d) => Number(d.replace(',', '.')));
  const spelled = spelledNumbers(text)
    .filter((n) => opts.includeWeak || !n.weak)
    .map((n) => n.value);
  return [...digits, ...spelled];
}
