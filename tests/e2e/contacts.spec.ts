// Journeys through the Contacts page: the owner exports their customers (the downloaded file is parsed here),
// imports a messy spreadsheet, merges a duplicate, deletes a customer, backs up — and recovers from a damaged database.
import { readFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { test, expect, shot } from './fixtures';
import { startServe } from '../helpers/serve-process';

interface Row {
  id: number;
  name: string;
  phones: string[];
  emails: string[];
  tags: string[];
}

test('the owner exports all contacts from the Contacts page and the CSV opens correctly', async ({ page, lavka }) => {
  // A customer whose name and notes would trip a naive CSV writer, and one trying formula injection.
  const tricky = await lavka.api<{ conversationId: number }>('sandbox.say', {
    customerKey: 'sb-tricky',
    name: 'Zoë "Zo" Müller, Jr.',
    text: 'Hallo 👋',
  });
  expect(tricky.ok, JSON.stringify(tricky.error)).toBe(true);
  await lavka.api('sandbox.say', { customerKey: 'sb-evil', name: '=HYPERLINK("http://evil.example","click")', text: 'hi' });

  await page.goto(lavka.url);
  await page.getByTestId('nav-contacts').click();
  await expect(page.getByTestId('contacts-page')).toBeVisible();
  const all = await lavka.api<{ items: Row[]; total: number }>('contacts.list', { limit: 500 });
  expect(all.value!.total).toBeGreaterThan(10);
  await expect(page.getByTestId('contacts-count')).toContainText(String(all.value!.total));
  await expect(page.getByTestId('contact-row').first()).toBeVisible();
  await shot(page, 'contacts-page');

  await page.getByTestId('contacts-search').fill('Müller');
  await expect(page.getByTestId('contact-row')).toHaveCount(1);
  await page.getByTestId('contact-row').first().click();
  await expect(page.getByTestId('contact-panel')).toBeVisible();
  await expect(page.getByTestId('contact-data')).toBeVisible();
  await shot(page, 'contacts-detail');
  await page.getByTestId('contacts-search').fill('');
  await expect(page.getByTestId('contacts-count')).toContainText(String(all.value!.total));

  await page.getByTestId('contacts-export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('export-scope-all').check();
  await dialog.getByTestId('export-col-notes').uncheck();
  await shot(page, 'contacts-export-dialog');
  const downloadPromise = page.waitForEvent('download');
  await dialog.getByTestId('export-start').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^lavka-contacts-\d{4}-\d{2}-\d{2}\.csv$/);
  await expect(dialog.getByTestId('export-done')).toBeVisible();
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows: string[][] = parse(bytes, { bom: true });
  const header = rows[0];
  expect(header).toEqual(expect.arrayContaining(['Name', 'Phones', 'Emails', 'Tags', 'Last contact']));
  expect(header).not.toContain('Notes');
  const col = (name: string) => header.indexOf(name);
  const byName = new Map(rows.slice(1).map((r) => [r[col('Name')], r]));
  expect(rows.length - 1).toBe(all.value!.total);
  for (const c of all.value!.items) {
    const key = c.name.startsWith('=') ? `'${c.name}` : c.name;
    const r = byName.get(key);
    expect(r, c.name).toBeDefined();
    expect(r![col('Phones')]).toBe(c.phones.join(', '));
    expect(r![col('Emails')]).toBe(c.emails.join(', '));
    expect(r![col('Tags')]).toBe(c.tags.join(', '));
  }
  expect(byName.has('Zoë "Zo" Müller, Jr.')).toBe(true);
  expect(byName.has('\'=HYPERLINK("http://evil.example","click")')).toBe(true);
  await shot(page, 'contacts-export-done');

  // From a contact's card straight to their conversation.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByTestId('contacts-search').fill('Müller');
  await expect(page.getByTestId('contact-row')).toHaveCount(1);
  await page.getByTestId('contact-row').first().click();
  await page.getByTestId('open-conversation').click();
  await expect(page.getByTestId('conversation-title')).toHaveText('Zoë "Zo" Müller, Jr.');
  await expect(page.getByTestId('messages')).toContainText('Hallo 👋');
});

test('the owner imports a messy spreadsheet: preview with row errors, then the good rows', async ({ page, lavka }) => {
  await page.goto(lavka.url);
  await page.getByTestId('nav-contacts').click();
  const before = (await lavka.api<{ total: number }>('contacts.list', {})).value!.total;
  await page.getByTestId('contacts-import').click();
  const csv = [
    'Имя;Телефон;Email;Метки',
    'Ольга Смирнова;0170 5550111;olga@example.com;vip',
    'Bad Number;12-34;;',
    '"Broken "quote;0170 5550112;;',
    'Ingrid Berg;+49 170 5550113;;cakes, vip',
    'Ольга (ещё раз);+49 170 555 01 11;;',
  ].join('\n');
  await page.getByTestId('import-file').setInputFiles({ name: 'kunden.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('import-summary')).toContainText('5 rows');
  const issues = page.getByTestId('import-issue');
  await expect(issues).toHaveCount(3);
  await expect(issues.nth(0)).toContainText('Row 3');
  await expect(issues.nth(0)).toContainText('12-34');
  await expect(issues.nth(1)).toContainText('Row 4');
  await expect(issues.nth(2)).toContainText('Same person as row 2');
  await expect(page.getByTestId('import-start')).toBeDisabled();
  await shot(page, 'contacts-import-preview');
  await page.getByTestId('import-skip-errors').check();
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-done')).toContainText('2 new contacts');
  await page.getByTestId('import-dialog').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('contacts-count')).toContainText(String(before + 2));
  const olga = await lavka.api<{ items: Row[] }>('contacts.list', { filter: { query: 'Ольга' } });
  expect(olga.value!.items).toHaveLength(1);
  expect(olga.value!.items[0]).toMatchObject({ phones: ['+491705550111'], emails: ['olga@example.com'], tags: ['vip'] });
});

test('the owner merges a duplicate found by phone number and keeps every message', async ({ page, lavka }) => {
  const john = (await lavka.api<{ items: Row[] }>('contacts.list', { filter: { query: 'John Smith' } })).value!.items[0];
  const conv = await lavka.api<{ id: number }>('inbox.forContact', { contactId: john.id });
  const before = await lavka.api<{ id: number; body: string }[]>('messages.list', { conversationId: conv.value!.id, limit: 100 });

  await page.goto(lavka.url);
  await page.getByTestId('nav-contacts').click();
  await page.getByTestId('contacts-duplicates').click();
  const dup = page.getByTestId('duplicate').filter({ hasText: 'John Smith' });
  await expect(dup).toBeVisible();
  await expect(dup).toContainText('Same phone number');
  await dup.getByTestId('duplicate-merge').click();
  const dialog = page.getByTestId('merge-dialog');
  await expect(dialog.getByTestId('merge-side')).toHaveCount(2);
  await shot(page, 'contacts-merge');
  await dialog.getByTestId('merge-name').selectOption('John Smith');
  await dialog.getByTestId('merge-start').click();
  await expect(dialog).toBeHidden();

  const after = (await lavka.api<{ items: Row[] }>('contacts.list', { filter: { query: 'Smith' } })).value!.items;
  expect(after.map((c) => c.name)).toEqual(['John Smith']);
  expect(after[0].tags).toEqual(['wholesale']);
  const survivorConv = await lavka.api<{ id: number }>('inbox.forContact', { contactId: after[0].id });
  const msgs = await lavka.api<{ id: number; body: string }[]>('messages.list', { conversationId: survivorConv.value!.id, limit: 100 });
  expect(msgs.value!.map((m) => m.id).sort()).toEqual(before.value!.map((m) => m.id).sort());
});

test('the owner deletes a customer for good, and backs up', async ({ page, lavka }) => {
  await page.goto(lavka.url);
  await page.getByTestId('nav-contacts').click();
  await page.getByTestId('contacts-search').fill('Nguyễn');
  await expect(page.getByTestId('contact-row')).toHaveCount(1);
  await page.getByTestId('contact-row').click();
  await page.getByTestId('contact-erase').click();
  const dialog = page.getByTestId('erase-dialog');
  await expect(dialog).toContainText('Nguyễn Văn An');
  await expect(dialog.getByTestId('erase-start')).toBeDisabled();
  await dialog.getByTestId('erase-confirm').fill('nguyễn văn an');
  await shot(page, 'contacts-erase');
  await dialog.getByTestId('erase-start').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('contact-row')).toHaveCount(0);
  const search = await lavka.api<{ conversations: unknown[] }>('inbox.search', { query: 'gluten' });
  expect(search.value!.conversations).toHaveLength(0);

  await page.getByTestId('nav-settings').click();
  await page.getByRole('button', { name: 'Data & backups' }).click();
  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('backup-row')).toHaveCount(1);
  await expect(page.getByTestId('backup-last')).not.toContainText('No backup');
  await shot(page, 'backup-settings');
});

test('a damaged database shows the recovery screen and the newest backup brings the shop back', async ({ page }) => {
  const first = await startServe({ demo: true });
  const made = await first.api<{ id: string }>('backup.now');
  expect(made.ok).toBe(true);
  await expect.poll(async () => ((await first.api<unknown[]>('backup.list')).value ?? []).length).toBe(1);
  const dataDir = first.dataDir;
  await first.stop();
  // Scribble over the middle of the database file, as a failing disk would.
  const fd = openSync(join(dataDir, 'lavka.sqlite'), 'r+');
  writeSync(fd, Buffer.alloc(400, 0x5a), 0, 400, 4096 * 3 + 8);
  closeSync(fd);

  // Start-up does not read the whole file (that would cost seconds on a big shop): the file changed since its clean
  // close, so the background check runs shortly after start, finds the damage and tells the owner; the next start
  // sets the damaged file aside and offers the backup.
  const checking = await startServe({ dataDir });
  try {
    await expect
      .poll(async () => (await checking.api<{ integrity?: { state: string } }>('backup.status')).value?.integrity?.state, {
        timeout: 40_000,
      })
      .toBe('damaged');
  } finally {
    await checking.stop();
  }
  const second = await startServe({ dataDir });
  try {
    await page.goto(second.url);
    await expect(page.getByTestId('recovery-screen')).toBeVisible();
    await shot(page, 'recovery-screen');
    await page.getByTestId('recovery-restore').click();
    await expect(page.getByTestId('conversation-list')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('conversation-row').filter({ hasText: 'Анна Петрова' })).toBeVisible();
  } finally {
    await second.stop();
  }
});
