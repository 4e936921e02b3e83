// Customer language journeys in Chromium against the real `serve` (demo bakery): a Russian-writing customer's
// language is detected and shown on the contact panel, and the owner's hand-made order summary reaches the sandbox
// phone in Russian; a Spanish-writing customer's reminder arrives in Spanish. Also: the owner's override per
// language in Settings → Customer messages.
import { test, expect, shot } from './fixtures';
import type { Page } from '@playwright/test';

test.use({ serveOptions: { demo: true, args: ['--fake-clock'] } });

async function openSandboxAs(page: Page, name: string): Promise<void> {
  await page.getByTestId('try-as-customer').click();
  await page.getByTestId('sandbox-customer').selectOption({ label: name });
}

test('a Russian customer’s hand-made order summary arrives in Russian', async ({ page, lavka }) => {
  const first = await lavka.api<{ customerKey: string }>('sandbox.say', {
    name: 'Ирина',
    text: 'Здравствуйте! А ржаной хлеб сегодня есть?',
  });
  await lavka.api('sandbox.say', { customerKey: first.value!.customerKey, name: 'Ирина', text: 'Хочу два батона на завтра, заберу сама' });

  await page.goto(lavka.url);
  await page.getByTestId('conversation-row').filter({ hasText: 'Ирина' }).click();
  const language = page.getByTestId('contact-language');
  await expect(language.getByTestId('contact-language-status')).toHaveText('Detected from their messages: Русский');
  await expect(language.getByTestId('contact-language-select')).toHaveValue('');

  // The owner makes the order by hand: Lavka writes the summary in the customer's language.
  await page.getByTestId('order-button').click();
  await page.getByTestId('order-new').click();
  const editor = page.getByTestId('order-editor');
  await editor.getByTestId('editor-search').fill('ржаной');
  await editor.getByTestId('editor-result').first().click();
  await editor.getByTestId('editor-save').click();
  const card = page.getByTestId('order-card');
  await expect(card.getByTestId('pending-text')).toHaveValue(/^Ваш заказ:\n• 1 × Rye bread — 4,20\s€/);
  await expect(card.getByTestId('pending-text')).toHaveValue(/Ответьте «да», чтобы подтвердить/);
  await card.getByTestId('pending-send').click();
  await expect(page.getByTestId('messages')).toContainText('Итого: 4,20');
  await language.scrollIntoViewIfNeeded();
  await shot(page, 'customer-language-contact-panel-ru');

  // A WhatsApp customer's number shows its country, and their language as Lavka knows it.
  await page.getByTestId('conversation-row').filter({ hasText: 'Nguyễn Văn An' }).click();
  await expect(page.getByTestId('contact-panel').getByTestId('phone-country')).toHaveText('🇻🇳 Vietnam');
  await expect(page.getByTestId('contact-language-status')).toHaveText('Detected from their messages: Tiếng Việt');
  await shot(page, 'customer-language-contact-panel-vi');

  await page.getByTestId('conversation-row').filter({ hasText: 'Ирина' }).click();
  await openSandboxAs(page, 'Ирина');
  const reply = page.getByTestId('sandbox-reply').filter({ hasText: 'Ваш заказ:' });
  await expect(reply).toContainText('Итого: 4,20');
  await expect(reply).not.toContainText('Here is your order');
  await shot(page, 'customer-language-sandbox-ru-summary');
});

test('a Spanish customer’s reminder arrives in Spanish; the owner’s choice and wording win', async ({ page, lavka }) => {
  const settings = await lavka.api<Record<string, unknown>>('reminders.settings.get');
  await lavka.api('reminders.settings.update', { ...settings.value, quietHours: { mode: 'off', start: '21:00', end: '09:00' } });
  const first = await lavka.api<{ customerKey: string }>('sandbox.say', { name: 'Lucía', text: 'Hola, ¿tienen pan de centeno hoy?' });
  await lavka.api('sandbox.say', {
    customerKey: first.value!.customerKey,
    name: 'Lucía',
    text: 'Quiero encargar una tarta para el sábado',
  });

  await page.goto(lavka.url);
  await page.getByTestId('conversation-row').filter({ hasText: 'Lucía' }).click();
  await expect(page.getByTestId('contact-language-status')).toHaveText('Detected from their messages: Español');

  await page.getByTestId('remind-button').click();
  const dialog = page.getByTestId('reminder-dialog');
  await dialog.getByTestId('reminder-kind').selectOption('follow_up');
  await expect(dialog.getByTestId('reminder-text')).toHaveValue('Hola, {name}: ¿podemos ayudarte en algo más? — {business}');
  await dialog.getByTestId('reminder-quick-in1h').click();
  await expect(dialog.getByTestId('reminder-preview')).toContainText('Hola, Lucía: ¿podemos ayudarte en algo más? — Lavka Bakery');
  await dialog.getByTestId('reminder-save').click();
  await expect(dialog).toHaveCount(0);

  expect((await lavka.api('dev.clock.advance', { ms: 70 * 60_000 })).ok).toBe(true);
  await openSandboxAs(page, 'Lucía');
  await expect(
    page.getByTestId('sandbox-reply').filter({ hasText: 'Hola, Lucía: ¿podemos ayudarte en algo más? — Lavka Bakery' }),
  ).toBeVisible();
  await shot(page, 'customer-language-sandbox-es-reminder');
  await page
    .getByTestId('sandbox-panel')
    .getByRole('button', { name: /close|закрыть/i })
    .click();

  // The owner decides this customer gets Portuguese: the panel says it is their choice.
  await page.getByTestId('contact-language-select').selectOption('pt');
  await expect(page.getByTestId('contact-language-status')).toHaveText('You chose this. Lavka will not change it.');

  // Settings → Customer messages: the owner rewords the Spanish follow-up; a wrong placeholder is refused.
  await page.getByTestId('nav-settings').click();
  // Business settings: the country is a searchable list of every country.
  await expect(page.getByTestId('settings-region')).toHaveValue('DE');
  await page.getByTestId('settings-region-search').fill('brazil');
  await expect(page.getByTestId('settings-region')).toHaveValue('BR');
  await shot(page, 'settings-business-country');
  await page.getByTestId('settings-region-search').fill('Germany');
  await expect(page.getByTestId('settings-region')).toHaveValue('DE');
  await page.getByTestId('settings-tab-customerTexts').click();
  const texts = page.getByTestId('customer-texts');
  await texts.getByTestId('customer-texts-language').selectOption('es');
  const row = texts.locator('[data-key="reminders:follow_up"]');
  await row.locator('textarea').fill('¡Hola, {nombre}!');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(row).toContainText('Unknown placeholder {nombre}');
  await row.locator('textarea').fill('¡Hola, {name}! ¿Te ayudamos con algo más? — {business}');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(row).toContainText('Your text');
  await shot(page, 'customer-language-settings-texts');
});

test.describe('first start on a computer in Moscow', () => {
  test.use({ serveOptions: { demo: false }, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });

  test('setup proposes Russian, Russia, roubles and Moscow time, with a searchable country list', async ({ page, lavka }) => {
    await page.goto(lavka.url);
    await expect(page.getByTestId('setup-ui-language')).toHaveValue('ru');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Добро пожаловать в Лавку');
    await page.getByTestId('setup-name').fill('Пекарня у дома');
    await page.getByTestId('setup-next').click();
    await expect(page.getByTestId('setup-reply-language')).toHaveValue('ru');
    await expect(page.getByTestId('setup-currency')).toHaveValue('RUB');
    await expect(page.getByTestId('setup-time-zone')).toHaveValue('Europe/Moscow');
    await expect(page.getByTestId('setup-region')).toHaveValue('RU');
    expect(await page.getByTestId('setup-region').locator('option').count()).toBeGreaterThan(200);
    await shot(page, 'setup-proposal-moscow');
    // Searching "+375" picks Belarus.
    await page.getByTestId('setup-region-search').fill('+375');
    await expect(page.getByTestId('setup-region')).toHaveValue('BY');
  });
});
