// How the catalog behaves at the size of a big shop: a 5000-row import and matching against 1000 products.
// Bounds are generous (a slow laptop must pass); the measured numbers are printed for the report.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../helpers/test-app';
import { matchProduct } from '../../../main/core/catalog/match';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

function bigCsv(rows: number): string {
  const lines = ['sku,name,price,stock,synonyms'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `SKU-${i},Product number ${i} deluxe,${(i % 50) + 1}.${String(i % 100).padStart(2, '0')},${i % 20},товар ${i} | продукт ${i}`,
    );
  return lines.join('\n');
}

describe('catalog at scale', () => {
  it('previews and imports 5000 rows in one transaction', async () => {
    const text = bigCsv(5000);
    let t0 = performance.now();
    const preview = await t.call('catalog.importPreview', { text });
    const previewMs = performance.now() - t0;
    expect(preview).toMatchObject({ totalRows: 5000, newCount: 5000, errors: [] });
    t0 = performance.now();
    await t.call('catalog.importCommit', { text });
    const commitMs = performance.now() - t0;
    expect(t.app.services.catalog.repo.count()).toBe(5000);
    t0 = performance.now();
    const hits = await t.call('catalog.list', { query: 'товар 4999' });
    const searchMs = performance.now() - t0;
    expect(hits[0].sku).toBe('SKU-4999');
    console.log(
      `[scale] 5000-row CSV: preview ${previewMs.toFixed(0)} ms, commit ${commitMs.toFixed(0)} ms; FTS search ${searchMs.toFixed(1)} ms`,
    );
  });

  it('matches a customer word against 1000 products', async () => {
    await t.call('catalog.importCommit', { text: bigCsv(1000) });
    const products = t.app.services.catalog.repo.active();
    const queries = ['product number 517 deluxe', 'товар 42', 'продукта 999', 'croissant'];
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) for (const q of queries) matchProduct(q, products);
    const perQuery = (performance.now() - t0) / (20 * queries.length);
    console.log(`[scale] matching one item against 1000 products: ${perQuery.toFixed(1)} ms`);
    expect(matchProduct('product number 517 deluxe', products)).toMatchObject({ kind: 'match', product: { sku: 'SKU-517' } });
  });
});
