// Journeys through the spine: sandbox customer → live inbox → owner reply → customer sees it; search; setup.
import { test, expect, shot } from './fixtures';

test('a pretend customer writes, the owner sees it live and replies, the customer gets the reply', async ({ page, lavka }) => {
  await page.goto(lavka.url);
  await expect(page.getByTestId('conversation-list')).toBeVisible();
  await shot(page, 'inbox-demo');

  await page.getByTestId('try-as-customer').click();
  await page.getByTestId('sandbox-name').fill('Olga Test');
  await page.getByTestId('sandbox-input').fill('Hi! Do you have rye bread today? 🍞');
  await page.getByTestId('sandbox-send').click();

  const row = page.getByTestId('conversation-row').filter({ hasText: 'Olga Test' });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('unread-badge')).toHaveText('1');
  // Newest activity first.
  await expect(page.getByTestId('conversation-row').first()).toContainText('Olga Test');

  await page
    .getByTestId('sandbox-panel')
    .getByRole('button', { name: /close|закрыть/i })
    .click();
  await row.click();
  await expect(page.getByTestId('conversation-title')).toHaveText('Olga Test');
  await expect(page.getByTestId('messages')).toContainText('Do you have rye bread today? 🍞');
  await expect(row.getByTestId('unread-badge')).toHaveCount(0);
  await expect(page.getByTestId('contact-panel')).toBeVisible();

  await page.getByTestId('composer').fill('Yes, baked this morning!');
  await page.getByTestId('send').click();
  const mine = page.getByTestId('message').filter({ hasText: 'Yes, baked this morning!' });
  await expect(mine).toHaveAttribute('data-status', /sent|delivered|read/);
  await shot(page, 'conversation-and-contact');

  await page.getByTestId('try-as-customer').click();
  await page.getByTestId('sandbox-customer').selectOption({ label: 'Olga Test' });
  await expect(page.getByTestId('sandbox-reply').filter({ hasText: 'Yes, baked this morning!' })).toBeVisible();
  await shot(page, 'sandbox-panel');
});

test('search finds a message by a Cyrillic word', async ({ page, lavka }) => {
  await page.goto(lavka.url);
  await page.getByTestId('inbox-search').fill('буханки');
  const rows = page.getByTestId('conversation-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Анна Петрова');
  await page.getByTestId('inbox-search').fill('');
  await expect(rows).toHaveCount(5);
});

test.describe('fresh data folder', () => {
  test.use({ serveOptions: {} });
  test('first start walks through setup and lands in an empty inbox', async ({ page, lavka }) => {
    await page.goto(lavka.url);
    await expect(page.getByTestId('setup')).toBeVisible();
    await shot(page, 'setup');
    await expect(page.getByTestId('setup-next')).toBeDisabled();
    await page.getByTestId('setup-name').fill('Café Ромашка');
    await page.getByTestId('setup-description').fill('Coffee, cakes, breakfast');
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-currency').selectOption('RUB');
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-finish').click();
    await expect(page.getByTestId('conversation-list')).toBeVisible();
    await expect(page.locator('.nav-brand')).toContainText('Café Ромашка');
    const settings = await lavka.api<{ business: { currency: string; name: string } }>('settings.get');
    expect(settings.value?.business).toMatchObject({ currency: 'RUB', name: 'Café Ромашка' });
  });
});

test('requests and sockets without the token are refused', async ({ page, lavka }) => {
  const plain = await fetch(`${lavka.origin}/`);
  expect(plain.status).toBe(401);
  expect(await plain.text()).toContain('Paste the link Lavka printed');
  const api = await fetch(`${lavka.origin}/api/inbox.list`, { method: 'POST', body: '{}' });
  expect(api.status).toBe(401);
  const wrong = await fetch(`${lavka.origin}/api/inbox.list`, { method: 'POST', body: '{}', headers: { authorization: 'Bearer nope' } });
  expect(wrong.status).toBe(401);
  // A page on the same origin but opened without the token cannot open the event socket either.
  await page.goto(`${lavka.origin}/favicon.ico`).catch(() => {});
  const socketResult = await page.evaluate(
    (origin) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(origin.replace('http', 'ws') + '/events');
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      }),
    lavka.origin,
  );
  expect(socketResult).toBe('refused');
  const ok = await fetch(`${lavka.origin}/api/inbox.list`, {
    method: 'POST',
    body: '{}',
    headers: { authorization: `Bearer ${lavka.token}` },
  });
  expect(ok.status).toBe(200);
});

test('settings change the business name and the UI language', async ({ page, lavka }) => {
  await page.goto(lavka.url);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-name').fill('Lavka Bakery & Café');
  await page.getByTestId('settings-save').first().click();
  await expect(page.locator('.nav-brand')).toContainText('Lavka Bakery & Café');
  await shot(page, 'settings-business');
  await page.getByTestId('settings-tab-preferences').click();
  await page.getByTestId('settings-ui-language').selectOption('ru');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('nav-inbox')).toContainText('Входящие');
  await page.getByTestId('nav-inbox').click();
  await shot(page, 'inbox-russian');
});

test('a long history opens at the newest message and loads older pages while scrolling up', async ({ page, lavka }) => {
  let key: string | undefined;
  for (let i = 1; i <= 180; i++) {
    const r = await lavka.api<{ customerKey: string }>('sandbox.say', {
      customerKey: key,
      name: 'Long History',
      text: `history line ${i}`,
    });
    key = r.value!.customerKey;
  }
  await page.goto(lavka.url);
  await page.getByTestId('conversation-row').filter({ hasText: 'Long History' }).click();
  const messages = page.getByTestId('messages');
  await expect(messages).toContainText('history line 180');
  // Only a window of the history is in the page at once.
  expect(await page.getByTestId('message').count()).toBeLessThan(60);
  for (let i = 0; i < 30; i++) {
    if (await messages.getByText('history line 1', { exact: true }).count()) break;
    await messages.evaluate((el) => (el.scrollTop = 0));
    await page.waitForTimeout(150);
  }
  await expect(messages.getByText('history line 1', { exact: true })).toBeVisible();
});

test('the Inbox badge counts every unread conversation, not just the first page', async ({ page, lavka }) => {
  for (let i = 0; i < 60; i++) await lavka.api('sandbox.say', { name: `Walk-in ${i}`, text: `question ${i}` });
  const expected = (await lavka.api<{ conversations: number }>('inbox.unreadCount')).value!.conversations;
  expect(expected).toBeGreaterThan(60);
  await page.goto(lavka.url);
  await expect(page.getByTestId('nav-inbox').locator('.nav-count')).toHaveText(String(expected));
  await page.getByTestId('conversation-row').first().click();
  await expect(page.getByTestId('nav-inbox').locator('.nav-count')).toHaveText(String(expected - 1));
});
