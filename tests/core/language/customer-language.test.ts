// The customer-language service through the real core: a customer's language is decided from their messages and
// stored on the contact, the owner's choice wins, and every text the customer receives — a hand-made order
// summary, its confirmation, status updates, reminders — goes out in it. Unknown: the shop's default.
import { afterEach, describe, expect, it } from 'vitest';
import { ordersWorld, type OrdersWorld } from '../orders/helpers';

let w: OrdersWorld;
afterEach(() => w?.close());

const contact = () => w.t.app.services.repos.contacts.get(w.contactId())!;

/** The owner makes an order by hand in the conversation and sends its summary. */
async function handMadeOrder(): Promise<number> {
  const rye = w.t.app.services.catalog.repo.list({}, 500).find((p) => /rye/i.test(p.name))!;
  const draft = await w.t.call('orders.saveDraft', {
    conversationId: w.conversationId(),
    lines: [{ productId: rye.id, quantity: 2, options: {} }],
    fulfilment: 'pickup',
  });
  await w.t.call('orders.sendPending', { orderId: draft.id });
  await w.settle();
  return draft.id;
}

describe('a customer’s language', () => {
  it('is decided from several messages, stored on the contact, and not from one "ok"', async () => {
    w = await ordersWorld({ mode: 'suggest' });
    await w.say('ok');
    expect(contact()).toMatchObject({ language: null, languageByOwner: false });
    expect(await w.t.call('language.ofContact', { contactId: w.contactId() })).toEqual({ language: 'en', source: 'default' });
    await w.say('Здравствуйте, а ржаной хлеб сегодня есть?');
    expect(contact().language).toBeNull();
    await w.say('Хочу два батона на завтра');
    expect(contact()).toMatchObject({ language: 'ru', languageByOwner: false });
    expect(await w.t.call('language.ofContact', { contactId: w.contactId() })).toEqual({ language: 'ru', source: 'detected' });
    // A few short Latin replies later, it stays Russian.
    await w.say('ok');
    await w.say('👍');
    expect(contact().language).toBe('ru');
  });

  it('gets the owner’s hand-made order, its confirmation and status updates in Russian', async () => {
    w = await ordersWorld({ mode: 'suggest' });
    await w.say('Добрый день! Можно заказать хлеб на завтра?');
    await w.say('Ржаной, две штуки, пожалуйста');
    const id = await handMadeOrder();
    expect(w.lastReceived()).toMatch(/^Ваш заказ:\n• 2 × .+ — 8,40\s€ \(по 4,20\s€\)/);
    expect(w.lastReceived()).toContain('Ответьте «да»');
    await w.t.call('orders.place', { orderId: id, sendConfirmation: true });
    await w.settle();
    expect(w.lastReceived()).toMatch(/^Спасибо! Ваш заказ №\d+ оформлен\. Итого: 8,40\s€/);
    await w.t.call('orders.setStatus', { orderId: id, status: 'confirmed' });
    await w.settle();
    expect(w.lastReceived()).toMatch(/^Ваш заказ №\d+ подтверждён/);
  });

  it('follows the owner’s choice over what the customer writes, until the owner hands it back', async () => {
    w = await ordersWorld({ mode: 'suggest' });
    await w.t.call('sandbox.say', { customerKey: 'sb-orders-1', name: 'Olga', text: 'hi' });
    await w.settle();
    await w.t.call('contacts.update', { contactId: w.contactId(), language: 'uk' });
    await w.say('Здравствуйте, а ржаной хлеб сегодня есть?');
    await w.say('Хочу два батона на завтра');
    expect(contact()).toMatchObject({ language: 'uk', languageByOwner: true });
    await handMadeOrder();
    expect(w.lastReceived()).toMatch(/^Ваше замовлення:/);
    // "Detect automatically" again: the next messages decide.
    await w.t.call('contacts.update', { contactId: w.contactId(), language: null });
    await w.say('Спасибо, а завтра вы работаете?');
    expect(contact()).toMatchObject({ language: 'ru', languageByOwner: false });
  });

  it('falls back to the shop’s default reply language', async () => {
    w = await ordersWorld({ mode: 'suggest' });
    w.t.app.services.settings.update({ preferences: { uiLanguage: 'en', replyLanguage: 'de' } });
    await w.say('👍');
    await handMadeOrder();
    expect(w.lastReceived()).toMatch(/^Hier ist Ihre Bestellung:/);
  });

  it('writes a Spanish customer’s reminder in Spanish, and applies the owner’s Spanish wording', async () => {
    w = await ordersWorld({ mode: 'suggest' });
    await w.say('Hola, ¿tienen pan de centeno hoy?');
    await w.say('Quiero encargar una tarta para el sábado');
    expect(contact().language).toBe('es');
    const r = await w.t.call('reminders.create', { contactId: w.contactId(), kind: 'follow_up', at: '2026-03-03T10:00' });
    expect(r.template).toBe('Hola, {name}: ¿podemos ayudarte en algo más? — {business}');

    await expect(w.t.call('language.setText', { language: 'es', key: 'reminders:follow_up', text: '¡Hola {nmae}!' })).rejects.toThrow(
      /Unknown placeholder \{nmae\}/,
    );
    await w.t.call('language.setText', { language: 'es', key: 'reminders:follow_up', text: '¡Hola, {name}! ¿Te ayudamos con algo más?' });
    const r2 = await w.t.call('reminders.create', { contactId: w.contactId(), kind: 'follow_up', at: '2026-03-04T10:00' });
    expect(r2.template).toBe('¡Hola, {name}! ¿Te ayudamos con algo más?');
    const texts = await w.t.call('language.texts', { language: 'es' });
    expect(texts.find((e) => e.key === 'reminders:follow_up')).toMatchObject({
      override: '¡Hola, {name}! ¿Te ayudamos con algo más?',
      placeholders: ['business', 'name'],
    });
    // Other languages keep Lavka's text.
    expect((await w.t.call('language.texts', { language: 'pt' })).find((e) => e.key === 'reminders:follow_up')?.override).toBeNull();
  });

  it('confirms an opt-out in the customer’s detected language when the stop word is theirs too', async () => {
    w = await ordersWorld({ mode: 'suggest' });
    await w.say('Добрий день, а хліб сьогодні є?');
    await w.say('Дякую, я зайду завтра');
    expect(contact().language).toBe('uk');
    await w.say('стоп');
    expect(w.lastReceived()).toBe(
      'Готово — ви більше не отримуватимете нагадувань і пропозицій від Test Bakery. Якщо щось знадобиться, просто напишіть нам.',
    );
  });
});
