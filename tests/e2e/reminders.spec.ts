// Reminders journeys in Chromium against a real `serve --fake-clock`: plan a reminder from a conversation, move
// the test clock, see it arrive at the sandbox customer and show as sent; a customer writes STOP and the owner sees it.
import { test, expect, shot } from './fixtures';

test.use({ serveOptions: { demo: true, args: ['--fake-clock'] } });

test('a reminder planned in a conversation reaches the customer when its time comes', async ({ page, lavka }) => {
  // A pretend customer asks for a reminder.
  const said = await lavka.api<{ customerKey: string }>('sandbox.say', {
    name: 'Olga Test',
    text: 'Could you remind me when my cake is ready?',
  });
  expect(said.ok).toBe(true);
  // Quiet hours off, so the journey does not depend on the time of day it runs at.
  const settings = await lavka.api<Record<string, unknown>>('reminders.settings.get');
  await lavka.api('reminders.settings.update', { ...settings.value, quietHours: { mode: 'off', start: '21:00', end: '09:00' } });

  await page.goto(lavka.url);
  await page.getByTestId('conversation-row').filter({ hasText: 'Olga Test' }).click();
  await expect(page.getByTestId('conversation-title')).toHaveText('Olga Test');

  await page.getByTestId('remind-button').click();
  const dialog = page.getByTestId('reminder-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('reminder-kind').selectOption('pickup_ready');
  // The standard text follows the kind, in the customer's language.
  await expect(dialog.getByTestId('reminder-text')).toHaveValue(/your order is ready for pickup/);
  await dialog.getByTestId('reminder-text').fill('Hi {name}, your cake is ready — see you at {business}!');
  await dialog.getByTestId('reminder-quick-in1h').click();
  await expect(dialog.getByTestId('reminder-preview')).toContainText('Hi Olga Test, your cake is ready — see you at Lavka Bakery!');
  await expect(dialog.getByTestId('reminder-goes-out')).toBeVisible();
  await shot(page, 'reminder-create-dialog');
  await dialog.getByTestId('reminder-save').click();
  await expect(dialog).toHaveCount(0);

  // The contact panel lists it.
  const section = page.getByTestId('contact-reminders');
  await expect(section.getByTestId('contact-reminder')).toHaveCount(1);
  await expect(section).toContainText('Ready for pickup');
  await shot(page, 'contact-panel-reminders');

  // Nothing yet at the customer's end; then an hour and ten minutes pass.
  const thread = async () =>
    (await lavka.api<{ body: string }[]>('sandbox.thread', { customerKey: said.value!.customerKey })).value!.map((m) => m.body);
  expect(await thread()).not.toContain('Hi Olga Test, your cake is ready — see you at Lavka Bakery!');
  const moved = await lavka.api('dev.clock.advance', { ms: 70 * 60_000 });
  expect(moved.ok).toBe(true);

  // It arrives in the conversation and on the pretend customer's phone.
  await expect(page.getByTestId('message').filter({ hasText: 'your cake is ready' })).toHaveAttribute('data-status', /sent|delivered|read/);
  await page.getByTestId('try-as-customer').click();
  await page.getByTestId('sandbox-customer').selectOption({ label: 'Olga Test' });
  await expect(
    page.getByTestId('sandbox-reply').filter({ hasText: 'Hi Olga Test, your cake is ready — see you at Lavka Bakery!' }),
  ).toBeVisible();
  await shot(page, 'reminder-arrived-sandbox');
  await page
    .getByTestId('sandbox-panel')
    .getByRole('button', { name: /close|закрыть/i })
    .click();

  // The Reminders page shows it as sent (and read), and the demo shop's other plans as upcoming.
  await page.getByTestId('nav-reminders').click();
  await expect(page.getByTestId('reminders-page')).toBeVisible();
  await expect(page.getByTestId('reminders-tab-upcoming')).toContainText('2');
  await shot(page, 'reminders-page-upcoming');
  await page.getByTestId('reminders-tab-sent').click();
  const row = page.getByTestId('reminder-row').filter({ hasText: 'Olga Test' });
  await expect(row).toHaveAttribute('data-status', 'sent');
  await expect(row.getByTestId('reminder-delivery')).toHaveText(/Read|Delivered|Sent/);
  await expect(row).toContainText('Hi Olga Test, your cake is ready');
  await shot(page, 'reminders-page-sent');
});

test('a customer who writes STOP is shown as opted out, and the owner can record consent back', async ({ page, lavka }) => {
  const said = await lavka.api<{ customerKey: string }>('sandbox.say', { name: 'Pavel', text: 'Привет! Напомните про заказ в пятницу' });
  await page.goto(lavka.url);
  await page.getByTestId('conversation-row').filter({ hasText: 'Pavel' }).click();
  await page.getByTestId('remind-button').click();
  const dialog = page.getByTestId('reminder-dialog');
  await dialog.getByTestId('reminder-quick-tomorrow').click();
  await dialog.getByTestId('reminder-save').click();
  await expect(page.getByTestId('contact-reminders').getByTestId('contact-reminder')).toHaveCount(1);

  await lavka.api('sandbox.say', { customerKey: said.value!.customerKey, name: 'Pavel', text: 'СТОП' });
  const box = page.getByTestId('optout-box');
  await expect(box).toBeVisible();
  await expect(box).toContainText('СТОП');
  await expect(page.getByTestId('contact-remind')).toBeDisabled();
  // One confirmation, in Russian, and the planned reminder is cancelled with the reason.
  await expect(page.getByTestId('message').filter({ hasText: 'вы больше не будете получать напоминания' })).toHaveCount(1);
  await expect(page.getByTestId('contact-reminders').getByTestId('contact-reminder')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('contact-reminders')).toContainText('The customer opted out');
  await shot(page, 'contact-panel-opted-out');

  await page.getByTestId('optout-record-consent').click();
  await page.getByTestId('consent-note').fill('Asked again in the shop');
  await page.getByTestId('consent-save').click();
  await expect(box).toHaveCount(0);
  await expect(page.getByTestId('consent-recorded')).toBeVisible();
  await expect(page.getByTestId('contact-remind')).toBeEnabled();
});

test('settings: quiet hours, automatic rules and stop words', async ({ page, lavka }) => {
  await page.goto(lavka.url);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-reminders').click();
  const form = page.getByTestId('reminders-settings');
  await expect(form).toBeVisible();
  await form.getByTestId('rule-followup-enabled').check();
  await form.getByTestId('rule-followup-delay').fill('72');
  await form.getByTestId('quiet-start').fill('20:00');
  await page.locator('.settings-section').evaluate((el) => el.scrollTo(0, 0));
  await shot(page, 'reminders-settings');
  await form.getByTestId('settings-save').click();
  await expect(form.getByText(/Saved/)).toBeVisible();
  const saved = await lavka.api<{ quietHours: { start: string }; rules: { followUp: { enabled: boolean; delayHours: number } } }>(
    'reminders.settings.get',
  );
  expect(saved.value).toMatchObject({ quietHours: { start: '20:00' }, rules: { followUp: { enabled: true, delayHours: 72 } } });
  // The dev clock API is there only because this server was started with --fake-clock.
  expect((await lavka.api('dev.clock.now')).ok).toBe(true);
});

test.describe('without --fake-clock', () => {
  test.use({ serveOptions: { demo: true } });
  test('the clock cannot be moved', async ({ lavka }) => {
    const r = await lavka.api('dev.clock.advance', { ms: 1000 });
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });
});
