// Quick replies work with no model at all: edit one in Settings, insert it into a reply with the name filled in.
import { test, expect, shot } from './fixtures';

test('the owner saves a quick reply and sends it to a customer with their name filled in', async ({ page, lavka }) => {
  await page.goto(lavka.url);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-quickReplies').click();
  await page.getByTestId('qr-add').click();
  await page.getByTestId('qr-title').last().fill('Delivery');
  await page.getByTestId('qr-text').last().fill('{name}, we deliver every day until 18:00.');
  await page.getByTestId('settings-save').click();
  await expect(page.getByText('✓ Saved')).toBeVisible();
  await shot(page, 'settings-quick-replies');

  await page.getByTestId('nav-inbox').click();
  await page.getByTestId('conversation-row').filter({ hasText: 'Анна Петрова' }).click();
  await page.getByTestId('quick-replies').click();
  await shot(page, 'quick-replies-popover');
  await page.getByTestId('quick-reply-item').filter({ hasText: 'Delivery' }).click();
  await expect(page.getByTestId('composer')).toHaveValue('Анна, we deliver every day until 18:00.');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('message').filter({ hasText: 'Анна, we deliver every day until 18:00.' })).toBeVisible();
});
