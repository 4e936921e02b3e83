// Orders journeys in Chromium against the real `serve` (demo bakery), whose OLLAMA_HOST points at the fake Ollama
// started here. The fake model only says which items the customer named; prices, questions, the order number and
// status messages all come from Lavka. Also: the Catalog page with add, CSV import (bad rows, then a good file).
import { test, expect, shot } from './fixtures';
import type { Page } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { FakeOllama, callKind, type ChatBody, type ChatReply } from '../helpers/fake-ollama';

/** What the fake model "understands" from each customer message of these journeys (keyed by a word in it). */
const EXTRACTIONS: [RegExp, object][] = [
  [
    /ржаных хлеба/,
    {
      intent: 'order',
      items: [
        { name: 'ржаных хлеба', quantity: 2 },
        { name: 'капучино', quantity: 1, options: ['large'] },
      ],
      fulfilment: 'pickup',
      time: 'завтра в 9',
      language: 'ru',
    },
  ],
  [
    /3 croissants/,
    {
      intent: 'order',
      items: [
        { name: 'croissants', quantity: 3 },
        { name: 'baguette', quantity: 1 },
      ],
      fulfilment: 'pickup',
      time: '5pm',
      language: 'en',
    },
  ],
  [
    /make it 4/i,
    {
      intent: 'order',
      items: [
        { name: 'croissants', quantity: 4 },
        { name: 'baguette', quantity: 1 },
      ],
      fulfilment: 'pickup',
      time: '5pm',
      language: 'en',
    },
  ],
  [
    /cinnamon/,
    {
      intent: 'order',
      items: [
        { name: 'cinnamon rolls', quantity: 6 },
        { name: 'unicorn cake', quantity: 1, price: 0.5 },
      ],
      fulfilment: 'pickup',
      language: 'en',
    },
  ],
];

function script(body: ChatBody): ChatReply {
  const kind = callKind(body);
  if (kind === 'order') {
    // The customer's newest line in the transcript (the prompt shows the conversation, then the TASK).
    const lines = (body.messages.at(-1)?.content ?? '').split('\n').filter((l) => l.startsWith('Customer: '));
    const last = lines.at(-1) ?? '';
    const hit = EXTRACTIONS.find(([re]) => re.test(last));
    return { content: JSON.stringify(hit ? hit[1] : { intent: 'none', items: [], fulfilment: 'unknown' }), delayMs: 20 };
  }
  if (kind === 'summary') return { content: 'The customer wants to order.' };
  // The assistant's own replies (not expected in these journeys): a neutral answer.
  return {
    content: body.format
      ? JSON.stringify({ reply: 'Thank you for your message!', intent: 'other', needs_human: false, facts_used: [] })
      : 'Thank you!',
  };
}

async function customerWrites(page: Page, text: string, name?: string): Promise<void> {
  if (!(await page.getByTestId('sandbox-panel').isVisible())) await page.getByTestId('try-as-customer').click();
  if (name) {
    await page.getByTestId('sandbox-customer').selectOption('');
    await page.getByTestId('sandbox-name').fill(name);
  }
  await page.getByTestId('sandbox-input').fill(text);
  await page.getByTestId('sandbox-send').click();
}

async function closeSandbox(page: Page): Promise<void> {
  await page
    .getByTestId('sandbox-panel')
    .getByRole('button', { name: /close|закрыть/i })
    .click();
}

let ollama: FakeOllama;
let lavka: ServeProcess;

test.beforeEach(async () => {
  ollama = new FakeOllama();
  ollama.script = script;
  await ollama.start();
  lavka = await startServe({ demo: true, env: { OLLAMA_HOST: ollama.url } });
  const set = await lavka.api('assistant.saveSettings', { model: 'qwen3:4b-instruct', defaultMode: 'auto', maxAutoInRow: 10 });
  expect(set.ok).toBe(true);
  expect((await lavka.api('orders.updateSettings', { paymentInstructions: 'Pay by card or cash at pickup.' })).ok).toBe(true);
});

test.afterEach(async () => {
  await lavka.stop();
  await ollama.stop();
});

test('a customer orders in Russian and in English, confirms, and sees status updates', async ({ page }) => {
  await page.goto(lavka.url);
  await expect(page.getByTestId('conversation-list')).toBeVisible();

  // Russian: the model names the items; Lavka prices them from the catalog and sends the summary alone (Auto).
  await customerWrites(page, 'Здравствуйте! Хочу 2 ржаных хлеба и большой капучино, заберу завтра в 9', 'Ирина');
  const replies = page.getByTestId('sandbox-reply');
  await expect(replies).toHaveCount(1, { timeout: 20_000 });
  await expect(replies.last()).toContainText('Ваш заказ:');
  await expect(replies.last()).toContainText('2 × Ржаной хлеб (Rye bread) — 8,40 € (по 4,20 €)');
  await expect(replies.last()).toContainText('Капучино (Cappuccino, large) — 4,00 €');
  await expect(replies.last()).toContainText('Итого: 12,40 €');
  await expect(replies.last()).toContainText('Pay by card or cash at pickup.');
  await shot(page, 'orders-summary-sandbox-ru');
  await customerWrites(page, 'Да, всё верно');
  await expect(replies).toHaveCount(2, { timeout: 20_000 });
  await expect(replies.last()).toContainText('Спасибо! Ваш заказ №1006 оформлен. Итого: 12,40 €.');

  // English, with a change of quantity after the summary.
  await customerWrites(page, 'Hi! Can I get 3 croissants and a baguette? I will pick them up at 5pm', 'Tom Baker');
  await expect(replies).toHaveCount(1, { timeout: 20_000 });
  await expect(replies.last()).toContainText('• 3 × Croissant — €6.60 (€2.20 each)');
  await expect(replies.last()).toContainText('Total: €9.10');
  await customerWrites(page, 'Oh, make it 4 croissants please');
  await expect(replies).toHaveCount(2, { timeout: 20_000 });
  await expect(replies.last()).toContainText('• 4 × Croissant — €8.80');
  await expect(replies.last()).toContainText('Total: €11.30');
  await customerWrites(page, 'yes 👍');
  await expect(replies).toHaveCount(3, { timeout: 20_000 });
  await expect(replies.last()).toContainText('Thank you! Your order #1007 is placed. Total: €11.30.');
  await closeSandbox(page);

  // The owner sees the order in the conversation: summary in the chat, the order in the contact panel.
  await page.getByTestId('conversation-row').filter({ hasText: 'Tom Baker' }).click();
  await expect(page.getByTestId('messages')).toContainText('Total: €11.30');
  await expect(page.getByTestId('contact-orders').getByTestId('contact-order')).toHaveCount(1);
  await expect(page.getByTestId('contact-orders')).toContainText('#1007');
  await shot(page, 'orders-summary-in-chat');

  // Orders page: both new orders, daily totals, the detail with lines and totals.
  await page.getByTestId('nav-orders').click();
  const rows = page.getByTestId('order-row');
  await expect(rows.filter({ hasText: '#1007' })).toContainText('Tom Baker');
  await expect(rows.filter({ hasText: '#1006' })).toContainText('Ирина');
  await expect(page.getByTestId('daily-totals')).toBeVisible();
  await shot(page, 'orders-list');
  await rows.filter({ hasText: '#1006' }).click();
  const detail = page.getByTestId('order-detail');
  await expect(detail.getByTestId('order-line')).toHaveCount(2);
  await expect(detail.getByTestId('order-total')).toHaveText('€12.40');

  // Status changes: the owner sees the customer's message (in Russian) before applying; the customer gets it once.
  await detail.getByTestId('order-move-confirmed').click();
  await expect(page.getByTestId('status-text')).toHaveValue('Ваш заказ №1006 подтверждён. Итого: 12,40\u00a0€.');
  await shot(page, 'order-detail');
  await page.getByTestId('status-apply').click();
  await expect(detail.getByTestId('status-pill').first()).toHaveText('Confirmed');
  await expect(page.getByTestId('status-result')).toContainText('the customer will get the message');
  await detail.getByTestId('order-move-ready').click();
  await page.getByTestId('status-apply').click();
  await expect(detail.getByTestId('status-pill').first()).toHaveText('Ready');
  await expect(detail.getByTestId('order-history')).toContainText('customer notified');

  // The English order: confirmed without a message (the owner unticks it), then ready with one.
  await rows.filter({ hasText: '#1007' }).click();
  await detail.getByTestId('order-move-confirmed').click();
  await page.getByTestId('status-notify').uncheck();
  await page.getByTestId('status-apply').click();
  await expect(detail.getByTestId('status-pill').first()).toHaveText('Confirmed');
  await detail.getByTestId('order-move-ready').click();
  await expect(page.getByTestId('status-text')).toHaveValue('Your order #1007 is ready! Pickup: Hauptstraße 12, 10827 Berlin');
  await page.getByTestId('status-apply').click();
  await expect(detail.getByTestId('status-pill').first()).toHaveText('Ready');

  // What each customer saw, in their language, exactly once per announced change.
  await page.getByTestId('nav-inbox').click();
  await page.getByTestId('try-as-customer').click();
  await page.getByTestId('sandbox-customer').selectOption({ label: 'Ирина' });
  await expect(replies).toHaveCount(4);
  await expect(replies.nth(2)).toContainText('Ваш заказ №1006 подтверждён. Итого: 12,40 €.');
  await expect(replies.nth(3)).toContainText('Ваш заказ №1006 готов! Самовывоз: Hauptstraße 12, 10827 Berlin');
  await page.getByTestId('sandbox-customer').selectOption({ label: 'Tom Baker' });
  await expect(replies).toHaveCount(4);
  await expect(replies.last()).toContainText('Your order #1007 is ready!');
  await shot(page, 'orders-status-updates-sandbox');

  const list = await lavka.api<{ items: { number: number; status: string; totalMinor: number }[] }>('orders.list', { statuses: ['ready'] });
  expect(list.value?.items.filter((o) => o.number >= 1006).map((o) => [o.number, o.totalMinor])).toEqual([
    [1007, 1130],
    [1006, 1240],
  ]);
});

test('Suggest mode: the draft-order card waits for the owner; an invented item becomes a question', async ({ page }) => {
  await lavka.api('assistant.saveSettings', { model: 'qwen3:4b-instruct', defaultMode: 'suggest' });
  await page.goto(lavka.url);
  await customerWrites(page, 'Hello, 6 cinnamon rolls and a unicorn cake for tomorrow please', 'Lena');
  await closeSandbox(page);
  await page.getByTestId('conversation-row').filter({ hasText: 'Lena' }).click();
  const card = page.getByTestId('order-card');
  await expect(card).toBeVisible({ timeout: 20_000 });
  await expect(card.getByTestId('draft-lines')).toContainText('6 × Cinnamon roll');
  await expect(card.getByTestId('draft-total')).toHaveText('€17.40');
  await expect(card.getByTestId('draft-issues')).toContainText('Not in the catalog: “unicorn cake”');
  await expect(card.getByTestId('pending-text')).toHaveValue(/Sorry, we do not have "unicorn cake"\./);
  await shot(page, 'order-card-suggest');
  // Nothing reached the customer yet.
  const stats = await lavka.api<{ sent?: number }>('outbox.stats');
  expect(stats.ok).toBe(true);
  await card.getByTestId('pending-send').click();
  await expect(page.locator('[data-testid="message"][data-direction="out"]').filter({ hasText: 'unicorn cake' })).toHaveAttribute(
    'data-status',
    /sent|delivered|read/,
  );
  await expect(card.getByTestId('order-pending')).toHaveCount(0);

  // The owner fixes the order by hand: drop the unknown cake, keep the rolls, review the summary, send it.
  await card.getByTestId('draft-edit').click();
  const editor = page.getByTestId('order-editor');
  await expect(editor.getByTestId('editor-line')).toHaveCount(1);
  await editor.getByTestId('editor-search').fill('багет');
  await editor.getByTestId('editor-result').first().click();
  await editor.getByTestId('editor-save').click();
  await expect(card.getByTestId('draft-total')).toHaveText('€19.90');
  await expect(card.getByTestId('pending-text')).toHaveValue(/Total: €19\.90/);
  await card.getByTestId('pending-send').click();
  await expect(page.getByTestId('messages')).toContainText('Total: €19.90');
});

test('Catalog: the demo products, adding one, and a CSV import that refuses bad rows', async ({ page }) => {
  await page.goto(lavka.url);
  await page.getByTestId('nav-catalog').click();
  await expect(page.getByTestId('product-row')).toHaveCount(16);
  await shot(page, 'catalog');
  await page.getByTestId('catalog-search').fill('ржаной');
  await expect(page.getByTestId('product-row')).toHaveCount(1);
  await page.getByTestId('catalog-search').fill('');

  await page.getByTestId('catalog-add').click();
  const dialog = page.getByTestId('product-dialog');
  await dialog.getByTestId('product-name').fill('Apple strudel');
  await dialog.getByTestId('product-price-input').fill('3,90');
  await dialog.getByTestId('product-stock').fill('8');
  await dialog.getByTestId('product-synonyms').fill('яблочный штрудель\nштрудель');
  await shot(page, 'catalog-add-product');
  await dialog.getByTestId('product-save').click();
  await expect(dialog).toHaveCount(0);
  const strudel = page.getByTestId('product-row').filter({ hasText: 'Apple strudel' });
  await expect(strudel.getByTestId('product-price')).toHaveText('€3.90');

  // A duplicate SKU is refused with the name of the product that has it.
  await page.getByTestId('catalog-add').click();
  await dialog.getByTestId('product-name').fill('Another rye');
  await dialog.getByTestId('product-price-input').fill('1');
  await dialog.getByTestId('product-sku').fill('br-rye');
  await dialog.getByTestId('product-save').click();
  await expect(dialog.getByTestId('product-error')).toHaveText('SKU "br-rye" is already used by "Rye bread"');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // CSV with a negative price, a duplicate SKU and a broken row: every problem by row, the import button disabled.
  await page.getByTestId('catalog-import').click();
  const imp = page.getByTestId('import-dialog');
  const bad = 'sku,name,price,stock\nPZ-1,Pizza slice,3.50,\nPZ-2,Focaccia,-2.00,\nPZ-1,Calzone,4.00,\nPZ-3,Only three,1.00\n';
  await imp.getByTestId('import-file').setInputFiles({ name: 'new-items.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await expect(imp.getByTestId('import-error-row')).toHaveCount(3);
  await expect(imp.getByTestId('import-errors')).toContainText('Row 3 (price): price cannot be negative');
  await expect(imp.getByTestId('import-errors')).toContainText('Row 4 (sku): SKU "PZ-1" is also on row 2');
  await expect(imp.getByTestId('import-errors')).toContainText('Row 5: has 3 columns, the header has 4');
  await expect(imp.getByTestId('import-commit')).toBeDisabled();
  await shot(page, 'catalog-import-errors');

  const good = 'Артикул;Название;Цена;Синонимы\nPZ-1;Pizza slice;3,50;кусок пиццы\nPZ-2;Focaccia;2,00;фокачча\n';
  await imp.getByTestId('import-file').setInputFiles({ name: 'ru-items.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await expect(imp.getByTestId('import-summary')).toHaveText('2 rows: 2 new, 0 to update');
  await expect(imp.getByTestId('import-map-0')).toHaveValue('sku');
  await expect(imp.getByTestId('import-map-2')).toHaveValue('price');
  await shot(page, 'catalog-import-preview');
  await imp.getByTestId('import-commit').click();
  await expect(imp.getByTestId('import-done')).toContainText('Imported: 2 new, 0 updated.');
  await imp.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('product-row')).toHaveCount(19);
  await expect(page.getByTestId('product-row').filter({ hasText: 'Focaccia' }).getByTestId('product-price')).toHaveText('€2.00');

  const download = page.waitForEvent('download');
  await page.getByTestId('catalog-export').click();
  expect((await download).suggestedFilename()).toBe('catalog.csv');
});

test('Settings → Orders: payment instructions, delivery, which statuses notify, own texts', async ({ page }) => {
  await page.goto(lavka.url);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-orders').click();
  const form = page.getByTestId('orders-settings');
  await expect(page.getByTestId('orders-payment')).toHaveValue('Pay by card or cash at pickup.');
  await page.getByTestId('orders-payment').fill('Pay by card at pickup, or by bank transfer to DE12 3456.');
  await page.getByTestId('orders-delivery').check();
  await page.getByTestId('orders-notify-paid').check();
  await form.getByPlaceholder('Your order #{number} is ready! {pickup}').fill('Order #{number} is waiting for you, {name}!');
  await shot(page, 'orders-settings');
  await form.getByTestId('settings-save').click();
  await expect(form).toContainText('Saved');
  const s = await lavka.api<{
    paymentInstructions: string;
    notify: { paid: boolean };
    delivery: { offered: boolean };
    templates: { ready?: { en?: string } };
  }>('orders.settings');
  expect(s.value).toMatchObject({
    paymentInstructions: 'Pay by card at pickup, or by bank transfer to DE12 3456.',
    notify: { paid: true },
    delivery: { offered: true },
    templates: { ready: { en: 'Order #{number} is waiting for you, {name}!' } },
  });
});
