// Questions the demo shop's knowledge covers, with the answer a careful model picks and what the customer must get:
// used by the composed-Auto tests and the figures.
import type { CooperativeRule } from './fake-ollama-models';

/** The demo shop's knowledge, and the question a customer asks for each answer (in English, the shop's language). */
export const COVERED: (CooperativeRule & { q: string; expect: RegExp })[] = [
  {
    q: 'Do you have gluten-free bread?',
    when: /gluten/i,
    pick: /gluten/i,
    expect: /^We bake a gluten-free buckwheat loaf on Tuesdays and Fridays/,
  },
  { q: 'Can I reserve bread for later today?', when: /reserve/i, pick: /reserve/i, expect: /^Yes\. Write which loaves you want/ },
  { q: 'Is there parking near the shop?', when: /parking/i, pick: /parking/i, expect: /^There is street parking on Hauptstraße/ },
  { q: 'Do you sell coffee?', when: /coffee/i, pick: /coffee/i, expect: /^Yes, coffee to go/ },
  {
    q: 'When are you open?',
    when: /open/i,
    pick: /^hours$|Opening hours/,
    expect: /^Our opening hours: Mon–Fri 09:00–18:00, Sat 10:00–16:00, Sun closed\.$/,
  },
  {
    q: 'Do you deliver to Kreuzberg?',
    when: /deliver/i,
    pick: /^delivery$|Delivery/,
    expect: /^We deliver in Berlin-Schöneberg and Kreuzberg/,
  },
  { q: 'How can I pay, is card ok?', when: /pay/i, pick: /^payment$|Payment/, expect: /^In the shop: cash or card/ },
  { q: 'Can I exchange bread I bought?', when: /exchange/i, pick: /^returns$|Returns/, expect: /^Baked goods cannot be returned/ },
  {
    q: 'Do you make birthday cakes to order?',
    when: /birthday/i,
    pick: /Cakes to order/,
    expect: /^Custom cakes need at least 48 hours notice/,
  },
  {
    q: 'I have a nut allergy, is that a problem?',
    when: /allergy/i,
    pick: /Allergens/,
    expect: /^All products may contain traces of nuts/,
  },
  { q: 'What is your address?', when: /address/i, pick: /^address$/, expect: /^You can find us at Hauptstraße 1, Berlin\.$/ },
  { q: 'What is your phone number?', when: /phone/i, pick: /^phone$/, expect: /^You can call us at \+49 30 123456\.$/ },
];

/** The same questions in Russian (another language than the shop's): answered after one approval per answer. */
export const COVERED_RU: (CooperativeRule & { q: string })[] = [
  { q: 'У вас есть безглютеновый хлеб?', when: /глютен/i, pick: /gluten/i },
  { q: 'Можно отложить хлеб на вечер?', when: /отлож/i, pick: /reserve/i },
  { q: 'Есть ли парковка рядом?', when: /парковк/i, pick: /parking/i },
  { q: 'У вас есть кофе?', when: /кофе/i, pick: /coffee/i },
  { q: 'Когда вы работаете?', when: /работаете/i, pick: /^hours$/ },
  { q: 'Вы делаете доставку?', when: /доставк/i, pick: /^delivery$/ },
  { q: 'Можно оплатить картой?', when: /оплат/i, pick: /^payment$/ },
  { q: 'Торт на день рождения можно заказать?', when: /торт/i, pick: /Cakes to order/ },
  { q: 'У меня аллергия на орехи, это проблема?', when: /аллерг/i, pick: /Allergens/ },
  { q: 'Какой у вас адрес?', when: /адрес/i, pick: /^address$/ },
  { q: 'Какой у вас телефон?', when: /телефон/i, pick: /^phone$/ },
];
