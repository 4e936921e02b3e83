import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { seedDemoCatalog } from '../../../main/core/catalog/demo';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const bread = { name: 'Rye bread', priceMinor: 420, unit: 'loaf', synonyms: ['ржаной хлеб'] };

describe('catalog', () => {
  it('adds a product with a generated SKU and finds it by a synonym in another language', async () => {
    const p = await t.call('catalog.create', bread);
    expect(p.sku).toBe('P-0001');
    expect(p.priceMinor).toBe(420);
    const hits = await t.call('catalog.list', { query: 'ржаной' });
    expect(hits.map((h) => h.name)).toEqual(['Rye bread']);
    expect((await t.call('catalog.list', { query: 'рж' })).length).toBe(1);
  });

  it('refuses a duplicate SKU (in any letter case) and names the product that has it', async () => {
    await t.call('catalog.create', { ...bread, sku: 'BR-1' });
    await expect(t.call('catalog.create', { ...bread, name: 'Other', sku: 'br-1' })).rejects.toThrow(
      /conflict: SKU "br-1" is already used by "Rye bread"/,
    );
    expect(await t.call('catalog.list', {})).toHaveLength(1);
  });

  it('refuses negative prices, fractional cents and options that make a price negative', async () => {
    await expect(t.call('catalog.create', { ...bread, priceMinor: -1 })).rejects.toThrow(/negative/);
    await expect(t.call('catalog.create', { ...bread, priceMinor: 4.2 })).rejects.toThrow(/whole number|int/i);
    await expect(
      t.call('catalog.create', { ...bread, options: [{ name: 'size', values: [{ value: 'mini', priceDeltaMinor: -500 }] }] }),
    ).rejects.toThrow(/negative/);
    expect(await t.call('catalog.list', {})).toHaveLength(0);
  });

  it('edits and archives: archived products leave the list and order matching but stay readable', async () => {
    const p = await t.call('catalog.create', bread);
    const edited = await t.call('catalog.update', { productId: p.id, product: { ...bread, priceMinor: 450, stock: 5 } });
    expect(edited).toMatchObject({ priceMinor: 450, stock: 5, sku: p.sku });
    await t.call('catalog.archive', { productId: p.id, archived: true });
    expect(await t.call('catalog.list', {})).toHaveLength(0);
    expect(await t.call('catalog.list', { includeArchived: true })).toHaveLength(1);
    expect(t.app.services.catalog.repo.active()).toHaveLength(0);
    expect((await t.call('catalog.get', { productId: p.id })).archived).toBe(true);
  });

  it('accepts a small photo as a data URL and refuses anything that is not a picture', async () => {
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    expect((await t.call('catalog.create', { ...bread, photo: png })).photo).toBe(png);
    await expect(t.call('catalog.create', { ...bread, name: 'X', photo: 'javascript:alert(1)' })).rejects.toThrow(/picture/);
  });

  it('seeds the demo bakery: bread, pastries, cakes and coffee with Russian names', () => {
    seedDemoCatalog(t.app.services.catalog);
    const cats = t.app.services.catalog.categories();
    expect(cats).toEqual(['Bread', 'Cakes', 'Coffee', 'Pastries']);
    const list = t.app.services.catalog.list({ query: 'круассан' });
    expect(list.map((p) => p.name).sort()).toEqual(['Chocolate croissant', 'Croissant']);
  });
});
