// Order capture in chat with a scripted model: the model only says what the customer wants; prices, stock,
// questions and the order number come from Lavka. Each test is a conversation a sandbox customer actually has.
import { afterEach, describe, expect, it } from 'vitest';
import { EXTRACTION_FORMAT } from '../../../main/core/orders/extract';
import { ordersWorld, type OrdersWorld } from './helpers';

let w: OrdersWorld;
afterEach(() => w?.close());

const orders = () => w.t.app.services.orders;
const draft = () => orders().repo.draftFor(w.conversationId());
const placed = () => orders().list({}, 50).items;
const stockOf = (sku: string) => w.t.app.services.catalog.repo.bySku(sku)!.stock;

describe('a clean order', () => {
  it('summarises from the catalog, places it on "yes" without asking the model, and takes stock', async () => {
    w = await ordersWorld();
    w.model.extract({
      items: [
        { name: 'croissants', quantity: 2 },
        { name: 'cappuccino', quantity: 1, options: ['large'] },
      ],
      fulfilment: 'pickup',
      time: 'tomorrow at 9',
    });
    await w.say("Hi! I'd like 2 croissants and a large cappuccino, I'll pick them up tomorrow at 9");

    expect(w.lastReceived()).toBe(
      [
        'Here is your order:',
        '• 2 × Croissant — €4.40 (€2.20 each)',
        '• 1 × Cappuccino (large) — €4.00',
        'Pickup: Hauptstraße 1, Berlin',
        'When: tomorrow at 9',
        'Total: €8.40',
        '',
        'Pay by card or cash when you pick up.',
        '',
        'Reply "yes" to confirm, or tell me what to change.',
      ].join('\n'),
    );
    // The model got a JSON schema without any price field, and the conversation in the shared layout: the stable
    // prefix every call starts with, then the transcript, then the order task.
    const req = w.model.extractions()[0];
    expect(req.format).toEqual(EXTRACTION_FORMAT);
    expect(JSON.stringify(req.format)).not.toMatch(/price|total/i);
    expect(req.messages[0]).toEqual({ role: 'system', content: w.t.app.services.assistant.stablePrefix() });
    expect(req.messages.at(-1)!.content).toContain(
      "Customer: Hi! I'd like 2 croissants and a large cappuccino, I'll pick them up tomorrow at 9",
    );
    expect(req.messages.at(-1)!.content).toMatch(/\n\nTASK \(order\): write down the order/);
    expect(placed()).toHaveLength(0);

    await w.say('Yes, thanks!');
    expect(w.model.extractions()).toHaveLength(1);
    const [order] = placed();
    expect(order).toMatchObject({
      number: 1001,
      status: 'new',
      totalMinor: 840,
      conversationId: w.conversationId(),
      contactId: w.contactId(),
      customerName: 'Olga',
    });
    expect(w.lastReceived()).toBe('Thank you! Your order #1001 is placed. Total: €8.40. We will let you know when it is ready.');
    expect(stockOf('PA-CRO')).toBe(38);
    expect(draft()).toBeUndefined();
    // Exactly two messages reached the customer: the summary and the thank-you.
    expect(w.received()).toHaveLength(2);
    expect(w.model.unscripted).toEqual([]);
  });

  it('works in Russian: the customer’s own words for items, Russian texts, "да" confirms', async () => {
    w = await ordersWorld({ customer: 'Анна' });
    w.model.extract({
      items: [
        { name: 'ржаного хлеба', quantity: 2 },
        { name: 'капучино', quantity: 1, options: ['large'] },
      ],
      fulfilment: 'pickup',
      language: 'ru',
    });
    await w.say('Здравствуйте! Можно 2 ржаного хлеба и большой капучино?');
    const summary = w.lastReceived();
    expect(summary).toContain('Ваш заказ:');
    expect(summary).toContain('• 2 × Ржаной хлеб (Rye bread) — 8,40\u00a0€ (по 4,20\u00a0€)');
    expect(summary).toContain('• 1 × Капучино (Cappuccino, large) — 4,00\u00a0€');
    expect(summary).toContain('Итого: 12,40\u00a0€');
    expect(summary).toContain('Ответьте «да»');

    await w.say('Да, всё верно');
    expect(w.lastReceived()).toBe('Спасибо! Ваш заказ №1001 оформлен. Итого: 12,40\u00a0€. Мы сообщим, когда он будет готов.');
    // Status updates for this order go out in Russian.
    expect(orders().get(placed()[0].id).language).toBe('ru');
  });
});

describe('the model invents things', () => {
  it('an invented price is ignored and an unknown item becomes a question, never a line', async () => {
    w = await ordersWorld();
    w.model.extract({
      items: [
        { name: 'croissants', quantity: 2, price: 0.01, unitPrice: 1 },
        { name: 'truffle cake', quantity: 1, price: 5 },
      ],
      total: 0.02,
      fulfilment: 'pickup',
    });
    await w.say('2 croissants and a truffle cake please');
    expect(w.lastReceived()).toBe('Sorry, we do not have "truffle cake". Maybe: Honey cake or Napoleon cake?');
    const d = draft()!;
    expect(d.stage).toBe('question');
    expect(d.lines).toEqual([expect.objectContaining({ name: 'Croissant', quantity: 2, unitPriceMinor: 220, lineTotalMinor: 440 })]);
    expect(d.totalMinor).toBe(440);

    w.model.extract({ items: [{ name: 'croissants', quantity: 2 }], fulfilment: 'pickup' });
    await w.say('Then just the croissants');
    expect(w.lastReceived()).toContain('• 2 × Croissant — €4.40 (€2.20 each)');
    expect(w.lastReceived()).toContain('Total: €4.40');
  });

  it('does not echo an item the customer never wrote, nor build an order from it', async () => {
    w = await ordersWorld();
    w.model.extract({ items: [{ name: 'Unicorn pie', quantity: 1 }], fulfilment: 'pickup' });
    await w.say('One of your special cakes, please');
    expect(w.lastReceived() ?? '').not.toContain('Unicorn');
    expect(draft()).toBeUndefined();
  });

  it('never trusts the model’s item choice: "Хочу 2 круассана" never becomes 3 × Napoleon cake', async () => {
    w = await ordersWorld();
    w.model.extract({ items: [{ name: 'Napoleon cake', quantity: 3 }], fulfilment: 'pickup', language: 'ru' });
    await w.say('Хочу 2 круассана');
    expect(draft()).toBeUndefined();
    expect(w.lastReceived() ?? '').not.toMatch(/Napoleon|Наполеон|87/);
    // Another quantity than the customer wrote is not trusted either; their own count and words are.
    w.model.extract({ items: [{ name: 'Croissant', quantity: 3 }], fulfilment: 'pickup', language: 'ru' });
    await w.say('Хочу 2 круассана, заберу сам');
    expect(draft()).toBeUndefined();
    w.model.extract({ items: [{ name: 'Croissant', quantity: 2 }], fulfilment: 'pickup', language: 'ru' });
    await w.say('Хочу два круассана, заберу сам');
    expect(draft()?.lines.map((l) => [l.name, l.quantity])).toEqual([['Croissant', 2]]);
  });

  it('small talk never reaches the model; a message naming a product does', async () => {
    w = await ordersWorld();
    await w.say('Hello! Are you open on Sunday?');
    await w.say('Thanks, have a nice day');
    expect(w.model.extractions()).toHaveLength(0);
    w.model.extract({ intent: 'none' });
    await w.say('Is the rye bread fresh today?');
    expect(w.model.extractions()).toHaveLength(1);
    expect(draft()).toBeUndefined();
  });

  it('garbage from the model or no model at all: nothing is sent and no draft is made', async () => {
    w = await ordersWorld();
    w.model.extract('Sure! 2 croissants coming right up 🥐');
    await w.say('2 croissants please');
    w.model.unavailable = true;
    await w.say('croissants?');
    expect(w.received()).toHaveLength(0);
    expect(draft()).toBeUndefined();
  });
});

describe('clarifying questions instead of guesses', () => {
  it('out of stock and not enough stock', async () => {
    w = await ordersWorld();
    w.model.extract({
      items: [
        { name: 'медовик', quantity: 1 },
        { name: 'Napoleon cake', quantity: 5 },
      ],
      fulfilment: 'pickup',
    });
    await w.say('One medovik and 5 napoleon cakes for Saturday');
    expect(w.lastReceived()).toBe(
      [
        'Almost done — just a few questions:',
        '• Sorry, Honey cake is sold out right now. Would you like something else instead?',
        '• We only have 3 × Napoleon cake left. Shall I put 3?',
      ].join('\n'),
    );
    w.model.extract({ items: [{ name: 'Napoleon cake', quantity: 3 }], fulfilment: 'pickup' });
    await w.say('OK, 3 napoleons then and no medovik');
    expect(w.lastReceived()).toContain('• 3 × Napoleon cake — €87.00');
    await w.say('yes');
    expect(stockOf('CK-NAP')).toBe(0);
  });

  it('a missing delivery address is asked for; an address the customer never wrote is not trusted', async () => {
    w = await ordersWorld({ orders: { delivery: { offered: true, feeMinor: 300, freeFromMinor: 5000 } } });
    w.model.extract({ items: [{ name: 'baguettes', quantity: 2 }], fulfilment: 'delivery', address: null });
    await w.say('Can you deliver 2 baguettes?');
    expect(w.lastReceived()).toBe('Where should we deliver? Please send the full address.');

    // The model "remembers" an address from nowhere: still a question.
    w.model.extract({ items: [{ name: 'baguettes', quantity: 2 }], fulfilment: 'delivery', address: 'Hauptstraße 99' });
    await w.say('to my place please');
    expect(w.lastReceived()).toBe('Where should we deliver? Please send the full address.');

    w.model.extract({ items: [], fulfilment: 'delivery', address: 'Lenina 5, apt 3' });
    await w.say('Lenina 5, apt 3');
    expect(w.lastReceived()).toContain('• 2 × Baguette — €5.00 (€2.50 each)');
    expect(w.lastReceived()).toContain('Delivery to: Lenina 5, apt 3');
    expect(w.lastReceived()).toContain('Delivery: €3.00');
    expect(w.lastReceived()).toContain('Total: €8.00');
  });

  it('asks pickup or delivery when the shop delivers and the customer did not say; says so when it does not deliver', async () => {
    w = await ordersWorld({ orders: { delivery: { offered: true, feeMinor: 300, freeFromMinor: null } } });
    w.model.extract({ items: [{ name: 'baguette', quantity: 1 }], fulfilment: 'unknown' });
    await w.say('One baguette please');
    expect(w.lastReceived()).toBe('Will you pick it up (Hauptstraße 1, Berlin) or would you like delivery?');
    orders().updateSettings({ delivery: { offered: false, feeMinor: 0, freeFromMinor: null } });
    w.model.extract({ items: [{ name: 'baguette', quantity: 1 }], fulfilment: 'delivery', address: 'Lenina 5' });
    await w.say('Delivery to Lenina 5');
    expect(w.lastReceived()).toBe('Sorry, we do not deliver. You can pick up your order at Hauptstraße 1, Berlin — is that OK?');
  });

  it('absurd, zero and fractional quantities become questions', async () => {
    w = await ordersWorld();
    w.model.extract({ items: [{ name: 'pizzas', quantity: 1000000 }], fulfilment: 'pickup' });
    await w.say('1000000 pizzas');
    expect(w.lastReceived()).toBe('Sorry, we do not have "pizzas".');
    w.model.extract({ items: [{ name: 'croissants', quantity: 1000000 }], fulfilment: 'pickup' });
    await w.say('1000000 croissants then');
    expect(w.lastReceived()).toBe('1,000,000 × Croissant is more than we can take in a chat order (up to 100). How many would you like?');
    w.model.extract({
      items: [
        { name: 'croissants', quantity: 2.5 },
        { name: 'baguette', quantity: 0 },
      ],
      fulfilment: 'pickup',
    });
    await w.say('2.5 croissants and zero baguettes');
    expect(w.lastReceived()).toContain('How many Croissant would you like?');
    expect(w.lastReceived()).toContain('How many Baguette would you like?');
    expect(draft()!.lines).toEqual([]);
  });

  it('an ambiguous word and a missing option are asked about', async () => {
    w = await ordersWorld();
    w.model.extract({
      items: [
        { name: 'bread', quantity: 1 },
        { name: 'latte', quantity: 1 },
      ],
      fulfilment: 'pickup',
    });
    await w.say('A bread and a latte');
    const q = w.lastReceived();
    expect(q).toContain('Which one do you mean by "bread": Rye bread or Seeded multigrain loaf?');
    expect(q).toContain('Which size would you like for Latte: small or large (+€0.80)?');
    expect(q).toContain('Which milk would you like for Latte: regular or oat (+€0.40)?');
  });
});

describe('confirming and changing', () => {
  it.each([
    ['en', 'ok 👍', 'Thank you! Your order #1001 is placed.'],
    ['ru', 'Да', 'Спасибо! Ваш заказ №1001 оформлен.'],
    ['uk', 'Так, дякую', 'Дякуємо! Ваше замовлення №1001 оформлено.'],
    ['vi', 'Có ạ', 'Cảm ơn bạn! Đơn hàng #1001 đã được đặt.'],
  ])('%s: "%s" places the order', async (lang, yes, thanks) => {
    w = await ordersWorld();
    const first: Record<string, string> = {
      en: 'A baguette please',
      ru: 'Багет, пожалуйста',
      uk: 'Багет, будь ласка',
      vi: 'Cho mình một bánh mì que',
    };
    w.model.extract({ items: [{ name: lang === 'vi' ? 'bánh mì que' : 'baguette', quantity: 1 }], fulfilment: 'pickup', language: lang });
    await w.say(first[lang]);
    expect(w.received()).toHaveLength(1);
    await w.say(yes);
    expect(w.lastReceived().startsWith(thanks)).toBe(true);
    expect(placed()).toHaveLength(1);
    expect(w.model.extractions()).toHaveLength(1);
  });

  it('"yes" before a summary was sent confirms nothing', async () => {
    w = await ordersWorld();
    w.model.extract({ items: [{ name: 'truffle cake', quantity: 1 }], fulfilment: 'pickup' }, { intent: 'none' });
    await w.say('A truffle cake please');
    await w.say('yes');
    expect(placed()).toHaveLength(0);
  });

  it('changed quantities after the summary give an updated summary, and "yes" places the new one', async () => {
    w = await ordersWorld();
    w.model.extract({ items: [{ name: 'croissants', quantity: 2 }], fulfilment: 'pickup' });
    await w.say('2 croissants please');
    expect(w.lastReceived()).toContain('Total: €4.40');
    w.model.extract({
      items: [
        { name: 'croissants', quantity: 5 },
        { name: 'baguette', quantity: 1 },
      ],
      fulfilment: 'pickup',
    });
    await w.say('Actually make it 5 croissants, and add a baguette');
    // The model was told what is being discussed, so it can return the complete list.
    expect(w.model.extractions()[1].messages.at(-1)!.content).toContain('Order being discussed: 2 × Croissant; pickup');
    expect(w.lastReceived()).toContain('• 5 × Croissant — €11.00 (€2.20 each)');
    expect(w.lastReceived()).toContain('Total: €13.50');
    await w.say('yes');
    expect(placed()[0]).toMatchObject({ totalMinor: 1350, itemsText: '5 × Croissant, 1 × Baguette' });
  });

  it('a price change between summary and "yes" sends the updated summary instead of placing', async () => {
    w = await ordersWorld();
    w.model.extract({ items: [{ name: 'croissants', quantity: 2 }], fulfilment: 'pickup' });
    await w.say('2 croissants please');
    const cro = w.t.app.services.catalog.repo.bySku('PA-CRO')!;
    w.t.app.services.catalog.update(cro.id, { ...cro, priceMinor: 250 });
    await w.say('yes');
    expect(placed()).toHaveLength(0);
    expect(w.lastReceived()).toContain('Something changed since my last message');
    expect(w.lastReceived()).toContain('Total: €5.00');
    await w.say('ok');
    expect(placed()[0].totalMinor).toBe(500);
  });

  it('a side question during an open order is left to the assistant, and the summary is not repeated', async () => {
    w = await ordersWorld();
    w.model.extract({ items: [{ name: 'croissants', quantity: 2 }], fulfilment: 'pickup' });
    await w.say('2 croissants please');
    expect(w.received()).toHaveLength(1);
    // The model (as told) returns the order under discussion again: nothing changed, so Lavka stays quiet.
    w.model.extract({ items: [{ name: 'croissants', quantity: 2 }], fulfilment: 'pickup' });
    await w.say('By the way, until when are you open today?');
    expect(w.received()).toHaveLength(1);
    await w.say('yes');
    expect(placed()).toHaveLength(1);
  });

  it('"no" asks what to change; "cancel" drops the draft', async () => {
    w = await ordersWorld();
    w.model.extract({ items: [{ name: 'croissants', quantity: 2 }], fulfilment: 'pickup' });
    await w.say('2 croissants please');
    await w.say('no');
    expect(w.lastReceived()).toBe('What would you like to change? (To cancel the order, write "cancel".)');
    await w.say('cancel');
    expect(w.lastReceived()).toBe('OK, I have cancelled this order. Write any time if you would like something else.');
    expect(draft()).toBeUndefined();
    expect(placed()).toHaveLength(0);
    expect(w.model.extractions()).toHaveLength(1);
  });
});

describe('repeat orders', () => {
  async function firstOrder() {
    w.model.extract({
      items: [
        { name: 'rye bread', quantity: 2 },
        { name: 'latte', quantity: 1, options: ['large', 'oat'] },
      ],
      fulfilment: 'pickup',
    });
    await w.say('2 rye bread and a large oat latte');
    await w.say('yes');
    expect(placed()).toHaveLength(1);
  }

  it('"the usual" proposes the last order at today’s prices without asking the model', async () => {
    w = await ordersWorld();
    await firstOrder();
    const rye = w.t.app.services.catalog.repo.bySku('BR-RYE')!;
    w.t.app.services.catalog.update(rye.id, { ...rye, priceMinor: 450 });
    await w.say('Hi! The usual please');
    expect(w.model.extractions()).toHaveLength(1);
    expect(w.lastReceived()).toContain('• 2 × Rye bread — €9.00 (€4.50 each)');
    expect(w.lastReceived()).toContain('• 1 × Latte (large, oat) — €4.70');
    await w.say('yes');
    expect(placed().map((o) => o.number)).toEqual([1002, 1001]);
  });

  it('"same as last time but 3 rye breads" goes through the model with the last order as context', async () => {
    w = await ordersWorld();
    await firstOrder();
    w.model.extract({
      intent: 'repeat',
      items: [
        { name: 'rye bread', quantity: 3 },
        { name: 'latte', quantity: 1, options: ['large', 'oat'] },
      ],
      fulfilment: 'pickup',
    });
    await w.say('Same as last time but 3 rye breads');
    expect(w.model.extractions()[1].messages.at(-1)!.content).toContain(
      "The customer's last order: 2 × Rye bread, 1 × Latte (large, oat); pickup",
    );
    expect(w.lastReceived()).toContain('• 3 × Rye bread — €12.60');
  });

  it('with no earlier order, says so', async () => {
    w = await ordersWorld();
    await w.say('The usual!');
    expect(w.lastReceived()).toBe('I cannot find an earlier order from you. What would you like this time?');
  });
});

describe('Suggest mode', () => {
  it('holds every order message for the owner; the owner sends the summary, the customer confirms, the owner sends the thanks', async () => {
    w = await ordersWorld({ mode: 'suggest' });
    w.model.extract({ items: [{ name: 'croissants', quantity: 2 }], fulfilment: 'pickup' });
    await w.say('2 croissants please');
    expect(w.received()).toHaveLength(0);
    const d = draft()!;
    expect(d.pendingKind).toBe('summary');
    expect(d.pendingText).toContain('Total: €4.40');
    // A "yes" before the customer saw a summary confirms nothing.
    await w.say('yes');
    expect(placed()).toHaveLength(0);

    w.model.extract({ items: [{ name: 'croissants', quantity: 2 }], fulfilment: 'pickup' });
    await w.say('2 croissants please');
    await w.t.call('orders.sendPending', { orderId: draft()!.id });
    await w.settle();
    expect(w.received()).toEqual([expect.stringContaining('Total: €4.40')]);

    await w.say('да');
    const [order] = placed();
    expect(order.status).toBe('new');
    expect(w.received()).toHaveLength(1);
    const state = await w.t.call('orders.chatState', { conversationId: w.conversationId() });
    expect(state.draft).toBeNull();
    expect(state.pending[0]).toMatchObject({ id: order.id, pendingKind: 'placed' });
    await w.t.call('orders.sendPending', { orderId: order.id });
    await w.settle();
    expect(w.lastReceived()).toMatch(/^Thank you! Your order #1001 is placed/);
  });
});

describe('old messages', () => {
  it('a message older than three minutes (history backfill) never starts an order', async () => {
    w = await ordersWorld({ mode: 'suggest' });
    const s = w.t.app.services;
    s.inbox.receive({
      channel: 'sandbox',
      externalId: 'old-1',
      from: { externalId: 'sb-old', display: 'Old' },
      kind: 'text',
      body: '2 croissants',
      at: w.clock.now() - 10 * 60_000,
    });
    await w.settle();
    expect(w.model.extractions()).toHaveLength(0);
  });
});
