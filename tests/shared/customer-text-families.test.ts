// Every family of customer texts renders in every customer language: an order summary with plural-sensitive stock
// questions, a placed order, status texts, reminders, the opt-out confirmation and the holding message. Rendered
// text never shows a raw key or placeholder, non-English languages never fall back to English, and money is
// written the customer's way.
import { describe, expect, it } from 'vitest';
import { createVoice } from '../../main/shared/i18n/voice';
import { CUSTOMER_LANGUAGE_CODES } from '../../main/shared/languages';
import { placedText, questionsText, summaryText, defaultStatusTemplate, fillStatusTemplate } from '../../main/core/orders/texts';
import { defaultTemplate, render, REMINDER_KINDS } from '../../main/core/reminders/templates';
import { confirmationText } from '../../main/core/optout/confirmation';
import { DEFAULT_HOLDING_MESSAGES } from '../../main/core/assistant/settings';
import { NOTIFY_STATUSES, type Order, type OrderIssue } from '../../main/core/orders/types';

const order = {
  id: 1,
  number: 1006,
  contactId: 1,
  conversationId: 1,
  customerName: 'Anna',
  status: 'new',
  source: 'owner',
  fulfilment: 'delivery',
  address: 'Lenina 5',
  wantedTime: '9:00',
  note: '',
  language: 'en',
  currency: 'EUR',
  subtotalMinor: 1250,
  deliveryMinor: 350,
  totalMinor: 1600,
  lines: [
    { name: 'Rye bread', label: null, quantity: 2, unitPriceMinor: 450, lineTotalMinor: 900, options: [] },
    {
      name: 'Cappuccino',
      label: null,
      quantity: 1,
      unitPriceMinor: 350,
      lineTotalMinor: 350,
      options: [{ group: 'Size', value: 'large', priceDeltaMinor: 0 }],
    },
  ],
} as unknown as Order;
const shop = { name: 'Lavka Bakery', address: 'Hauptstraße 1', currency: 'EUR', paymentInstructions: '' };
const issues: OrderIssue[] = [
  { kind: 'low_stock', product: 'Croissant', left: 1, wanted: 3 },
  { kind: 'low_stock', product: 'Croissant', left: 3, wanted: 5 },
  { kind: 'unknown', text: 'pizza', echo: true, suggestions: ['Honey cake', 'Napoleon cake'] },
  { kind: 'fulfilment', pickupAddress: 'Hauptstraße 1' },
];

function renderedFamilies(lang: string): string[] {
  const v = createVoice(lang);
  return [
    summaryText(order, shop, v),
    questionsText(issues, shop, v),
    placedText(order, v),
    ...NOTIFY_STATUSES.map((s) => fillStatusTemplate(defaultStatusTemplate(s, v), order, shop, v)),
    ...REMINDER_KINDS.map((k) =>
      render(defaultTemplate(k, v), { name: 'Anna', order: '1006', total: v.money(1600, 'EUR'), date: 'Mon 9:00', business: 'Lavka' }),
    ),
    confirmationText(v, 'Lavka'),
    confirmationText(v, ''),
    DEFAULT_HOLDING_MESSAGES[lang],
  ];
}

const english = renderedFamilies('en');
/** Intl separates numbers and currency with (narrow) no-break spaces. */
const sp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('customer text families', () => {
  it.each([...CUSTOMER_LANGUAGE_CODES])('render in %s', (lang) => {
    const texts = renderedFamilies(lang);
    for (const [i, t] of texts.entries()) {
      expect(t, `${lang} #${i}`).not.toMatch(/\{\{|\}\}|\{\w+\}|\b(orders|reminders|optout|holding):/);
      expect(t.trim().length).toBeGreaterThan(0);
      // "Hi {name}, " (the custom reminder's start) may coincide; everything else must be translated.
      if (lang !== 'en' && i !== texts.length - 1 - 3) expect(t, `${lang} #${i} is English`).not.toBe(english[i]);
    }
    expect(texts[0]).toContain('Lenina 5');
  });

  it('writes money, lists and plurals the customer’s way', () => {
    expect(sp(summaryText(order, shop, createVoice('de')))).toContain('16,00 €');
    expect(sp(summaryText(order, shop, createVoice('pt')))).toContain('€ 16,00');
    expect(summaryText(order, shop, createVoice('en'))).toContain('€16.00');
    const ru = questionsText(issues, shop, createVoice('ru'));
    expect(ru).toContain('Осталась всего 1 штука «Croissant»');
    expect(ru).toContain('Осталось всего 3 штуки «Croissant»');
    expect(ru).toContain('Honey cake или Napoleon cake');
    const ar = questionsText(issues, shop, createVoice('ar'));
    expect(ar).toContain('بقيت قطعة واحدة فقط');
    expect(questionsText(issues, shop, createVoice('es'))).toContain('Honey cake o Napoleon cake');
  });

  it('applies the owner’s wording for one language only, with their placeholders', () => {
    const mine = createVoice('ru', { 'orders:placed': 'Ура, заказ {number} принят! {total}' });
    expect(sp(placedText(order, mine))).toBe('Ура, заказ 1006 принят! 16,00 €');
    expect(placedText(order, createVoice('uk'))).toContain('Дякуємо!');
  });
});
