// A phone-book contact (imported, never wrote) → "Write on WhatsApp": the number is checked on WhatsApp (the Client
// double's getNumberId), the reply box appears and the message goes out through the double; a landline that is not
// on WhatsApp gets a clear message instead. Core with the Client double, real server, screenshots in en and ru.
import '../helpers/register-locales'; // first: the core's locale files, without Vite
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect, shot } from './fixtures';
import { test, type Page } from '@playwright/test';
import { FakeWhatsApp } from '../helpers/fake-whatsapp';
import { createApp } from '../../main/core/app';
import { seedDemo } from '../../main/core/demo/seed';
import { startHttpServer } from '../../main/server/http-server';

const ROOT = resolve(import.meta.dirname, '../..');

async function openFromContacts(page: Page, name: string) {
  await page.getByTestId('nav-contacts').click();
  await page.getByTestId('contacts-search').fill(name);
  await page.getByTestId('contact-row').filter({ hasText: name }).click();
  await page.getByTestId('open-conversation').click();
  await expect(page.getByTestId('conversation-title')).toHaveText(name);
}

test('Write on WhatsApp: a phone-book contact gets a message through WhatsApp; a number not on WhatsApp is explained', async ({ page }) => {
  const wa = new FakeWhatsApp();
  wa.phone.linked = true;
  // Peter's office landline is not on WhatsApp.
  wa.phone.notOnWhatsApp.add('49305550789');
  const dataDir = mkdtempSync(join(tmpdir(), 'lavka-e2e-write-wa-'));
  const app = createApp({
    dataDir,
    env: {},
    channels: { whatsappClient: wa.factory, findBrowser: () => ({ ok: true, path: '/usr/bin/chromium', source: 'detected' }) },
  });
  seedDemo(app.services);
  await app.start();
  await app.services.channels.connectWhatsApp();
  const server = await startHttpServer(app, {
    host: '127.0.0.1',
    port: 0,
    token: randomBytes(18).toString('base64url'),
    rendererDir: join(ROOT, process.env.LAVKA_OUT ?? 'out', 'renderer'),
  });
  try {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(server.url);
    await expect(page.getByTestId('status-whatsapp')).toContainText('connected');

    await openFromContacts(page, 'Lukas Weber');
    // Only a phone-book number: no reply box that could queue a message nowhere, but the way to write on WhatsApp.
    await expect(page.getByTestId('composer')).toHaveCount(0);
    await expect(page.getByTestId('phone-book-only')).toContainText('never written');
    await shot(page, 'write-on-whatsapp-before-en');
    await page.getByTestId('write-on-whatsapp').click();
    await expect(page.getByTestId('composer')).toBeVisible();
    expect(wa.phone.numberLookups).toEqual(['491715550123']);
    await page.getByTestId('composer').fill('Hello Lukas, your rye bread is ready for pickup.');
    await page.getByTestId('send').click();
    await expect(page.getByTestId('message').filter({ hasText: 'your rye bread is ready' })).toHaveAttribute(
      'data-status',
      /sent|delivered|read/,
    );
    expect(wa.latest.sent.map((s) => [s.chatId, s.text])).toEqual([
      ['491715550123@c.us', 'Hello Lukas, your rye bread is ready for pickup.'],
    ]);
    await shot(page, 'write-on-whatsapp-sent-en');

    await openFromContacts(page, 'Peter Schulz');
    await page.getByTestId('write-on-whatsapp').click();
    await expect(page.getByTestId('write-on-whatsapp-error')).toHaveText(
      '+49 30 5550789 is not on WhatsApp. Check the number, or reach the customer another way.',
    );
    await expect(page.getByTestId('composer')).toHaveCount(0);
    await shot(page, 'write-on-whatsapp-not-found-en');

    app.services.settings.update({ preferences: { uiLanguage: 'ru' } });
    await page.reload();
    await openFromContacts(page, 'Peter Schulz');
    await expect(page.getByTestId('phone-book-only')).toContainText('ещё не писал');
    await page.getByTestId('write-on-whatsapp').click();
    await expect(page.getByTestId('write-on-whatsapp-error')).toContainText('Номера +49 30 5550789 нет в WhatsApp');
    await shot(page, 'write-on-whatsapp-not-found-ru');
    expect(wa.latest.sent).toHaveLength(1);

    // The phone unlinks Lavka: the top strip says so in plain words with the way to fix it.
    wa.latest.logoutFromPhone();
    await expect(page.getByTestId('status-whatsapp')).toContainText('WhatsApp');
    await expect(page.getByTestId('fix-whatsapp')).toBeVisible();
    await shot(page, 'channel-health-strip-logged-out-ru');
  } finally {
    await server.close();
    await app.close();
  }
});
