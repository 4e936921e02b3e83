// The owner moves orders through their statuses; the customer hears about it once, in their language, through
// the outbox. Also: listing, filtering and daily totals in the business time zone.
import { afterEach, describe, expect, it } from 'vitest';
import { ordersWorld, type OrdersWorld } from './helpers';

let w: OrdersWorld;
afterEach(() => w?.close());

/** A customer orders 2 croissants in chat and confirms: order #1001, status "new". */
async function placedOrder(opts: { lang?: 'en' | 'ru' } = {}): Promise<number> {
  w.model.extract({ items: [{ name: opts.lang === 'ru' ? 'круассана' : 'croissants', quantity: 2 }], fulfilment: 'pickup' });
  await w.say(opts.lang === 'ru' ? 'Два круассана, пожалуйста' : '2 croissants please');
  await w.say(opts.lang === 'ru' ? 'да' : 'yes');
  const [o] = w.t.app.services.orders.list({}, 10).items;
  expect(o.status).toBe('new');
  return o.id;
}

describe('status changes', () => {
  it('a status change sends exactly one notification through the outbox; a repeated click sends nothing', async () => {
    w = await ordersWorld();
    const id = await placedOrder();
    const before = w.received().length;

    const r = await w.t.call('orders.setStatus', { orderId: id, status: 'confirmed' });
    await w.settle();
    expect(r.order.status).toBe('confirmed');
    expect(r.notified?.body).toBe('Your order #1001 is confirmed. Total: €4.40.');
    expect(w.received().slice(before)).toEqual(['Your order #1001 is confirmed. Total: €4.40.']);
    expect(w.t.app.services.repos.outbox.counts()).toMatchObject({ queued: 0 });

    await expect(w.t.call('orders.setStatus', { orderId: id, status: 'confirmed' })).rejects.toThrow(
      /conflict: Order #1001 is already confirmed/,
    );
    await w.settle();
    expect(w.received().slice(before)).toHaveLength(1);

    // "paid" is not announced by default; "ready" is, with the pickup address.
    await w.t.call('orders.setStatus', { orderId: id, status: 'paid' });
    await w.t.call('orders.setStatus', { orderId: id, status: 'ready' });
    await w.settle();
    expect(w.received().slice(before)).toEqual([
      'Your order #1001 is confirmed. Total: €4.40.',
      'Your order #1001 is ready! Pickup: Hauptstraße 1, Berlin',
    ]);
    const detail = await w.t.call('orders.get', { orderId: id });
    expect(detail.events.filter((e) => e.kind === 'status').map((e) => [e.toStatus, e.messageId !== null])).toEqual([
      ['confirmed', true],
      ['paid', false],
      ['ready', true],
    ]);
    expect(detail.next).toEqual(['completed', 'cancelled']);
  });

  it('enforces the order of statuses', async () => {
    w = await ordersWorld();
    const id = await placedOrder();
    await expect(w.t.call('orders.setStatus', { orderId: id, status: 'completed' })).rejects.toThrow(/cannot go from new to completed/);
    await expect(w.t.call('orders.setStatus', { orderId: id, status: 'draft' })).rejects.toThrow(/cannot go from new to draft/);
    await w.t.call('orders.setStatus', { orderId: id, status: 'cancelled', notify: false });
    await expect(w.t.call('orders.setStatus', { orderId: id, status: 'confirmed' })).rejects.toThrow(/cannot go from cancelled/);
  });

  it('talks to the customer in their language, uses the owner’s own text, and can stay silent', async () => {
    w = await ordersWorld({ customer: 'Анна' });
    const id = await placedOrder({ lang: 'ru' });
    const before = w.received().length;
    await w.t.call('orders.setStatus', { orderId: id, status: 'confirmed' });
    await w.t.call('orders.updateSettings', { templates: { ready: { ru: '{name}, заказ №{number} ждёт вас! {shop}' } } });
    await w.t.call('orders.setStatus', { orderId: id, status: 'ready' });
    await w.t.call('orders.setStatus', { orderId: id, status: 'completed', notify: false });
    await w.settle();
    expect(w.received().slice(before)).toEqual([
      'Ваш заказ №1001 подтверждён. Итого: 4,40\u00a0€.',
      'Анна, заказ №1001 ждёт вас! Test Bakery',
    ]);
  });

  it('cancelling returns the goods to stock (and tells the customer once)', async () => {
    w = await ordersWorld();
    const id = await placedOrder();
    const stock = () => w.t.app.services.catalog.repo.bySku('PA-CRO')!.stock;
    expect(stock()).toBe(38);
    const r = await w.t.call('orders.setStatus', { orderId: id, status: 'cancelled' });
    await w.settle();
    expect(stock()).toBe(40);
    expect(r.notified?.body).toBe('Your order #1001 has been cancelled. Please write to us if you have any questions.');
  });

  it('a customer without a channel address: the status still changes, the owner learns why nobody was told', async () => {
    w = await ordersWorld();
    const id = await placedOrder();
    const s = w.t.app.services;
    s.db.prepare('DELETE FROM identities WHERE contact_id = ?').run(w.contactId());
    const r = await w.t.call('orders.setStatus', { orderId: id, status: 'confirmed' });
    expect(r.order.status).toBe('confirmed');
    expect(r.notified).toBeNull();
    expect(r.notifyError).toMatch(/no sandbox address|no channel address/);
  });
});

describe('listing and daily totals', () => {
  it('filters by status and local date, and sums each day in the business time zone without cancelled orders', async () => {
    w = await ordersWorld();
    // Berlin is UTC+1 in March: 23:30 UTC on 2 March is already 3 March there.
    w.clock.set('2026-03-02T10:00:00Z');
    const a = await placedOrder();
    w.clock.set('2026-03-02T23:30:00Z');
    const b = await placedOrder();
    w.clock.set('2026-03-03T12:00:00Z');
    const c = await placedOrder();
    await w.t.call('orders.setStatus', { orderId: c, status: 'cancelled', notify: false });

    const totals = await w.t.call('orders.dailyTotals', { from: '2026-03-01', to: '2026-03-03' });
    expect(totals.days).toEqual([
      { date: '2026-03-01', orders: 0, totalMinor: 0 },
      { date: '2026-03-02', orders: 1, totalMinor: 440 },
      { date: '2026-03-03', orders: 1, totalMinor: 440 },
    ]);
    expect(totals).toMatchObject({ totalMinor: 880, orders: 2, currency: 'EUR' });

    const march3 = await w.t.call('orders.list', { from: '2026-03-03', to: '2026-03-03' });
    expect(march3.items.map((o) => o.id)).toEqual([c, b]);
    const cancelled = await w.t.call('orders.list', { statuses: ['cancelled'] });
    expect(cancelled.items.map((o) => o.id)).toEqual([c]);
    expect((await w.t.call('orders.list', { query: '#1001' })).items.map((o) => o.id)).toEqual([a]);
    expect((await w.t.call('orders.list', { query: 'Croiss' })).items).toHaveLength(3);
    expect(await w.t.call('orders.forContact', { contactId: w.contactId() })).toHaveLength(3);
  });
});
