// What the assistant reads about the catalog on each turn: the products the customer names, priced and stocked as
// they are now, found without comparing the customer's words with every product of a big catalog.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../../main/core/app';
import { matchCounters } from '../../../main/core/catalog/match';
import { openDatabase } from '../../../main/core/db/connection';
import { bigCatalogCsv, ordersWorld, type OrdersWorld } from './helpers';

let w: OrdersWorld;
afterEach(() => w?.close());

const catalog = () => w.t.app.services.catalog;

/** The products block of the context the assistant would read for this conversation now ('' when none is named). */
async function catalogBlock(): Promise<string> {
  const c = await w.t.call('assistant.context', { conversationId: w.conversationId(), task: 'suggest' });
  return c.variable.split('\n\n').find((b) => b.startsWith('PRODUCTS THE CUSTOMER MAY MEAN')) ?? '';
}

/** The catalog summary in the stable prefix (the same for every customer). */
async function catalogSummary(): Promise<string> {
  const c = await w.t.call('assistant.context', { conversationId: w.conversationId(), task: 'suggest' });
  const block = c.prefix.split('\n\n').find((b) => b.startsWith('CATALOG'));
  if (!block) throw new Error(`no catalog summary in:\n${c.prefix}`);
  return block;
}

/** Orders stay out of the way: these tests are about what the assistant reads, not about order capture. */
const world = () => ordersWorld({ mode: 'suggest', orders: { chatOrders: 'off' } });

describe('catalog context for the assistant', () => {
  it('shows the products the customer names, with price and stock as they are now', async () => {
    w = await world();
    await w.say('Do you have croissants today?');
    expect(await catalogBlock()).toMatch(/^- Croissant: €2\.20 per pcs — 40 left$/m);
    // Another name of the product shows when the customer used it (it ties their words to the product).
    await w.say('А круассаны есть?');
    expect(await catalogBlock()).toMatch(/^- Croissant \(also: круассан, круасан\): €2\.20 per pcs — 40 left$/m);

    // Stock taken by an order and a new price show on the next turn, though the names are cached.
    const id = catalog().repo.bySku('PA-CRO')!.id;
    catalog().repo.takeStock(id, 3, w.clock.now());
    expect(await catalogBlock()).toMatch(/^- Croissant .*: €2\.20 per pcs — 37 left$/m);
    catalog().update(id, { ...catalog().get(id), priceMinor: 250 });
    expect(await catalogBlock()).toMatch(/^- Croissant .*: €2\.50 per pcs — 37 left$/m);
  });

  it('finds a product added or renamed since the last turn, and no longer shows an archived one', async () => {
    w = await world();
    await w.say('Do you have a pistachio eclair?');
    const before = await catalogBlock();
    expect(before).not.toMatch(/pistachio/i);
    const count = Number(/\((\d+) products in all\)/.exec(await catalogSummary())![1]);

    const eclair = catalog().create({ name: 'Pistachio eclair', priceMinor: 390, category: 'Pastries' });
    expect(await catalogBlock()).toMatch(/^- Pistachio eclair: €3\.90 per pcs$/m);
    expect(await catalogSummary()).toContain(`(${count + 1} products in all)`);

    catalog().update(eclair.id, { ...eclair, name: 'Fisticuffs choux' });
    expect(await catalogBlock()).not.toMatch(/Pistachio|Fisticuffs/);
    await w.say('And the fisticufs choux?');
    expect(await catalogBlock()).toMatch(/^- Fisticuffs choux: €3\.90 per pcs$/m);

    catalog().setArchived(eclair.id, true);
    const after = await catalogBlock();
    expect(after).not.toMatch(/Fisticuffs/);
    expect(await catalogSummary()).toContain(`(${count} products in all)`);
  });

  it('forgets a catalog change that was rolled back', async () => {
    w = await world();
    await w.say('Any unicorn cake?');
    const db = w.t.app.services.db;
    expect(() =>
      db.transaction(() => {
        catalog().repo.insert({ ...catalog().get(1), sku: 'UNI', name: 'Unicorn cake' }, w.clock.now());
        // Inside the transaction the new product is visible…
        expect(catalog().matchIndex().candidateIds('unicorn cake')).not.toHaveLength(0);
        throw new Error('the import failed');
      })(),
    ).toThrow('the import failed');
    // …and after the rollback it is gone, from the index too.
    expect(catalog().matchIndex().candidateIds('unicorn')).toEqual([]);
    expect(await catalogBlock()).not.toMatch(/Unicorn/);
  });

  it('sees products another connection to the same file wrote (a restored backup, an import tool)', async () => {
    w = await world();
    await w.say('Do you sell quince jam?');
    expect(await catalogBlock()).not.toMatch(/Quince/);
    const other = openDatabase(join(w.t.dataDir, DB_FILE));
    other.prepare(`INSERT INTO products(sku, name, price_minor, created_at, updated_at) VALUES ('JAM-Q', 'Quince jam', 650, 1, 1)`).run();
    other.close();
    expect(await catalogBlock()).toMatch(/^- Quince jam: €6\.50 per pcs$/m);
  });

  it('compares the customer words with a few catalog words per turn, not with every product of a big catalog', async () => {
    w = await world();
    catalog().commitImport(bigCatalogCsv(2000));
    await w.say('Hello! Two croissants and a latte for me, please');
    const index = catalog().matchIndex();
    await catalogBlock();

    await w.say('и ещё круасан с шоколадом');
    const compared = matchCounters.tokenSims;
    const block = await catalogBlock();
    expect(block).toMatch(/^- Chocolate croissant/m);
    expect(await catalogSummary()).toContain('(2016 products in all)');
    // Word comparisons for the turn: the customer's new words against the catalog words that could match them.
    // Comparing against every product would take ≥ 2,000 products × 2 names × 3 words.
    expect(matchCounters.tokenSims - compared).toBeLessThan(300);
    // The index was built once and is reused turn after turn.
    expect(catalog().matchIndex()).toBe(index);
    expect(index.stats.productsScored).toBeLessThan(200);
  });
});
