// The contacts import preview shows each phone as it will be saved, with its country, and flags a local-format
// number that may belong to another country instead of rewriting it (the demo shop is in Germany).
import { test, expect, shot } from './fixtures';

test('the import preview shows phones as saved with their country, and flags a Vietnamese mobile in a German shop', async ({
  page,
  lavka,
}) => {
  await page.goto(lavka.url);
  await page.getByTestId('nav-contacts').click();
  await page.getByTestId('contacts-import').click();
  const csv = [
    'Name,Phone,Email',
    'Lan Nguyen,0912 345 678,lan@example.com',
    'Max Müller,0151 1234 5678,',
    'Greta,+49 170 5550199,',
    'Greta L.,0170 5550199,greta@example.com',
  ].join('\n');
  await page.getByTestId('import-file').setInputFiles({ name: 'kunden.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(page.getByTestId('import-preview')).toBeVisible();
  const saved = page.getByTestId('import-phone-saved');
  await expect(saved.nth(0)).toContainText('check the country');
  await expect(saved.nth(0)).toContainText('+84 912 345 678 · Vietnam');
  await expect(saved.nth(1)).toContainText('+49 1511 2345678 · Germany');
  const issues = page.getByTestId('import-issue');
  await expect(issues.filter({ hasText: '0912 345 678' })).toContainText('Not saved as a phone; kept in notes');
  await expect(issues.filter({ hasText: 'Same person as row 4' })).toHaveCount(1);
  await shot(page, 'contacts-import-phones');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  const lan = await lavka.api<{ items: { phones: string[]; emails: string[] }[] }>('contacts.list', { filter: { query: 'Lan Nguyen' } });
  expect(lan.value!.items[0]).toMatchObject({ phones: [], emails: ['lan@example.com'] });
  const greta = await lavka.api<{ items: { phones: string[]; emails: string[] }[] }>('contacts.list', { filter: { query: 'Greta' } });
  expect(greta.value!.items[0]).toMatchObject({ phones: ['+491705550199'], emails: ['greta@example.com'] });
});
