// The owner's working day in the demo shop: resolve and snooze, labels and the label filter, the unread count in the
// tab title, a keyboard-only reply, and the shortcuts sheet. Screenshots in English and Russian go to artifacts/.
import { test, expect, shot } from './fixtures';
import type { Page } from '@playwright/test';

const rows = (page: Page) => page.getByTestId('conversation-row');

async function openFirst(page: Page) {
  await rows(page).first().click();
  return (await page.getByTestId('conversation-title').textContent()) ?? '';
}

test('resolve a conversation in one click, snooze another; the tabs count them', async ({ page, lavka }) => {
  await page.goto(lavka.url);
  await expect(rows(page)).toHaveCount(5);
  await expect(page.getByTestId('state-count-resolved')).toHaveText('0');

  const first = await openFirst(page);
  await page.getByTestId('resolve').click();
  await expect(rows(page).filter({ hasText: first })).toHaveCount(0);
  await expect(page.getByTestId('state-count-resolved')).toHaveText('1');
  await expect(rows(page)).toHaveCount(4);

  const second = (await page.getByTestId('conversation-title').textContent()) ?? '';
  expect(second).not.toBe(first);
  await page.getByTestId('snooze-menu').locator('summary').click();
  await page.getByTestId('snooze-tomorrow').click();
  await expect(page.getByTestId('state-count-snoozed')).toHaveText('1');
  await expect(rows(page)).toHaveCount(3);

  await page.getByTestId('state-tab-snoozed').click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first().getByTestId('row-state')).toContainText(/until/);
  await shot(page, 'workday-snoozed-en');

  await page.getByTestId('state-tab-resolved').click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(first);
});

test('label a conversation with a new label and filter the inbox by it', async ({ page, lavka }) => {
  await page.goto(lavka.url);
  // The demo shop comes with starter labels, some already on conversations.
  await expect(page.getByTestId('row-label').filter({ hasText: 'Paid' })).toHaveCount(1);
  await rows(page).nth(1).click();
  const name = (await page.getByTestId('conversation-title').textContent()) ?? '';
  await page.getByTestId('labels-menu').locator('summary').click();
  await page.getByTestId('new-label-name').fill('Wedding cake');
  await page.getByTestId('new-label-add').click();
  await expect(rows(page).filter({ hasText: name }).getByTestId('row-label')).toContainText(['Wedding cake']);
  await shot(page, 'workday-labels-en');
  await page.getByTestId('labels-menu').locator('summary').click();

  await page.getByTestId('label-filter').selectOption({ label: 'Wedding cake (1)' });
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(name);
  await page.getByTestId('label-filter').selectOption({ label: 'Paid (1)' });
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).not.toContainText(name);
});

test('the tab title shows how many conversations are unread and follows new messages', async ({ page, lavka }) => {
  await page.goto(lavka.url);
  const before = await lavka.api('inbox.unreadCount', {});
  const n = (before as { value: { conversations: number } }).value.conversations;
  await expect(page).toHaveTitle(n > 0 ? `(${n}) Lavka` : 'Lavka');
  await lavka.api('sandbox.say', { name: 'Title Test', text: 'Hello?' });
  await expect(page).toHaveTitle(`(${n + 1}) Lavka`);
});

test('keyboard only: move to a conversation, reply, resolve, and see the shortcuts', async ({ page, lavka }) => {
  await page.goto(lavka.url);
  await expect(rows(page)).toHaveCount(5);
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await page.keyboard.press('j');
  await expect(rows(page).first()).toHaveClass(/selected/);
  const title = (await page.getByTestId('conversation-title').textContent()) ?? '';
  // Opening a conversation puts the cursor in the reply box; Esc leaves it so single keys act again.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('composer')).not.toBeFocused();
  await page.keyboard.press('r');
  await expect(page.getByTestId('composer')).toBeFocused();
  // "/" lists quick replies; typing filters, Enter puts the chosen one in the box with the name filled in.
  await page.keyboard.type('/thank');
  await expect(page.getByTestId('slash-quick-replies')).toContainText('Thanks');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('composer')).toHaveValue(/^Thank you, .+! See you soon\.$/);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Typed without a mouse');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('message').filter({ hasText: 'Typed without a mouse' })).toHaveAttribute(
    'data-status',
    /sent|delivered|read/,
  );
  await page.keyboard.press('Escape');
  await page.keyboard.press('e');
  await expect(rows(page).filter({ hasText: title })).toHaveCount(0);
  // The next conversation opened, with the cursor in its reply box again.
  await expect(page.getByTestId('composer')).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-sheet')).toBeVisible();
  await shot(page, 'workday-shortcuts-en');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-sheet')).toHaveCount(0);
});

test('the working day in Russian', async ({ page, lavka }) => {
  await lavka.api('settings.update', { preferences: { uiLanguage: 'ru' } });
  await page.goto(lavka.url);
  await expect(page.getByTestId('state-tab-active')).toContainText('В работе');
  await openFirst(page);
  await page.getByTestId('labels-menu').locator('summary').click();
  await shot(page, 'workday-labels-ru');
  await page.getByTestId('labels-menu').locator('summary').click();
  await page.getByTestId('snooze-menu').locator('summary').click();
  await page.getByTestId('snooze-hour').click();
  await page.getByTestId('state-tab-snoozed').click();
  await expect(rows(page).first().getByTestId('row-state')).toContainText('Отложено до');
  await shot(page, 'workday-snoozed-ru');
});

test('a conversation on a channel that is not connected says so above the reply box, and a queued reply can be edited and cancelled', async ({
  page,
  lavka,
}) => {
  await page.goto(lavka.url);
  // The demo's Telegram customer: Telegram is not set up in the demo, so a reply can only wait in the queue.
  await rows(page).filter({ hasText: 'Анна Петрова' }).click();
  await expect(page.getByTestId('channel-down')).toContainText('Telegram');
  await page.getByTestId('composer').fill('Two loaves are ready');
  await page.getByTestId('send').click();
  const mine = page.getByTestId('message').filter({ hasText: 'Two loaves are ready' });
  await expect(mine).toHaveAttribute('data-status', 'queued');
  await shot(page, 'workday-channel-down-en');

  await mine.getByTestId('queued-edit').click();
  await mine.getByTestId('queued-edit-text').fill('Three loaves are ready');
  await mine.getByTestId('queued-edit-save').click();
  const edited = page.getByTestId('message').filter({ hasText: 'Three loaves are ready' });
  await expect(edited).toHaveAttribute('data-status', 'queued');
  await edited.getByTestId('queued-cancel').click();
  await expect(page.getByTestId('message').filter({ hasText: 'loaves are ready' })).toHaveCount(0);
  await expect(rows(page).filter({ hasText: 'Анна Петрова' })).not.toContainText('loaves');
});

test.describe('fresh data folder', () => {
  test.use({ serveOptions: {} });
  test('the empty inbox shows the first-run checklist, ticked from real state, each step one click away', async ({ page, lavka }) => {
    await page.goto(lavka.url);
    await page.getByTestId('setup-name').fill('Fresh Bakery');
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-finish').click();
    const list = page.getByTestId('first-run-checklist');
    await expect(list).toBeVisible();
    for (const step of ['whatsapp', 'telegram', 'products', 'knowledge', 'assistant'])
      await expect(list.getByTestId(`checklist-${step}`)).toHaveAttribute('data-done', 'false');
    await expect(list.getByTestId('checklist-knowledge')).toContainText('0 of 5');
    await shot(page, 'workday-first-run-en');

    // A product added elsewhere ticks its step the next time the inbox shows.
    const created = await lavka.api<{ id: number }>('catalog.create', { name: 'Rye bread', priceMinor: 350 });
    expect(created).toMatchObject({ ok: true });
    await list.getByTestId('checklist-open-products').click();
    await expect(page.getByTestId('nav-catalog')).toHaveClass(/active/);
    await expect(page.getByTestId('catalog-screen')).toBeVisible();
    await page.getByTestId('nav-inbox').click();
    await expect(page.getByTestId('checklist-products')).toHaveAttribute('data-done', 'true');

    // More answers than the step asks for: the step is done and counts "5 of 5", never "6 of 5".
    for (let i = 1; i <= 6; i++)
      expect(await lavka.api('knowledge.create', { kind: 'qa', title: `Question ${i}?`, body: `Answer ${i}.` })).toMatchObject({
        ok: true,
      });
    await page.getByTestId('nav-knowledge').click();
    await expect(page.getByTestId('knowledge-add-qa')).toBeVisible();
    await page.getByTestId('nav-inbox').click();
    await expect(page.getByTestId('checklist-knowledge')).toHaveAttribute('data-done', 'true');
    await expect(page.getByTestId('checklist-knowledge')).toContainText('5 of 5');

    await lavka.api('settings.update', { preferences: { uiLanguage: 'ru' } });
    await expect(page.getByTestId('first-run-checklist')).toContainText('Подготовьте магазин');
    await shot(page, 'workday-first-run-ru');
  });
});

test('greeting: the owner turns it on with a preview, and a new sandbox customer receives it', async ({ page, lavka }) => {
  await page.goto(lavka.url);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-greetings').click();
  await expect(page.getByTestId('greeting-preview')).toContainText('Thank you for writing to Lavka Bakery');
  await page.getByTestId('greetings-language').selectOption('de');
  await expect(page.getByTestId('greeting-preview')).toContainText('Danke für Ihre Nachricht an Lavka Bakery');
  await page.getByTestId('greetings-language').selectOption('en');
  await page.getByTestId('greeting-text').fill('Welcome to Lavka Bakery! We reply within the hour.');
  await expect(page.getByTestId('greeting-preview')).toContainText('Welcome to Lavka Bakery! We reply within the hour.');
  await page.getByTestId('greeting-on').check();
  await page.getByTestId('settings-save').click();
  await expect(page.getByText('✓')).toBeVisible();
  await shot(page, 'workday-greetings-settings-en');

  await page.getByTestId('nav-inbox').click();
  await page.getByTestId('try-as-customer').click();
  await page.getByTestId('sandbox-name').fill('New Person');
  await page.getByTestId('sandbox-input').fill('Hello, first time here');
  await page.getByTestId('sandbox-send').click();
  await expect(page.getByTestId('sandbox-reply').filter({ hasText: 'Welcome to Lavka Bakery! We reply within the hour.' })).toBeVisible();
  // The greeting does not answer the customer's question: the conversation stays open for the owner.
  await expect(page.getByTestId('conversation-row').filter({ hasText: 'New Person' }).getByTestId('row-state')).toHaveCount(0);
});
