// Settings → Channels as the shop owner uses it: connect a Telegram bot (against the fake Bot API server, through the
// real `serve`), see a customer's message arrive and answer it; link WhatsApp by QR (core with the Client double,
// served over the same HTTP server); set the sending pace and watch the queue.
import '../helpers/register-locales'; // first: the core's locale files, without Vite
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { test, expect, shot } from './fixtures';
import { test as plain } from '@playwright/test';
import { FakeTelegram } from '../helpers/fake-telegram';
import { FakeWhatsApp } from '../helpers/fake-whatsapp';
import { createApp, type App } from '../../main/core/app';
import { seedDemo } from '../../main/core/demo/seed';
import { startHttpServer, type RunningServer } from '../../main/server/http-server';

const ROOT = resolve(import.meta.dirname, '../..');
const ANNA = { id: 5001, first_name: 'Anna', last_name: 'Schmidt', username: 'anna_s' };

test.describe('Telegram', () => {
  let tg: FakeTelegram;
  test.beforeEach(async () => {
    tg = await FakeTelegram.start();
  });
  test.afterEach(async () => {
    await tg.close();
  });

  test('the owner pastes a bot token, sees the bot and its link, and talks to a customer through it', async ({ page, lavka }) => {
    await page.goto(lavka.url);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-channels').click();
    const card = page.getByTestId('telegram-card');
    await expect(card.getByTestId('telegram-status')).toHaveAttribute('data-state', 'disabled');

    // A token Telegram does not know: a clear error, nothing connected.
    await card.getByText(/Advanced/).click();
    await card.getByTestId('telegram-apiroot-input').fill(tg.apiRoot);
    await card.getByTestId('telegram-token-input').fill('123456789:AAWrongTokenWrongTokenWrongToken12');
    await card.getByTestId('telegram-check').click();
    await expect(card.getByTestId('telegram-error')).toContainText('Telegram did not accept this token');
    await shot(page, 'channels-telegram-wrong-token');

    await card.getByTestId('telegram-token-input').fill(tg.token);
    await card.getByTestId('telegram-check').click();
    await expect(card.getByTestId('telegram-check-ok')).toContainText('@lavka_test_bot');
    await card.getByTestId('telegram-connect').click();
    await expect(card.getByTestId('telegram-status')).toHaveAttribute('data-state', 'connected');
    await expect(card.getByTestId('telegram-username')).toHaveText('@lavka_test_bot');
    await expect(card.getByTestId('telegram-link')).toHaveAttribute('href', 'https://t.me/lavka_test_bot');
    // The token is a secret: only the bot's number is ever shown.
    await expect(card.getByTestId('telegram-token')).toHaveText('123456789:••••••');
    await expect(page.locator('body')).not.toContainText(tg.token.split(':')[1]);
    await expect(page.getByTestId('status-telegram')).toContainText('connected');
    await shot(page, 'channels-telegram-connected');

    // A customer writes to the bot; the owner answers from the inbox; the customer's Telegram gets it.
    tg.customerWrites(ANNA, 'Hallo! Habt ihr heute Roggenbrot?');
    await page.getByTestId('nav-inbox').click();
    const row = page.getByTestId('conversation-row').filter({ hasText: 'Anna Schmidt (@anna_s)' });
    await expect(row).toBeVisible();
    await row.click();
    await page.getByTestId('composer').fill('Ja, frisch aus dem Ofen!');
    await page.getByTestId('send').click();
    await expect(page.getByTestId('message').filter({ hasText: 'Ja, frisch aus dem Ofen!' })).toHaveAttribute('data-status', 'sent');
    await expect.poll(() => tg.sent.map((m) => [m.chatId, m.text])).toEqual([[5001, 'Ja, frisch aus dem Ofen!']]);
    await shot(page, 'channels-telegram-conversation');

    // Telegram goes down: the status says so, a reply waits in the queue, and goes out when it is back.
    tg.failNext('getUpdates', { kind: 'status', status: 502, description: 'Bad Gateway' }, 50);
    tg.failNext('sendMessage', { kind: 'status', status: 502, description: 'Bad Gateway' }, 1);
    tg.customerWrites(ANNA, 'Super, danke!');
    await expect(page.getByTestId('status-telegram')).toContainText('disconnected');
    await page.getByTestId('composer').fill('Bis später!');
    await page.getByTestId('send').click();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-channels').click();
    await expect(page.getByTestId('queue-telegram-waiting')).toHaveText('Waiting for Telegram to connect');
    await page.getByTestId('queue-card').scrollIntoViewIfNeeded();
    await shot(page, 'channels-telegram-down-queue');
    tg.clearFaults();
    await expect(page.getByTestId('telegram-status')).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
    await expect.poll(() => tg.sent.map((m) => m.text), { timeout: 20_000 }).toContain('Bis später!');
    await expect(page.getByTestId('queue-card')).toContainText(/Nothing is waiting/);

    // The customer blocks the bot: the reply fails visibly in the conversation, and Retry sends it once unblocked.
    tg.blocked.add(ANNA.id);
    await page.getByTestId('nav-inbox').click();
    await page.getByTestId('composer').fill('Noch da?');
    await page.getByTestId('send').click();
    const failed = page.getByTestId('message').filter({ hasText: 'Noch da?' });
    await expect(failed).toHaveAttribute('data-status', 'failed');
    await expect(failed).toContainText('This customer blocked your bot in Telegram');
    await shot(page, 'channels-telegram-failed-retry');
    tg.blocked.clear();
    await failed.getByTestId('retry').click();
    await expect(failed).toHaveAttribute('data-status', 'sent');
    expect(tg.sent.filter((m) => m.text === 'Noch da?')).toHaveLength(1);
  });
});

/** The real core and HTTP server in this process, with the WhatsApp Client double (main/ never contains doubles). */
async function serveWithWhatsAppDouble(wa: FakeWhatsApp): Promise<{ app: App; server: RunningServer }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lavka-e2e-wa-'));
  const app = createApp({
    dataDir,
    env: {},
    channels: { whatsappClient: wa.factory, findBrowser: () => ({ ok: true, path: '/usr/bin/chromium', source: 'detected' }) },
  });
  seedDemo(app.services);
  await app.start();
  const server = await startHttpServer(app, {
    host: '127.0.0.1',
    port: 0,
    token: randomBytes(18).toString('base64url'),
    rendererDir: join(ROOT, process.env.LAVKA_OUT ?? 'out', 'renderer'),
  });
  return { app, server };
}

plain('WhatsApp: connect shows a QR code, scanning connects, a message arrives, a phone logout offers Connect again', async ({ page }) => {
  const wa = new FakeWhatsApp();
  const { app, server } = await serveWithWhatsAppDouble(wa);
  try {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(server.url);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-channels').click();
    const card = page.getByTestId('whatsapp-card');
    await expect(card.getByTestId('whatsapp-browser')).toContainText('/usr/bin/chromium');
    await card.getByTestId('whatsapp-connect').click();
    await expect(card.getByTestId('whatsapp-status')).toHaveAttribute('data-state', 'waiting_for_scan');
    const qr = card.getByTestId('whatsapp-qr').locator('img');
    await expect(qr).toBeVisible();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'channels-whatsapp-qr');

    wa.latest.scan();
    await expect(card.getByTestId('whatsapp-account')).toHaveText('Connected as +49 1520 0000001');
    await expect(page.getByTestId('status-whatsapp')).toContainText('connected');
    await shot(page, 'channels-whatsapp-connected');

    wa.latest.receive({ from: '4917612345678@c.us', body: 'Hi! Can I order a birthday cake for Friday?', pushname: 'Lena' });
    await page.getByTestId('nav-inbox').click();
    await expect(page.getByTestId('conversation-row').filter({ hasText: 'Lena' })).toBeVisible();

    wa.latest.logoutFromPhone();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-channels').click();
    await expect(card.getByTestId('whatsapp-status')).toHaveAttribute('data-state', 'logged_out');
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'channels-whatsapp-logged-out');
    await card.getByTestId('whatsapp-again').click();
    await expect(card.getByTestId('whatsapp-qr')).toBeVisible();
  } finally {
    await server.close();
    await app.close();
  }
});

plain('pacing: a bulk of WhatsApp messages is spread out and shown as a queue with progress', async ({ page }) => {
  const wa = new FakeWhatsApp();
  wa.phone.linked = true;
  const { app, server } = await serveWithWhatsAppDouble(wa);
  try {
    const s = app.services;
    await s.channels.connectWhatsApp();
    await expect.poll(() => s.hub.status('whatsapp').state).toBe('connected');
    // The demo's WhatsApp customers plus ten imported contacts who never wrote: a bulk announcement to all.
    const conversations: number[] = [];
    for (let i = 0; i < 10; i++) {
      const id = s.repos.contacts.create({ name: `Stammkunde ${i + 1}` }, s.clock.now());
      s.repos.contacts.addIdentity(id, 'whatsapp', `+4917000000${String(i).padStart(3, '0')}`, '', s.clock.now());
      conversations.push(s.inbox.ensureConversation(id));
    }
    for (const c of conversations) s.inbox.send(c, 'Frische Croissants ab 7 Uhr! 🥐', { channel: 'whatsapp' });

    await page.goto(server.url);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-channels').click();
    const q = page.getByTestId('queue-whatsapp');
    await expect(q).toContainText('1 of 10 sent');
    await expect(page.getByTestId('queue-whatsapp-waiting')).toContainText('sending pace');
    await expect(page.getByTestId('queue-item')).toHaveCount(9);
    await page.getByTestId('queue-card').scrollIntoViewIfNeeded();
    await shot(page, 'channels-queue-progress');
    expect(wa.latest.sent).toHaveLength(1);

    // Loosen the pace for people who never wrote: the queue drains.
    await page.getByTestId('pacing-whatsapp-coldMinGapSeconds').fill('5');
    await page.getByTestId('pacing-card').getByTestId('settings-save').click();
    await page.getByTestId('pacing-card').scrollIntoViewIfNeeded();
    await shot(page, 'channels-pacing');
    await expect(q).toContainText('2 of 10 sent', { timeout: 15_000 });
  } finally {
    await server.close();
    await app.close();
  }
});
