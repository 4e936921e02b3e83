// The database check no longer runs before the first screen: Settings → Data & backups says when it runs and how the
// last one went; a restart after a clean quit does not plan an early check.
import { test, expect, shot } from './fixtures';

test('Settings → Data & backups shows the background database check', async ({ page, lavka }) => {
  await page.goto(lavka.url);
  await page.getByTestId('nav-settings').click();
  await page.getByRole('button', { name: 'Data & backups' }).click();
  const line = page.getByTestId('integrity-line');
  await expect(line).toContainText('Database check: not run yet');
  await expect(line).toContainText('Next check:');
  const status = await lavka.api<{ integrity: { state: string; nextAt: number | null } }>('backup.status', {});
  expect(status.value!.integrity.state).toBe('never');
  await shot(page, 'backup-integrity-line');
});
