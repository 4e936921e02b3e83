// The WhatsApp card through what breaks WhatsApp Web automation, as the owner sees it: linking with a pairing code
// (shown, expired, renewed), the browser's memory, a crashed page being replaced ("Reconnecting"), another WhatsApp
// Web taking over, a block, and "WhatsApp Web changed" after failed starts. Core with the Client double, real server.
import '../helpers/register-locales'; // first: the core's locale files, without Vite
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect, shot } from './fixtures';
import { test } from '@playwright/test';
import { FakeWhatsApp } from '../helpers/fake-whatsapp';
import { createApp } from '../../main/core/app';
import { seedDemo } from '../../main/core/demo/seed';
import { startHttpServer } from '../../main/server/http-server';

const ROOT = resolve(import.meta.dirname, '../..');

test('WhatsApp: link with a code, memory, reconnecting, open elsewhere, blocked, WhatsApp Web changed', async ({ page }) => {
  const wa = new FakeWhatsApp();
  const dataDir = mkdtempSync(join(tmpdir(), 'lavka-e2e-wa-link-'));
  const app = createApp({
    dataDir,
    env: {},
    channels: {
      whatsappClient: wa.factory,
      findBrowser: () => ({ ok: true, path: '/usr/bin/chromium', source: 'detected' }),
      // Short real-time rhythms so each state shows within seconds.
      whatsapp: {
        measureMemory: wa.memory,
        healthCheckMs: 500,
        probeTimeoutMs: 4_000,
        pairingCodeTtlMs: 4_000,
        reconnectBaseMs: 300,
        reconnectMaxMs: 600,
      },
    },
  });
  seedDemo(app.services);
  await app.start();
  const server = await startHttpServer(app, {
    host: '127.0.0.1',
    port: 0,
    token: randomBytes(18).toString('base64url'),
    rendererDir: join(ROOT, process.env.LAVKA_OUT ?? 'out', 'renderer'),
  });
  try {
    await page.setViewportSize({ width: 1366, height: 1000 });
    await page.goto(server.url);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-channels').click();
    const card = page.getByTestId('whatsapp-card');
    const state = card.getByTestId('whatsapp-status');
    await card.getByTestId('whatsapp-connect').click();
    await expect(card.getByTestId('whatsapp-qr')).toBeVisible();
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'whatsapp-link-qr');

    // Link with phone number instead.
    await card.getByTestId('whatsapp-use-phone').click();
    await card.getByTestId('whatsapp-phone').fill('+49 1520 0000001');
    await card.getByTestId('whatsapp-get-code').click();
    await expect(card.getByTestId('whatsapp-pairing-code')).toHaveText('K1QW-7XZ1');
    await expect(card.getByTestId('whatsapp-qr')).toHaveCount(0);
    await expect(state).toContainText('Waiting for you to type the code');
    await expect(card.getByTestId('whatsapp-pairing')).toContainText('For +49 1520 0000001');
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'whatsapp-link-pairing-code');
    await expect(card.getByTestId('whatsapp-pairing-expired')).toBeVisible();
    await expect(card.getByTestId('whatsapp-pairing-code')).toHaveCount(0);
    await expect(card.getByTestId('whatsapp-qr')).toHaveCount(0); // the page is in code mode; "Scan a QR code instead" goes back
    await shot(page, 'whatsapp-link-pairing-expired');
    await card.getByTestId('whatsapp-get-code').click();
    await expect(card.getByTestId('whatsapp-pairing-code')).toHaveText('K2QW-7XZ2');
    wa.latest.typeCode('K2QW7XZ2');
    await expect(state).toHaveAttribute('data-state', 'connected');
    await expect(card.getByTestId('whatsapp-memory')).toContainText('300 MB');
    await shot(page, 'whatsapp-link-connected-memory');

    // The page crashes and closing it hangs: "Reconnecting" until Lavka gives up on it and starts a fresh one.
    wa.latest.hangDestroy = true;
    wa.latest.crashPage();
    await expect(state).toHaveAttribute('data-state', 'reconnecting');
    await expect(page.getByTestId('status-whatsapp')).toContainText('WhatsApp: reconnecting');
    await shot(page, 'whatsapp-link-reconnecting');
    await expect(state).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
    expect(wa.clients).toHaveLength(2);

    // Another WhatsApp Web takes over: everything stops until the owner takes it back.
    wa.latest.disconnect('CONFLICT');
    await expect(state).toHaveAttribute('data-state', 'conflict');
    await expect(card.getByTestId('whatsapp-hard-stop')).toContainText('no Auto replies, no reminders');
    await shot(page, 'whatsapp-link-conflict');
    await card.getByTestId('whatsapp-take-back').click();
    await expect(state).toHaveAttribute('data-state', 'connected');

    wa.latest.disconnect('TOS_BLOCK');
    await expect(state).toHaveAttribute('data-state', 'blocked');
    await shot(page, 'whatsapp-link-blocked');

    // WhatsApp Web changed: three starts in a row fail; the owner is told in plain words while Lavka keeps trying.
    wa.starts.push('auth_timeout', 'auth_timeout', 'auth_timeout', 'never_ready');
    await card.getByTestId('whatsapp-take-back').click();
    await expect(card.getByTestId('whatsapp-web-changed')).toBeVisible({ timeout: 15_000 });
    await shot(page, 'whatsapp-link-web-changed');

    await card.getByTestId('whatsapp-advanced').locator('summary').click();
    await card.getByTestId('whatsapp-advanced').scrollIntoViewIfNeeded();
    await shot(page, 'whatsapp-link-advanced');

    // The same card in Russian: the new words come from their own bundle.
    app.services.settings.update({ preferences: { uiLanguage: 'ru' } });
    await page.reload();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-channels').click();
    await expect(card.getByTestId('whatsapp-web-changed')).toContainText('WhatsApp Web изменился');
    await card.getByTestId('whatsapp-advanced').locator('summary').click();
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'whatsapp-link-ru');
  } finally {
    await server.close();
    await app.close();
  }
});
