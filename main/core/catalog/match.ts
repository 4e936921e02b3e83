// Deterministic fuzzy matching of what a customer called an item ("ржаного хлеба", "croisant", "large latte")
// to catalog products, across languages through names and synonyms. No model involved: same input, same answer.
import type { OptionGroup, Product } from './types';

/** Words that carry no product meaning, in the languages Lavka's customers write in. */
const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'and',
  'with',
  'please',
  'pcs',
  'piece',
  'pieces',
  'some',
  'и',
  'с',
  'со',
  'в',
  'во',
  'на',
  'для',
  'пожалуйста',
  'шт',
  'штук',
  'штуки',
  'штука',
  'і',
  'й',
  'з',
  'із',
  'та',
  'для',
  'будь',
  'ласка',
  'va',
  'voi',
  'cho',
  'mot',
  'cai',
  'chiec',
  'ly',
  'coc',
]);

const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ye',
  ж: 'zh',
  з: 'z',
  и: 'i',
  і: 'i',
  ї: 'yi',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** Lower case, accents removed (cà phê → ca phe, ё → е, й → и), punctuation to spaces. */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/đ/g, 'd')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * No product name has a word this long; a customer's 100 KB "word" (pasted junk, a base64 blob) would otherwise cost
 * seconds of edit-distance work on every turn and stall the whole app.
 */
export const MAX_WORD_CHARS = 40;
/** Order requests are short; only the start of a very long message is read for product names. */
export const MAX_MATCH_TEXT_CHARS = 4000;

export function tokens(text: string): string[] {
  return normalize(text.length > MAX_MATCH_TEXT_CHARS ? text.slice(0, MAX_MATCH_TEXT_CHARS) : text)
    .split(' ')
    .filter((t) => t && t.length <= MAX_WORD_CHARS && !STOP_WORDS.has(t));
}

/** Cyrillic letters to Latin ones (латте → latte); other characters stay. */
export function transliterate(token: string): string {
  let out = '';
  for (const ch of token) out += CYRILLIC_TO_LATIN[ch] ?? ch;
  return out;
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** Below this a token pair counts as different words. */
export const TOKEN_MIN = 0.75;

export const isNumber = (token: string): boolean => /^\d+$/.test(token);

/**
 * How many word pairs tokenSim has compared since the process started. Tests read it to check that the work per
 * customer message depends on what the customer wrote, not on the size of the catalog.
 */
export const matchCounters = { tokenSims: 0 };

/**
 * Similarity of two normalised words, 0..1. Handles inflection (shared stem: хлеб/хлеба, круассан/круассаны,
 * croissant/croissants), typos (one or two edits in a long word) and Latin/Cyrillic spellings (латте/latte).
 * Numbers only match exactly: "2" must never become "3".
 */
export function tokenSim(a: string, b: string): number {
  matchCounters.tokenSims++;
  if (a === b) return 1;
  if (isNumber(a) || isNumber(b)) return 0;
  const best = Math.max(stemSim(a, b), editSim(a, b));
  if (best >= 0.95) return best;
  const ta = transliterate(a);
  const tb = transliterate(b);
  if (ta === a && tb === b) return best;
  if (ta === tb) return 0.95;
  return Math.max(best, stemSim(ta, tb) * 0.95, editSim(ta, tb) * 0.95);
}

// match-index.ts finds candidate words without comparing every pair, and relies on these two rules: a shared stem
// means the same first 3 letters (2 when both words have 3 letters), and an edit match means a word of 5+ letters
// at most 2 edits away. Change them together (tests/core/catalog/match-index.test.ts compares the two).
function stemSim(a: string, b: string): number {
  const min = Math.min(a.length, b.length);
  const max = Math.max(a.length, b.length);
  if (min < 3) return 0;
  let cp = 0;
  while (cp < min && a[cp] === b[cp]) cp++;
  // Endings differ, the stem is shared. Short words are strict (чай/чая yes, hat/have no, sung/sunday no);
  // longer ones may change two letters of ending and add up to three (ржаной/ржаного, пирожок/пирожки).
  const ok = min <= 3 ? cp >= min - 1 && max - cp <= 1 : min === 4 ? cp >= 3 && max - cp <= 2 : cp >= min - 2 && max - cp <= 3;
  return ok ? 0.8 + 0.2 * (cp / max) : 0;
}

function editSim(a: string, b: string): number {
  const max = Math.max(a.length, b.length);
  if (max < 5) return 0;
  const d = levenshtein(a, b);
  if (d > 2) return 0;
  return 1 - d / max;
}

function bestSim(t: string, among: string[]): number {
  let best = 0;
  for (const o of among) {
    const s = tokenSim(t, o);
    if (s > best) best = s;
    if (best === 1) break;
  }
  return best >= TOKEN_MIN ? best : 0;
}

/**
 * How well a query names a catalog name, 0..1: mostly how much of the name the query covers ("хлеб" covers half
 * of "ржаной хлеб"), partly how much of the query the name explains (extra words like "large" cost a little).
 */
export function nameScore(query: string[], name: string[]): number {
  if (!query.length || !name.length) return 0;
  if (query.length === name.length && query.every((q, i) => q === name[i])) return 1;
  const coverage = name.reduce((s, n) => s + bestSim(n, query), 0) / name.length;
  const precision = query.reduce((s, q) => s + bestSim(q, name), 0) / query.length;
  if (coverage === 0) return 0;
  return 0.7 * coverage + 0.3 * precision;
}

export function productScore(query: string, p: Product): number {
  if (normalize(query) === normalize(p.sku)) return 1;
  const q = tokens(query);
  let best = 0;
  for (const n of [p.name, ...p.synonyms]) {
    const s = nameScore(q, tokens(n));
    if (s > best) best = s;
    if (best === 1) break;
  }
  return best;
}

export type MatchResult =
  { kind: 'match'; product: Product; score: number } | { kind: 'ambiguous'; candidates: Product[] } | { kind: 'unknown' };

/** A product must score at least this to be considered at all. */
export const MATCH_MIN = 0.6;
/** A clear winner scores at least this… */
export const MATCH_SURE = 0.75;
/** …and beats the runner-up by at least this much; otherwise Lavka asks which one. */
export const MATCH_GAP = 0.1;

export function matchProduct(query: string, products: readonly Product[]): MatchResult {
  const scored = products
    .map((p) => ({ p, s: productScore(query, p) }))
    .filter((x) => x.s >= MATCH_MIN)
    .sort((a, b) => b.s - a.s || a.p.id - b.p.id);
  if (!scored.length) return { kind: 'unknown' };
  const [top, second] = scored;
  if (top.s >= MATCH_SURE && (!second || top.s - second.s >= MATCH_GAP)) return { kind: 'match', product: top.p, score: top.s };
  // Either several products fit about equally well, or the one that fits only half-fits: ask, never guess.
  const candidates = scored
    .filter((x) => top.s - x.s < MATCH_GAP + 0.05)
    .slice(0, 4)
    .map((x) => x.p);
  return { kind: 'ambiguous', candidates };
}

export interface ChosenOption {
  group: string;
  value: string;
  priceDeltaMinor: number;
}

export interface OptionMatch {
  chosen: ChosenOption[];
  /** Groups the customer did not choose a value for (and that have more than one value). */
  missing: OptionGroup[];
  /** Option words that fit no value of this product. */
  unknown: string[];
}

/**
 * Picks option values from what the customer said: the explicit option words and the words of the item name
 * ("large oat latte"). A group with one value needs no choice; a group with no or two matching values is missing.
 */
export function matchOptions(product: Product, itemText: string, optionTexts: readonly string[]): OptionMatch {
  const chosen: ChosenOption[] = [];
  const missing: OptionGroup[] = [];
  const usedOptionTexts = new Set<number>();
  const itemTokens = tokens(itemText);
  for (const g of product.options) {
    const hits = new Set<number>();
    g.values.forEach((v, vi) => {
      const vt = tokens(v.value);
      if (!vt.length) return;
      optionTexts.forEach((o, oi) => {
        const ot = tokens(o).filter((t) => !tokens(g.name).includes(t));
        if (ot.length && nameScore(ot, vt) >= 0.8) {
          hits.add(vi);
          usedOptionTexts.add(oi);
        }
      });
      if (vt.every((t) => bestSim(t, itemTokens) > 0)) hits.add(vi);
    });
    if (hits.size === 1) {
      const v = g.values[[...hits][0]];
      chosen.push({ group: g.name, value: v.value, priceDeltaMinor: v.priceDeltaMinor });
    } else if (hits.size === 0 && g.values.length === 1) {
      chosen.push({ group: g.name, value: g.values[0].value, priceDeltaMinor: g.values[0].priceDeltaMinor });
    } else {
      missing.push(g);
    }
  }
  const unknown = optionTexts.filter((o, i) => !usedOptionTexts.has(i) && o.trim() && !productScoreCovers(product, o));
  return { chosen, missing, unknown };
}

/** An "option" that is really part of the product's name (the model split "rye" off "rye bread") is not unknown. */
function productScoreCovers(product: Product, text: string): boolean {
  const t = tokens(text);
  return t.length > 0 && [product.name, ...product.synonyms].some((n) => t.every((x) => bestSim(x, tokens(n)) > 0));
}

/**
 * Whether `text` is (mostly) made of words the customer actually wrote: at least 60% of its words, digits exact.
 * Used before echoing model-extracted words (an item name, an address) back to the customer.
 */
export function isMentionedIn(text: string, customerText: string): boolean {
  const t = tokens(text);
  if (!t.length) return false;
  const hay = tokens(customerText);
  const found = t.filter((x) => bestSim(x, hay) > 0).length;
  return found / t.length >= 0.6;
}

/**
 * Whether a message names anything the shop sells (a word of a product name or synonym, in any case or spelling).
 * Cheap, so it decides whether a message is worth asking the model about at all.
 */
export function mentionsCatalog(text: string, products: readonly Product[]): boolean {
  const words = tokens(text).filter((t) => t.length >= 3 && !/^\d+$/.test(t));
  if (!words.length) return false;
  const vocabulary = new Set<string>();
  for (const p of products)
    for (const n of [p.name, ...p.synonyms]) for (const t of tokens(n)) if (t.length >= 3 && !/^\d+$/.test(t)) vocabulary.add(t);
  const vocab = [...vocabulary];
  return words.some((w) => bestSim(w, vocab) > 0);
}
