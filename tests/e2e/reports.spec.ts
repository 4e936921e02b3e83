// Reports on the demo bakery in Chromium: figures with the previous period, charts, CSV downloads read back, the
// Russian page, and the printable view. Screenshots go to artifacts/screenshots/reports-*.png.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { test, expect, shot } from './fixtures';

test('the owner opens Reports on the demo shop, switches periods and downloads a chart as CSV', async ({ page, lavka }) => {
  await page.goto(lavka.url);
  await expect(page.getByTestId('conversation-list')).toBeVisible();
  await page.getByTestId('nav-reports').click();
  await expect(page.getByTestId('reports-screen')).toBeVisible();
  await expect(page.getByTestId('fig-first-response')).toBeVisible();
  await expect(page.getByTestId('reports-period')).toContainText('Compared with');
  // The demo's customers wrote and were answered: a real wait, not a dash; the sandbox/assistant sections teach.
  await expect(page.getByTestId('fig-first-response').locator('.report-figure-value')).not.toHaveText('—');
  await expect(page.getByTestId('fig-waiting')).toContainText(/customer/);
  await shot(page, 'reports-7-days');

  await page.getByTestId('reports-period-30d').click();
  await expect(page.getByTestId('reports-period')).toContainText(/ – /);
  await expect(page.getByTestId('report-sales')).toBeVisible();
  await page.getByTestId('report-sales').scrollIntoViewIfNeeded();
  await shot(page, 'reports-30-days-sales');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-conversations-byHour').click()]);
  expect(download.suggestedFilename()).toBe('lavka-report-conversations-byHour-30d.csv');
  const rows: Record<string, string>[] = parse(readFileSync(await download.path(), 'utf8'), { columns: true, bom: true });
  expect(rows).toHaveLength(24);
  expect(Object.keys(rows[0])).toEqual([
    'hour',
    'customers_waited',
    'owner_answers',
    'owner_median_s',
    'owner_p90_s',
    'assistant_answers',
    'assistant_median_s',
    'assistant_p90_s',
  ]);
  expect(rows.reduce((a, r) => a + Number(r.customers_waited), 0)).toBeGreaterThan(0);

  // A section's figures, this period beside the one before.
  const [summary] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-sales-summary').click()]);
  const table: Record<string, string>[] = parse(readFileSync(await summary.path(), 'utf8'), { columns: true, bom: true });
  expect(Object.keys(table[0])).toEqual(['figure', 'current', 'previous']);
  expect(table.find((r) => r.figure === 'chat_orders')?.current).toBe(
    await page.getByTestId('fig-orders').locator('.report-figure-value').textContent(),
  );

  await page.getByTestId('reports-period-custom').click();
  await page.getByTestId('reports-from').fill('2026-01-01');
  await page.getByTestId('reports-to').fill('2026-01-07');
  await expect(page.getByTestId('reports-period')).toContainText('2026-01-01 – 2026-01-07');
  // Nothing happened then: every section says what will appear instead of empty charts.
  await expect(page.locator('.report-empty').first()).toBeVisible();
  await shot(page, 'reports-empty-period');

  await page.getByTestId('reports-period-7d').click();
  await expect(page.getByTestId('fig-first-response').locator('.report-figure-value')).not.toHaveText('—');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.nav')).toBeHidden();
  await expect(page.getByTestId('reports-print')).toBeHidden();
  await shot(page, 'reports-print');
});

test('Reports in Russian', async ({ page, lavka }) => {
  await lavka.api('settings.update', { preferences: { uiLanguage: 'ru' } });
  await page.goto(lavka.url);
  await page.getByTestId('nav-reports').click();
  await expect(page.getByRole('heading', { name: 'Отчёты' })).toBeVisible();
  await expect(page.getByTestId('report-speed')).toContainText('Как быстро вы отвечаете');
  await expect(page.getByTestId('reports-period')).toContainText('Сравнение с');
  await shot(page, 'reports-russian');
  await page.getByTestId('reports-period-30d').click();
  await page.getByTestId('report-sales').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('report-sales')).toContainText('Продажи из чатов');
  await shot(page, 'reports-russian-sales');
});
