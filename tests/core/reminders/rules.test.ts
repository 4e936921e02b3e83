// Automatic rules (off until the owner switches them on): unpaid orders after N hours, one follow-up when the
// customer goes quiet, and a refill reminder N days after a completed order of consumable products. Orders are
// written straight into the orders domain's tables, as its service would.
import { afterEach, describe, expect, it } from 'vitest';
import { world, DAY, HOUR, MIN, type World } from './helpers';

let w: World;
afterEach(async () => {
  await w?.close();
});

type RulesPatch = Partial<{ unpaidOrder: object; followUp: object; reorder: object }>;
async function rules(patch: RulesPatch) {
  const cur = await w.t.call('reminders.settings.get');
  await w.t.call('reminders.settings.update', {
    ...cur,
    rules: {
      unpaidOrder: { ...cur.rules.unpaidOrder, ...patch.unpaidOrder },
      followUp: { ...cur.rules.followUp, ...patch.followUp },
      reorder: { ...cur.rules.reorder, ...patch.reorder },
    },
  });
}

function order(o: {
  contactId: number;
  number: number;
  status: string;
  totalMinor?: number;
  placedAt?: number;
  productId?: number;
  completedAt?: number;
}) {
  const s = w.t.app.services;
  const now = s.clock.now();
  const id = Number(
    s.db
      .prepare(
        `INSERT INTO orders(number, contact_id, status, currency, total_minor, subtotal_minor, placed_at, created_at, updated_at, language)
         VALUES (?, ?, ?, 'EUR', ?, ?, ?, ?, ?, 'en')`,
      )
      .run(o.number, o.contactId, o.status, o.totalMinor ?? 1250, o.totalMinor ?? 1250, o.placedAt ?? now, now, o.completedAt ?? now)
      .lastInsertRowid,
  );
  if (o.productId) {
    s.db
      .prepare(
        `INSERT INTO order_lines(order_id, position, product_id, sku, name, unit, quantity, unit_price_minor, line_total_minor) VALUES (?, 1, ?, 'X', 'X', 'pcs', 1, 100, 100)`,
      )
      .run(id, o.productId);
  }
  if (o.completedAt) {
    s.db
      .prepare(`INSERT INTO order_events(order_id, at, actor, kind, to_status) VALUES (?, ?, 'owner', 'status', 'completed')`)
      .run(id, o.completedAt);
  }
  s.domain.emit({ type: 'order.changed', orderId: id, conversationId: null });
  return id;
}

function setStatus(orderId: number, status: string) {
  const s = w.t.app.services;
  s.db.prepare('UPDATE orders SET status = ?, updated_at = ? WHERE id = ?').run(status, s.clock.now(), orderId);
  s.domain.emit({ type: 'order.changed', orderId, conversationId: null });
}

const upcoming = async () => (await w.t.call('reminders.list', { tab: 'upcoming' })).items;

describe('unpaid orders', () => {
  it('does nothing until switched on; then reminds once, 24 h after the order, unless it was paid', async () => {
    w = await world();
    const anna = w.customer('sb-anna', 'Anna', 'I would like to order');
    const bob = w.customer('sb-bob', 'Bob', 'Order please');
    const o1 = order({ contactId: anna.contactId, number: 1001, status: 'new', totalMinor: 1250 });
    await w.advance(5_000);
    expect(await upcoming()).toEqual([]);

    await rules({ unpaidOrder: { enabled: true, delayHours: 24 } });
    const o2 = order({ contactId: bob.contactId, number: 1002, status: 'confirmed' });
    await w.advance(5_000);
    const up = await upcoming();
    expect(up.map((r) => [r.kind, r.source, r.orderNumber, r.contactName])).toEqual([
      ['payment_due', 'rule', 1001, 'Anna'],
      ['payment_due', 'rule', 1002, 'Bob'],
    ]);
    expect(up[0].dueAt).toBe(Date.parse('2026-03-03T09:00:00Z'));

    setStatus(o2, 'paid');
    await w.advance(5_000);
    expect((await upcoming()).map((r) => r.orderId)).toEqual([o1]);

    await w.at('2026-03-03T09:00:30Z');
    expect(w.deliveries.map((d) => [d.customerKey, d.text])).toEqual([
      ['sb-anna', 'Hi Anna, a friendly reminder that order #1001 (€12.50) is still waiting for payment. Thank you! — Test Bakery'],
    ]);
    // Still unpaid days later: the rule never reminds about the same order twice.
    await w.advance(3 * DAY);
    expect(w.deliveries).toHaveLength(1);
    expect(await upcoming()).toEqual([]);
  });

  it('drops a rule reminder when the order is paid between the last check and its fire time', async () => {
    w = await world();
    await rules({ unpaidOrder: { enabled: true, delayHours: 2, template: 'Please pay #{order}, {name}' } });
    const anna = w.customer('sb-anna', 'Anna');
    const o = order({ contactId: anna.contactId, number: 7, status: 'new' });
    await w.advance(5_000);
    expect(await upcoming()).toHaveLength(1);
    // Paid without an event (e.g. by another part of Lavka): the fire-time check still catches it.
    w.t.app.services.db.prepare(`UPDATE orders SET status = 'paid' WHERE id = ?`).run(o);
    await w.advance(2 * HOUR);
    expect(w.deliveries).toHaveLength(0);
    expect(await upcoming()).toEqual([]);
    expect((await w.t.call('reminders.list', { tab: 'cancelled' })).items).toEqual([]);
  });

  it('switching the rule off removes its pending reminders', async () => {
    w = await world();
    await rules({ unpaidOrder: { enabled: true } });
    order({ contactId: w.customer('sb-anna', 'Anna').contactId, number: 9, status: 'new' });
    await w.advance(5_000);
    expect(await upcoming()).toHaveLength(1);
    await rules({ unpaidOrder: { enabled: false } });
    expect(await upcoming()).toEqual([]);
    await w.advance(2 * DAY);
    expect(w.deliveries).toHaveLength(0);
  });
});

describe('follow-up when the customer goes quiet', () => {
  it('follows up once after 2 days of silence after the owner’s message, and not if the customer answered', async () => {
    w = await world();
    await rules({ followUp: { enabled: true, delayHours: 48 } });
    const anna = w.customer('sb-anna', 'Anna', 'Do you have rye bread?');
    await w.t.call('messages.send', { conversationId: anna.conversationId, text: 'Yes! Shall I put one aside?' });
    await w.settle();
    let up = await upcoming();
    expect(up.map((r) => [r.kind, r.source, new Date(r.dueAt).toISOString()])).toEqual([['follow_up', 'rule', '2026-03-04T09:00:00.000Z']]);

    // She answers: nothing to follow up.
    await w.advance(HOUR);
    w.customer('sb-anna', 'Anna', 'Yes please');
    await w.settle();
    expect(await upcoming()).toEqual([]);

    // The owner writes twice; the follow-up counts from the last message.
    await w.t.call('messages.send', { conversationId: anna.conversationId, text: 'Done. Pick it up any time.' });
    await w.advance(HOUR);
    await w.t.call('messages.send', { conversationId: anna.conversationId, text: 'We close at 18:00 today.' });
    await w.settle();
    up = await upcoming();
    expect(up).toHaveLength(1);
    expect(new Date(up[0].dueAt).toISOString()).toBe('2026-03-04T11:00:00.000Z');

    await w.at('2026-03-04T10:59:00Z');
    expect(w.deliveries.filter((d) => d.text.startsWith('Hi Anna, just checking in'))).toHaveLength(0);
    await w.at('2026-03-04T11:00:30Z');
    expect(w.deliveries.filter((d) => d.text.startsWith('Hi Anna, just checking in'))).toHaveLength(1);
    // Still silent a week later: once means once — the follow-up itself does not start another wait.
    await w.advance(7 * DAY);
    expect(w.deliveries.filter((d) => d.text.startsWith('Hi Anna, just checking in'))).toHaveLength(1);
    expect(await upcoming()).toEqual([]);
  });

  it('ignores old owner messages that arrive now (a history backfill)', async () => {
    w = await world();
    await rules({ followUp: { enabled: true, delayHours: 48 } });
    const anna = w.customer('sb-anna', 'Anna', 'Hi');
    const s = w.t.app.services;
    const identity = s.repos.contacts.findIdentity('sandbox', 'sb-anna')!;
    const id = s.repos.messages.insert({
      conversationId: anna.conversationId,
      direction: 'out',
      channel: 'sandbox',
      identityId: identity.id,
      externalId: 'backfill-1',
      author: 'owner',
      kind: 'text',
      body: 'An answer from ten days ago',
      status: 'read',
      createdAt: s.clock.now() - 10 * DAY,
    })!;
    s.domain.emit({ type: 'message.stored', conversationId: anna.conversationId, message: s.repos.messages.get(id)! });
    expect(await upcoming()).toEqual([]);
    await w.advance(3 * DAY);
    expect(w.deliveries).toHaveLength(0);
    expect((await w.t.call('reminders.list', { tab: 'missed' })).items).toEqual([]);
  });

  it('does not treat reminders as conversation to follow up on', async () => {
    w = await world();
    await rules({ followUp: { enabled: true, delayHours: 48 } });
    const anna = w.customer('sb-anna', 'Anna', 'Hi');
    await w.t.call('reminders.create', { contactId: anna.contactId, kind: 'custom', text: 'Your cake is ready', at: '2026-03-02T11:00' });
    await w.at('2026-03-02T10:00:30Z');
    expect(w.deliveries).toHaveLength(1);
    expect(await upcoming()).toEqual([]);
  });
});

describe('reorder of consumables', () => {
  it('suggests a refill N days after a completed order of a consumable product, unless they already reordered', async () => {
    w = await world();
    const s = w.t.app.services;
    const now = s.clock.now();
    const beans = Number(
      s.db
        .prepare(`INSERT INTO products(sku, name, price_minor, created_at, updated_at) VALUES ('BEANS', 'Coffee beans', 900, ?, ?)`)
        .run(now, now).lastInsertRowid,
    );
    const cake = Number(
      s.db.prepare(`INSERT INTO products(sku, name, price_minor, created_at, updated_at) VALUES ('CAKE', 'Cake', 2500, ?, ?)`).run(now, now)
        .lastInsertRowid,
    );
    const list = await w.t.call('reminders.consumables.set', { productId: beans, consumable: true, reorderDays: 14 });
    expect(list.map((p) => [p.name, p.consumable, p.reorderDays])).toEqual([
      ['Cake', false, null],
      ['Coffee beans', true, 14],
    ]);
    await rules({ reorder: { enabled: true, delayDays: 30 } });

    const anna = w.customer('sb-anna', 'Anna');
    const bob = w.customer('sb-bob', 'Bob');
    const carl = w.customer('sb-carl', 'Carl');
    order({ contactId: anna.contactId, number: 1, status: 'completed', productId: beans, completedAt: now });
    order({ contactId: bob.contactId, number: 2, status: 'completed', productId: beans, completedAt: now });
    order({ contactId: carl.contactId, number: 3, status: 'completed', productId: cake, completedAt: now });
    await w.advance(5_000);
    const up = await upcoming();
    expect(up.map((r) => [r.contactName, r.kind, new Date(r.dueAt).toISOString()])).toEqual([
      ['Anna', 'reorder', '2026-03-16T09:00:00.000Z'],
      ['Bob', 'reorder', '2026-03-16T09:00:00.000Z'],
    ]);

    // Bob orders again on his own a week later.
    await w.advance(7 * DAY);
    order({ contactId: bob.contactId, number: 4, status: 'new' });
    await w.advance(7 * DAY);
    expect(w.deliveries.map((d) => [d.customerKey, d.text])).toEqual([
      ['sb-anna', 'Hi Anna, time for a refill? Reply and we will put your usual order together. — Test Bakery'],
    ]);
  });

  it('refuses a product that does not exist', async () => {
    w = await world();
    await expect(w.t.call('reminders.consumables.set', { productId: 999, consumable: true })).rejects.toThrow(/not found/);
    expect(MIN).toBe(60_000);
  });
});
