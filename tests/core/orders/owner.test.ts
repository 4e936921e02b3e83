// The owner's side of a chat order: writing the draft by hand, placing it without the customer's yes, and stock
// that two customers race for (the second "yes" gets a question, never an oversold order).
import { afterEach, describe, expect, it } from 'vitest';
import { ordersWorld, type OrdersWorld } from './helpers';

let w: OrdersWorld;
afterEach(() => w?.close());

const product = (sku: string) => w.t.app.services.catalog.repo.bySku(sku)!;

describe('the owner edits and places', () => {
  it('a hand-made draft is priced from the catalog, waits for the owner, and can be placed with a confirmation', async () => {
    w = await ordersWorld({ mode: 'suggest' });
    await w.say('Hello!');
    const latte = product('CF-LAT');
    const draft = await w.t.call('orders.saveDraft', {
      conversationId: w.conversationId(),
      lines: [
        { productId: latte.id, quantity: 2, options: { size: 'large', milk: 'oat' } },
        { productId: product('BR-BAG').id, quantity: 1 },
      ],
      fulfilment: 'pickup',
      wantedTime: 'at 8 tomorrow',
    });
    expect(draft).toMatchObject({ status: 'draft', totalMinor: 2 * (350 + 80 + 40) + 250, pendingKind: 'summary' });
    expect(draft.pendingText).toContain('• 2 × Latte (large, oat) — €9.40 (€4.70 each)');
    expect(draft.pendingText).toContain('When: at 8 tomorrow');
    expect(w.received()).toHaveLength(0);

    const r = await w.t.call('orders.place', { orderId: draft.id, sendConfirmation: true });
    await w.settle();
    expect(r.order).toMatchObject({ status: 'new', number: 1001, pendingText: null });
    expect(w.received()).toEqual(['Thank you! Your order #1001 is placed. Total: €11.90. We will let you know when it is ready.']);
  });

  it('a missing option becomes a question in the owner’s draft too', async () => {
    w = await ordersWorld({ mode: 'suggest' });
    await w.say('Hello!');
    const draft = await w.t.call('orders.saveDraft', {
      conversationId: w.conversationId(),
      lines: [{ productId: product('CF-CAP').id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    expect(draft).toMatchObject({ stage: 'question', pendingKind: 'question', lines: [] });
    expect(draft.pendingText).toBe('Which size would you like for Cappuccino: small or large (+€0.80)?');
    await expect(w.t.call('orders.place', { orderId: draft.id })).rejects.toThrow(/open questions/);
  });

  it('placing more than the stock left is refused and changes nothing', async () => {
    w = await ordersWorld({ mode: 'suggest' });
    await w.say('Hello!');
    const nap = product('CK-NAP');
    const draft = await w.t.call('orders.saveDraft', {
      conversationId: w.conversationId(),
      lines: [{ productId: nap.id, quantity: 3 }],
      fulfilment: 'pickup',
    });
    w.t.app.services.catalog.update(nap.id, { ...nap, stock: 2 });
    await expect(w.t.call('orders.place', { orderId: draft.id })).rejects.toThrow(/Not enough "Napoleon cake" in stock/);
    expect(product('CK-NAP').stock).toBe(2);
    expect((await w.t.call('orders.get', { orderId: draft.id })).status).toBe('draft');
  });
});

describe('two customers, the last cakes', () => {
  it('the first "yes" gets the cakes; the second gets a question, and nothing is oversold', async () => {
    w = await ordersWorld();
    w.model.extract(
      { items: [{ name: 'napoleon cakes', quantity: 3 }], fulfilment: 'pickup' },
      { items: [{ name: 'napoleon cakes', quantity: 3 }], fulfilment: 'pickup' },
    );
    await w.sayAs('sb-a', 'Anna', '3 napoleon cakes please');
    await w.sayAs('sb-b', 'Boris', '3 napoleon cakes please');
    expect(w.receivedBy('sb-a').at(-1)).toContain('Total: €87.00');
    expect(w.receivedBy('sb-b').at(-1)).toContain('Total: €87.00');
    await w.sayAs('sb-a', 'Anna', 'yes');
    await w.sayAs('sb-b', 'Boris', 'yes');
    expect(w.receivedBy('sb-a').at(-1)).toMatch(/^Thank you! Your order #1001 is placed/);
    expect(w.receivedBy('sb-b').at(-1)).toBe('Sorry, Napoleon cake is sold out right now. Would you like something else instead?');
    expect(product('CK-NAP').stock).toBe(0);
    expect(w.t.app.services.orders.list({}, 10).items).toHaveLength(1);
  });
});
