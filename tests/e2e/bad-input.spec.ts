// Hostile and odd customer input shows as text in the inbox, the conversation and the contact panel.
import { test, expect, shot } from './fixtures';

test('HTML, emoji, RTL, zero-width and 100 KB messages are shown as text and nothing breaks', async ({ page, lavka }) => {
  let alerted = false;
  page.on('dialog', async (d) => {
    alerted = true;
    await d.dismiss();
  });
  const html = '<img src=x onerror=alert(1)><script>alert(2)</script><b>bold?</b>';
  const r = await lavka.api<{ customerKey: string; conversationId: number }>('sandbox.say', { name: '<b>Evil</b> 👩‍👩‍👧 مرحبا', text: html });
  await lavka.api('sandbox.say', { customerKey: r.value!.customerKey, name: 'x', text: 'مرحبا، هل لديكم خبز؟' });
  await lavka.api('sandbox.say', { customerKey: r.value!.customerKey, name: 'x', text: 'zero\u200Bwidth\u200Dhere' });
  await lavka.api('sandbox.say', { customerKey: r.value!.customerKey, name: 'x', text: 'L'.repeat(100 * 1024) });

  await page.goto(lavka.url);
  const row = page.getByTestId('conversation-row').first();
  await expect(row).toContainText('<b>Evil</b>');
  await row.click();
  const messages = page.getByTestId('messages');
  await expect(messages).toContainText(html);
  await expect(messages).toContainText('مرحبا، هل لديكم خبز؟');
  await expect(page.locator('.bubble-text b')).toHaveCount(0);
  await expect(page.locator('.bubble-text img')).toHaveCount(0);
  // The 100 KB message is folded, and can be expanded.
  const long = page.getByTestId('message').filter({ hasText: 'LLLL' });
  await expect(long.getByRole('button', { name: /Show all/ })).toBeVisible();
  await long.getByRole('button', { name: /Show all/ }).click();
  await expect(long.locator('.bubble-text')).toHaveText('L'.repeat(100 * 1024));
  await expect(page.getByTestId('contact-name')).toHaveValue('<b>Evil</b> 👩‍👩‍👧 مرحبا');
  await shot(page, 'bad-input');
  expect(alerted).toBe(false);
});
