// The in-memory match index must give exactly the scores of comparing the customer's words with every product
// (productScore), typos and other scripts included — only faster. Random queries over two catalogs check that.
import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../../../main/core/catalog/demo';
import { matchCounters, mentionsCatalog, productScore } from '../../../main/core/catalog/match';
import { MatchIndex } from '../../../main/core/catalog/match-index';
import { validate } from '../../../main/core/catalog/validate';
import type { Product } from '../../../main/core/catalog/types';

/** Small seeded generator (mulberry32): the same queries on every run. */
function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

const demo: Product[] = DEMO_PRODUCTS.map((p, i) => ({
  ...validate(p),
  sku: p.sku!,
  id: i + 1,
  archived: false,
  createdAt: 0,
  updatedAt: 0,
}));

const WORDS = [
  'rye',
  'bread',
  'sourdough',
  'croissant',
  'cake',
  'latte',
  'oat',
  'milk',
  'tea',
  'pie',
  'bun',
  'roll',
  'cinnamon',
  'honey',
  'ржаной',
  'хлеб',
  'круассан',
  'пирожок',
  'капуста',
  'чай',
  'торт',
  'медовик',
  'сырники',
  'ёлка',
  'йогурт',
  'щи',
  'борщ',
  'житній',
  'хліб',
  'пиріжки',
  'паляниця',
  'їжак',
  'bánh',
  'mì',
  'cà',
  'phê',
  'sữa',
  'đá',
  'trà',
  'bò',
];

function bigCatalog(n: number): Product[] {
  const r = rng(7);
  const base = demo[0];
  return Array.from({ length: n }, (_, i) => {
    const name = Array.from({ length: 1 + r.int(3) }, () => r.pick(WORDS)).join(' ') + ` ${r.pick([100, 250, 500])} g #${i + 1}`;
    const synonyms = Array.from({ length: r.int(3) }, () => Array.from({ length: 1 + r.int(2) }, () => r.pick(WORDS)).join(' '));
    return { ...base, id: i + 1, sku: `SKU-${i + 1}`, name, synonyms };
  });
}

const LETTERS = 'abcdeklmnoprstuаеклмнорстхлбжщїđ';

/** A word as a customer might type it: as is, with a typo, a changed ending, or a letter missing or added. */
function mangle(r: ReturnType<typeof rng>, word: string): string {
  const i = r.int(word.length + 1);
  switch (r.int(6)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + r.pick([...LETTERS]) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + r.pick([...LETTERS]) + word.slice(i);
    case 3:
      return word.slice(0, Math.max(2, word.length - 2)) + r.pick(['a', 'ов', 'ы', 's', 'ого', 'ів']);
    case 4:
      return word.slice(0, i) + word.slice(i + 1, i + 2) + word.slice(i, i + 1) + word.slice(i + 2);
    default:
      return word;
  }
}

function queries(catalog: readonly Product[], count: number, seed: number): string[] {
  const r = rng(seed);
  const vocab = [...new Set(catalog.flatMap((p) => [p.name, ...p.synonyms]).flatMap((n) => n.split(/\s+/)))];
  const noise = ['please', 'hello', 'можно', 'два', '2', '500', 'have', 'the', 'sunday', 'спасибо', 'cho', 'em'];
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + r.int(4) }, () => (r.next() < 0.25 ? r.pick(noise) : mangle(r, r.pick(vocab).toLowerCase()))).join(' '),
  );
}

function fullScan(query: string, catalog: readonly Product[]): Map<number, number> {
  return new Map(catalog.map((p) => [p.id, productScore(query, p)] as const).filter(([, s]) => s > 0));
}

describe('match index', () => {
  for (const [label, catalog, n] of [
    ['demo catalog', demo, 600],
    ['400 generated products', bigCatalog(400), 300],
  ] as const) {
    it(`scores exactly like productScore over every product (${label}, ${n} mangled queries)`, () => {
      const index = new MatchIndex(catalog);
      let nonEmpty = 0;
      for (const q of [...queries(catalog, n, 11), 'латте', 'croisant', 'ржаного хлеба', 'BR-RYE', 'хлеб', 'pizza', '', '!!!']) {
        const expected = fullScan(q, catalog);
        const got = new Map(index.search(q, Number.MIN_VALUE).map((x) => [x.id, x.score]));
        expect(got, q).toEqual(expected);
        expect(index.mentions(q), q).toBe(mentionsCatalog(q, catalog));
        if (expected.size) nonEmpty++;
      }
      // The queries do hit products (the comparison would be empty otherwise).
      expect(nonEmpty).toBeGreaterThan(n / 3);
    });
  }

  it('orders results like the full scan: best first, ties by id', () => {
    const index = new MatchIndex(demo);
    const ids = index.search('хлеб', 0.3).map((x) => x.id);
    const expected = demo
      .map((p) => ({ id: p.id, s: productScore('хлеб', p) }))
      .filter((x) => x.s >= 0.3)
      .sort((a, b) => b.s - a.s || a.id - b.id)
      .map((x) => x.id);
    expect(ids).toEqual(expected);
    expect(ids.length).toBeGreaterThan(2);
  });

  it('compares a customer word with the words that could match, not with the whole catalog', () => {
    const catalog = bigCatalog(2000);
    const index = new MatchIndex(catalog);
    const before = matchCounters.tokenSims;
    expect(index.search('two croisants and a latte please', 0.3).length).toBeGreaterThan(0);
    const compared = matchCounters.tokenSims - before;
    // The catalog has ~2000 products × 2–3 names × 3–6 words; a scan compares tens of thousands of word pairs.
    expect(compared).toBeLessThan(200);
    expect(index.stats.productsScored).toBeLessThan(catalog.length / 2);
    // Asked again (the next turn of the same chat), the words are remembered.
    const again = matchCounters.tokenSims;
    index.search('two croisants and a latte please', 0.3);
    expect(matchCounters.tokenSims).toBe(again);
  });
});
