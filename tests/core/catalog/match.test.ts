import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../../../main/core/catalog/demo';
import { isMentionedIn, matchOptions, matchProduct, mentionsCatalog, normalize, tokenSim } from '../../../main/core/catalog/match';
import { validate } from '../../../main/core/catalog/validate';
import type { Product } from '../../../main/core/catalog/types';

const catalog: Product[] = DEMO_PRODUCTS.map((p, i) => ({
  ...validate(p),
  sku: p.sku!,
  id: i + 1,
  archived: false,
  createdAt: 0,
  updatedAt: 0,
}));
const name = (q: string) => {
  const m = matchProduct(q, catalog);
  return m.kind === 'match' ? m.product.name : m.kind === 'ambiguous' ? `?${m.candidates.map((c) => c.name).join('|')}` : null;
};

describe('matching what customers call things to the catalog', () => {
  it('finds products by their English name, with plurals and typos', () => {
    expect(name('croissants')).toBe('Croissant');
    expect(name('croisant')).toBe('Croissant');
    expect(name('Chocolate croissant')).toBe('Chocolate croissant');
    expect(name('baguettes')).toBe('Baguette');
    expect(name('rye bread')).toBe('Rye bread');
  });

  it('finds products by Russian and Ukrainian synonyms in any grammatical case', () => {
    expect(name('ржаного хлеба')).toBe('Rye bread');
    expect(name('буханки ржаного')).toBe('Rye bread');
    expect(name('круассаны')).toBe('Croissant');
    expect(name('круассана с шоколадом')).toBe('Chocolate croissant');
    expect(name('медовик')).toBe('Honey cake');
    expect(name('житній хліб')).toBe('Rye bread');
    expect(name('капучино')).toBe('Cappuccino');
  });

  it('matches across scripts through transliteration (латте = latte)', () => {
    expect(name('латте')).toBe('Latte');
    expect(name('эспрессо')).toBe('Espresso');
  });

  it('asks instead of guessing when a word fits several products', () => {
    expect(name('хлеб')).toMatch(/^\?/);
    expect(name('хлеб')).toContain('Rye bread');
    expect(name('хлеб')).toContain('Wheat sourdough');
  });

  it('returns nothing for things the shop does not sell', () => {
    expect(name('pizza')).toBeNull();
    expect(name('пицца пепперони')).toBeNull();
    expect(name('truffle cake')).not.toBe('Honey cake');
  });

  it('keeps numbers exact and folds accents', () => {
    expect(tokenSim('250', '500')).toBe(0);
    expect(normalize('Cà phê hạt')).toBe('ca phe hat');
    expect(normalize('Ёлка')).toBe('елка');
  });

  it('reads options from the item words and from explicit option words', () => {
    const latte = catalog.find((p) => p.name === 'Latte')!;
    expect(matchOptions(latte, 'large latte', ['oat milk']).chosen.map((c) => c.value)).toEqual(['large', 'oat']);
    const partial = matchOptions(latte, 'latte', ['large']);
    expect(partial.chosen.map((c) => c.value)).toEqual(['large']);
    expect(partial.missing.map((g) => g.name)).toEqual(['milk']);
    expect(matchOptions(latte, 'latte', ['large', 'pistachio']).unknown).toEqual(['pistachio']);
  });

  it('only trusts words the customer actually wrote', () => {
    expect(isMentionedIn('Lenina 5, apt 3', 'Доставьте на lenina 5 apt 3 пожалуйста')).toBe(true);
    expect(isMentionedIn('Hauptstraße 99', 'please deliver it to me')).toBe(false);
    expect(isMentionedIn('Lenina 7', 'deliver to Lenina 5')).toBe(false);
  });
});

describe('short words stay strict', () => {
  it('matches endings of short words without matching different words', () => {
    expect(tokenSim('чай', 'чая')).toBeGreaterThan(0.75);
    expect(tokenSim('cakes', 'cake')).toBeGreaterThan(0.75);
    expect(tokenSim('hat', 'have')).toBeLessThan(0.75);
    expect(tokenSim('sung', 'sunday')).toBeLessThan(0.75);
  });

  it('tells a message that names a product from small talk', () => {
    expect(mentionsCatalog('Do you still have rye bread?', catalog)).toBe(true);
    expect(mentionsCatalog('Два круассана можно?', catalog)).toBe(true);
    expect(mentionsCatalog('Hello! Are you open on Sunday? Thanks, have a nice day', catalog)).toBe(false);
    expect(mentionsCatalog('Спасибо, до свидания!', catalog)).toBe(false);
  });
});
