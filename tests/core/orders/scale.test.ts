// Order capture in a big shop (2,000+ products): the same answers as in the demo bakery, with work per message
// that follows what the customer wrote rather than the size of the catalog.
import { afterEach, describe, expect, it } from 'vitest';
import { matchCounters } from '../../../main/core/catalog/match';
import { buildOrder, catalogFor } from '../../../main/core/orders/build';
import { bigCatalogCsv, ordersWorld, type OrdersWorld } from './helpers';

let w: OrdersWorld;
afterEach(() => w?.close());

const catalog = () => w.t.app.services.catalog;
const draft = () => w.t.app.services.orders.repo.draftFor(w.conversationId());

/** The demo bakery plus 2,000 products with names in four languages, as a big shop has. */
async function bigShop(): Promise<void> {
  w = await ordersWorld();
  catalog().commitImport(bigCatalogCsv(2000));
  catalog().create({ sku: 'ECL-PIS', name: 'Pistachio eclair', priceMinor: 390, category: 'Pastries', synonyms: ['фисташковый эклер'] });
  // A first message builds the match index, as the first message after start-up does.
  await w.say('Hello!');
}

describe('order capture in a big catalog', () => {
  it('tells small talk from an order with a few word comparisons, without scanning the catalog', async () => {
    await bigShop();
    const before = matchCounters.tokenSims;
    await w.say('Are you open on Sunday evening? Thanks a lot');
    expect(w.model.extractions()).toHaveLength(0);
    // Scanning would compare each word with every catalog word (~40 distinct names' words × 2,000 products).
    expect(matchCounters.tokenSims - before).toBeLessThan(200);
  });

  it('prices an item named in the customer’s words among 2,000 products, and lists it for the model', async () => {
    await bigShop();
    w.model.extract({ items: [{ name: 'фисташковых эклера', quantity: 2 }], fulfilment: 'pickup', language: 'ru' });
    const before = matchCounters.tokenSims;
    await w.say('Можно 2 фисташковых эклера на самовывоз?');
    expect(draft()!.lines).toEqual([expect.objectContaining({ sku: 'ECL-PIS', quantity: 2, unitPriceMinor: 390 })]);
    expect(w.lastReceived()).toContain('Итого: 7,80');
    expect(matchCounters.tokenSims - before).toBeLessThan(500);
    // The order task lists only the products the customer's words name (the one asked about first, though it was
    // added last); the stable prefix has the catalog summary.
    const listed = /Catalog names they may mean: (.*)/.exec(w.model.extractions()[0].messages.at(-1)!.content)![1];
    expect(listed).toMatch(/^Pistachio eclair/);
    expect(listed.split('; ').length).toBeLessThanOrEqual(6);
    expect(listed).not.toContain('#1999');
  });

  it('builds the same order from the narrowed catalog as from the whole catalog', async () => {
    await bigShop();
    const names = [
      'хлеб',
      'honey cake',
      'croisant',
      'ржаного хлеба',
      'rye bred 300 g',
      'торты',
      'bánh trà',
      'pizza',
      'tea roll #17',
      'латте',
      'kem sữa',
    ];
    const settings = w.t.app.services.orders.settings();
    for (const name of names) {
      const items = [
        { name, quantity: 1, options: [] },
        { name: 'x', quantity: 2, options: [], productId: catalog().repo.bySku('BIG-7')!.id },
      ];
      const input = { items, fulfilment: 'pickup' as const, address: null, wantedTime: null, customerText: name, knownAddresses: [] };
      const shop = { pickupAddress: 'Hauptstraße 1', settings };
      expect(buildOrder(input, catalogFor(catalog(), items), shop), name).toEqual(buildOrder(input, catalog().repo.active(), shop));
    }
  });
});
